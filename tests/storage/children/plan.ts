/** What the writer processes of the multi-process tests do: a deterministic plan per writer. */
import { ADMIN, FIXTURE_GRANTS, cmd } from '../../fixtures/domain.js'

/** The organisations registered before the writers start. */
export const ORGANISATIONS = Array.from({ length: 12 }, (_, n) => `0a000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`)

/** The organisations an exclusion races against contacts for (writer k excludes RACED[k]). */
export const RACED = ORGANISATIONS.slice(0, 4)

/** When writer k confirms the exclusion of RACED[k]; writer k+1 confirms it at the same step, racing it (rule 19). */
export const exclusionAt = (k: number): number => 60 + 40 * k

/** The id of the proposal to exclude RACED[k], made before the writers start (four eyes, rule 19). */
export const proposalOf = (k: number): string => `d${k}000000-0000-4000-8000-0000000000d1`

/** The proposal to exclude RACED[k], by v.bakker, made before the writers start. */
export const proposalCommand = (k: number) => ({ ...cmd.exclude(undefined, RACED[k]!, `e${k}000000-0000-4000-8000-0000000000e1`), proposalId: proposalOf(k) })

/** The two confirmers of each proposal, one per racing writer: neither is its proposer. */
const confirmers = [{ id: 'v.smit', role: 'vetting-officer' }, { id: 'v.dijk', role: 'vetting-officer' }] as const

/**
 * The grants the register opens with before the writers start (rule 18): the fixture grants (v.smit
 * among them), then the second confirmer's, v.dijk as vetting officer, by the same administrator.
 */
export const GRANTS: ReadonlyArray<unknown> = [
  ...FIXTURE_GRANTS,
  { command: 'grantRole', actor: ADMIN, payload: { actorId: confirmers[1].id, role: confirmers[1].role, grantedOn: '2000-01-01' } },
]

/**
 * Command i of writer k: mostly contacts with organisations (the raced ones among them), the
 * confirmation of its own exclusion proposal and, at the same step as writer k-1, of that one's
 * (two confirmations of one proposal racing: one takes effect), every 50th a new organisation;
 * each with an idempotency key of its own.
 */
export const writerCommand = (k: number, i: number): Record<string, unknown> & { idempotencyKey: string } => {
  const idempotencyKey = `w${k}-${i}`
  const previous = (k + RACED.length - 1) % RACED.length
  if (i === exclusionAt(k)) return { command: 'confirmProposal', actor: confirmers[0], payload: { proposalId: proposalOf(k) }, idempotencyKey }
  if (i === exclusionAt(previous)) return { command: 'confirmProposal', actor: confirmers[1], payload: { proposalId: proposalOf(previous) }, idempotencyKey }
  if (i % 50 === 49)
    return { ...cmd.registerOrganisation(`0b${k}00000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, `Nieuwe stichting ${k}-${i}`), idempotencyKey }
  const org = ORGANISATIONS[(k * 7 + i * 5) % ORGANISATIONS.length]!
  // dated after the exclusions (2025-01-10), so rule 2 refuses a raced organisation once its exclusion is in
  return { ...cmd.contact([org], { subject: `overleg ${k}-${i}`, occurredOn: '2025-02-01' }), idempotencyKey }
}
