/**
 * Group commit: the queue that coalesces concurrent calls of one ledger into groups. While one
 * group is in flight, arriving members wait; the next group takes them all, in arrival order (at
 * most `maxCommands` commands, and a member that must run alone in a group of its own). A member
 * arriving when nothing is in flight starts at once, as a group of one. After a group of several,
 * the queue waits one turn of the event loop for their callers' next calls before it takes the next group.
 */

// ---------------------------------------------------------------------------------------------
// model

/** How the queue forms groups. */
export interface GroupPolicy<M> {
  /** The most commands one group takes (a member larger than this still runs, alone). */
  readonly maxCommands: number
  /** How many commands a member brings. */
  readonly size: (member: M) => number
  /** Whether a member must be decided in a group of its own (it reads the committed log itself). */
  readonly alone: (member: M) => boolean
}

/** Runs one group: an answer per member, in order. Must not reject: a failure is each member's answer. */
export type RunGroup<M, R> = (members: ReadonlyArray<M>) => Promise<ReadonlyArray<R>>

// ---------------------------------------------------------------------------------------------
// utils

interface Waiting<M, R> {
  readonly member: M
  readonly resolve: (r: R) => void
  readonly reject: (e: unknown) => void
}

/** The next group: the first waiting member, and those after it that fit. */
const takeGroup = <M, R>(queue: Array<Waiting<M, R>>, policy: GroupPolicy<M>): Array<Waiting<M, R>> => {
  const first = queue[0]!
  if (policy.alone(first.member)) return queue.splice(0, 1)
  let n = 1
  let commands = policy.size(first.member)
  while (n < queue.length) {
    const next = queue[n]!.member
    if (policy.alone(next) || commands + policy.size(next) > policy.maxCommands) break
    commands += policy.size(next)
    n++
  }
  return queue.splice(0, n)
}

/** One turn of the event loop: what the callers just answered do with their answers runs first. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * A group-commit queue over `run`: each call enqueues one member and resolves with its own answer.
 *
 * @example
 * const submit = groupQueue(runGroup, { maxCommands: 64, size: (m) => m.todo.length, alone: () => false })
 * const [a, b] = await Promise.all([submit(m1), submit(m2)]) // one group when m2 arrives while m1 is in flight
 */
export const groupQueue = <M, R>(run: RunGroup<M, R>, policy: GroupPolicy<M>): ((member: M) => Promise<R>) => {
  const queue: Array<Waiting<M, R>> = []
  let running = false
  const drain = async (): Promise<void> => {
    running = true
    let several = false
    for (;;) {
      // after a group of several, their callers are about to send their next calls: wait one turn
      // of the event loop for them, or the next group would start without them (a lone caller never waits)
      if (several) await nextTurn()
      if (queue.length === 0) break
      const group = takeGroup(queue, policy)
      several = group.length > 1
      try {
        const answers = await run(group.map((w) => w.member))
        group.forEach((w, k) => w.resolve(answers[k]!))
      } catch (e) {
        // a port threw: every member of this group hears it (the ledger turns it into a StoreError)
        for (const w of group) w.reject(e)
      }
    }
    running = false
  }
  return (member) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ member, resolve, reject })
      if (!running) void drain()
    })
}
