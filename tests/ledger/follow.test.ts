import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import { memoryEventStore } from '../../adapters/memory/index.js'
import type { EventStore } from '../../src/ports/event-store.js'
import { followLog } from '../../src/index.js'
import { sampleOrganisation } from '../../src/testing/index.js'

const collect = async (store: EventStore, from: number, count: number, pollMs = 5) => {
  const stop = new AbortController()
  const seen: number[] = []
  for await (const e of followLog(store, from, { signal: stop.signal, pollMs, pageSize: 3 })) {
    seen.push(e.position)
    if (seen.length === count) stop.abort()
  }
  return seen
}

describe('followLog', () => {
  it('yields the events already stored from a position, then new ones as they are appended, in order', async () => {
    const store = memoryEventStore()
    for (let i = 0; i < 5; i++) await store.append([sampleOrganisation(i)])()
    const following = collect(store, 2, 9)
    for (let i = 5; i < 11; i++) {
      await new Promise((r) => setTimeout(r, 2))
      await store.append([sampleOrganisation(i), sampleOrganisation(100 + i)].slice(0, i % 2 === 0 ? 1 : 2))()
    }
    expect(await following).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('never skips a position that becomes visible after a later one (transactions committing out of order)', async () => {
    const inner = memoryEventStore()
    for (let i = 0; i < 8; i++) await inner.append([sampleOrganisation(i)])()
    // positions 3-5 belong to a transaction that commits later: hidden from the first reads
    let reads = 0
    const racy: EventStore = {
      ...inner,
      read: (options) => () => {
        reads += 1
        return inner.read(options)().then((r) => (E.isRight(r) && reads <= 3 ? E.right(r.right.filter((e) => e.position < 3 || e.position > 5)) : r))
      },
    }
    expect(await collect(racy, 0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })

  it('ends when its signal aborts, and throws the store error when a read fails', async () => {
    const stop = new AbortController()
    stop.abort()
    const none: number[] = []
    for await (const e of followLog(memoryEventStore(), 0, { signal: stop.signal })) none.push(e.position)
    expect(none).toEqual([])
    const broken: EventStore = { ...memoryEventStore(), read: () => TE.left({ _tag: 'StoreError', reason: 'unreachable', message: 'gone' }) }
    await expect(collect(broken, 0, 1)).rejects.toMatchObject({ error: { reason: 'unreachable' } })
  })
})
