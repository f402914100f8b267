/** The command plans of the model test with four writers, and how an answer is written down. */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { cmd, ORG_A, ORG_B } from '../../fixtures/domain.js'

export const ORGS = [ORG_A, ORG_B, '0c000000-0000-4000-8000-00000000000c'] as const

/** One step of a writer's plan; `replay` sends an earlier step's command again, key and all. */
export type Step =
  | { readonly kind: 'register'; readonly org: number }
  | { readonly kind: 'contact'; readonly orgs: ReadonlyArray<number> }
  | { readonly kind: 'exclude'; readonly org: number }
  | { readonly kind: 'replay'; readonly of: number }

/** What a writer was answered: the events appended (or replayed) at their positions, or the rejection's tag. */
export interface Answer {
  readonly ok: boolean
  readonly replayed?: boolean
  readonly positions?: ReadonlyArray<number>
  readonly tag?: string
}

export const answerOf = (r: E.Either<{ _tag: string }, { replayed?: boolean; events: ReadonlyArray<{ position: number }> }>): Answer =>
  E.isRight(r) ? { ok: true, replayed: r.right.replayed === true, positions: r.right.events.map((e) => e.position) } : { ok: false, tag: r.left._tag }

export const arbStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), org: fc.nat(2) }),
  { arbitrary: fc.record({ kind: fc.constant('contact' as const), orgs: fc.uniqueArray(fc.nat(2), { minLength: 1, maxLength: 2 }) }), weight: 3 },
  fc.record({ kind: fc.constant('exclude' as const), org: fc.nat(2) }),
  fc.record({ kind: fc.constant('replay' as const), of: fc.nat(20) }),
)

/** Four writers' plans. */
export const arbPlans = fc.array(fc.array(arbStep, { minLength: 2, maxLength: 7 }), { minLength: 4, maxLength: 4 })

/** The fact id of the public statement writer `w` records for its exclusion at step `i`. */
export const factIdOfStep = (w: number, i: number): string => `fa${w}00000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`

const decisionId = (w: number, i: number): string => `e${w}000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
/** The id of the proposal an exclusion step makes (rule 19); the step confirms it next, as v.smit. */
const proposalIdOf = (w: number, i: number): string => `d${w}000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`

/** The commands of writer `w`'s plan, each under its own idempotency key, replays under the key they repeat; and which step each one is. */
export const commandsOf = (w: number, plan: ReadonlyArray<Step>): { commands: unknown[]; origin: number[] } => {
  const commands: unknown[] = []
  const origin: number[] = []
  plan.forEach((s, i) => {
    if (s.kind === 'replay') {
      if (commands.length === 0) return
      const j = s.of % commands.length
      commands.push(commands[j])
      origin.push(origin[j]!)
      return
    }
    if (s.kind === 'exclude') {
      // rule 4: an exclusion cites a recorded public statement, so the step records its own first
      // (a fact id of this step's own, under key `w-s<i>.5`, ordered just before the exclusion)
      const statement = cmd.statement(ORGS[s.org])
      const factId = factIdOfStep(w, i)
      commands.push({ ...statement, payload: { ...statement.payload, factId }, idempotencyKey: `w${w}-s${i}.5` })
      origin.push(i)
    }
    const c =
      s.kind === 'register'
        ? cmd.registerOrganisation(ORGS[s.org], `Stichting ${s.org}`)
        : s.kind === 'contact'
          ? cmd.contact(s.orgs.map((o) => ORGS[o]!), { occurredOn: '2025-02-01' })
          : cmd.exclude([{ ground: 'supports-terrorist-organisation', evidenceRefs: [factIdOfStep(w, i)] }], ORGS[s.org], decisionId(w, i))
    commands.push({ ...c, ...(s.kind === 'exclude' ? { proposalId: proposalIdOf(w, i) } : {}), idempotencyKey: `w${w}-s${i}` })
    origin.push(i)
    if (s.kind === 'exclude') {
      // four eyes (rule 19): a second vetting officer confirms the proposal, under key `w-s<i>.7`
      commands.push({ command: 'confirmProposal', actor: { id: 'v.smit', role: 'vetting-officer' }, payload: { proposalId: proposalIdOf(w, i) }, idempotencyKey: `w${w}-s${i}.7` })
      origin.push(i)
    }
  })
  return { commands, origin }
}
