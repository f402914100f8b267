/**
 * The restricted-reads suite (rule 20, issue 15), run on every access log: each restricted read
 * writes exactly one access record; a read without an allowed actor is refused and writes a
 * refusal record; a deleted access record (in the middle, or the last) is detected.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createLedger, restrictedReads, type AccessLog, type EventStore, type KeyStore, type Ledger } from '../../src/index.js'
import { fixedClock } from '../../src/ports/clock.js'
import { sequentialIds } from '../../src/ports/ids.js'
import { memoryProcessingLog } from '../../adapters/memory/index.js'
import { NOW, ORG_A, cmd, run } from '../fixtures/domain.js'

/** One register on a backend: its stores, and a way to delete an access record behind the log's back. */
export interface AccessBackend {
  readonly store: EventStore
  readonly keys: KeyStore
  readonly accessLog: AccessLog
  readonly deleteRecord: (seq: number) => Promise<void>
  readonly cleanup: () => Promise<void>
}

const ADMIN = { id: 'b.beheer', role: 'administrator' } as const
const PERSON = '0190e0a1-7c3b-7000-8000-0000000000f1'
const grant = (actorId: string, role: string, grantedOn = '2025-01-01') => ({ command: 'grantRole', actor: ADMIN, payload: { actorId, role, grantedOn, reason: 'aanstelling' } })

/** A register opened by an administrator, with one reader per role and a key figure. */
const setUp = async (b: AccessBackend): Promise<Ledger> => {
  const ledger = createLedger({ store: b.store, keys: b.keys, accessLog: b.accessLog, processingLog: memoryProcessingLog(), clock: fixedClock(NOW), ids: sequentialIds() })
  await run(
    ledger,
    grant('b.beheer', 'administrator', '2024-01-01'),
    grant('a.jansen', 'official'),
    grant('c.desmet', 'coordinator'),
    grant('r.degroot', 'reporting-officer'),
    grant('p.devries', 'privacy-officer'),
    grant('e.auditor', 'auditor'),
    grant('l.later', 'auditor', '2025-07-01'), // starts after today (2025-06-01)
    { command: 'revokeRole', actor: ADMIN, payload: { actorId: 'e.auditor', role: 'auditor', revokedOn: '2025-12-31', reason: 'einde' } },
    grant('o.oud', 'auditor', '2024-01-01'),
    { command: 'revokeRole', actor: ADMIN, payload: { actorId: 'o.oud', role: 'auditor', revokedOn: '2025-03-01', reason: 'uit dienst' } },
  )
  await run(ledger, cmd.registerOrganisation(), cmd.contact([ORG_A]))
  await run(ledger, { command: 'registerKeyFigure', actor: { id: 'a.jansen', role: 'official' }, payload: { personId: PERSON, organisationId: ORG_A, name: 'Karim Bouzid' } })
  return ledger
}

const countOf = async (log: AccessLog): Promise<number> => {
  const r = await log.read()
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right.length
}

/** Each restricted read, as one call; `who` reads it. */
const READS: ReadonlyArray<{ readonly kind: string; readonly allowed: ReadonlyArray<string>; readonly read: (l: Ledger, who: string | null) => Promise<E.Either<{ _tag: string }, unknown>> }> = [
  { kind: 'confidential-list', allowed: ['r.degroot', 'e.auditor'], read: (l, who) => restrictedReads(l, who).confidentialList({ since: '2024-01-01' }, { format: 'json' }) },
  { kind: 'audit-view', allowed: ['e.auditor'], read: (l, who) => restrictedReads(l, who).auditView({}, { format: 'json' }) },
  { kind: 'key-figure', allowed: ['a.jansen', 'p.devries'], read: (l, who) => restrictedReads(l, who).keyFigure(PERSON) },
  { kind: 'log', allowed: ['e.auditor'], read: (l, who) => restrictedReads(l, who).log({ from: 0 }) },
  { kind: 'export-bundle', allowed: ['e.auditor'], read: (l, who) => restrictedReads(l, who).authorise('export-bundle', { size: 3 }) },
  { kind: 'tiles-with-entries', allowed: ['e.auditor'], read: (l, who) => restrictedReads(l, who).authorise('tiles-with-entries', { size: 3 }) },
  { kind: 'sealed-text', allowed: ['p.devries', 'e.auditor'], read: (l, who) => restrictedReads(l, who).authorise('sealed-text', { contactId: 'x' }) },
  { kind: 'access-log', allowed: ['e.auditor', 'p.devries'], read: (l, who) => restrictedReads(l, who).accessLog() },
]
const PEOPLE = ['b.beheer', 'a.jansen', 'c.desmet', 'r.degroot', 'p.devries', 'e.auditor', 'l.later', 'o.oud', 'n.niemand', null]

/**
 * Registers the suite for one backend.
 *
 * @example
 * describeRestrictedReads('memory', async () => ({ store, keys, accessLog, deleteRecord, cleanup }))
 */
export const describeRestrictedReads = (name: string, open: () => Promise<AccessBackend>): void => {
  describe(`restricted reads on ${name}`, () => {
    it('every restricted read × every actor: only the roles rule 20 names pass, and each read writes exactly one record, allowed or refused', async () => {
      const b = await open()
      try {
        const ledger = await setUp(b)
        for (const r of READS)
          for (const who of PEOPLE) {
            const before = await countOf(b.accessLog)
            const got = await r.read(ledger, who)
            const records = await b.accessLog.read({ from: before })
            if (E.isLeft(records)) throw new Error(records.left.message)
            expect(records.right, `${r.kind} by ${who}`).toHaveLength(1)
            const record = records.right[0]!
            expect(record).toMatchObject({ actor: who, read: { kind: r.kind }, at: NOW })
            if (r.allowed.includes(who ?? '')) {
              expect(E.isRight(got), `${r.kind} by ${who}`).toBe(true)
              expect(record.outcome).toBe('allowed')
            } else {
              expect(E.isLeft(got) && got.left._tag, `${r.kind} by ${who}`).toBe('Unauthorized')
              expect(record.outcome).toBe('refused')
            }
          }
      } finally {
        await b.cleanup()
      }
    })

    it('a refusal names the roles held and the roles that may read; the record holds no name, only ids and parameters', async () => {
      const b = await open()
      try {
        const ledger = await setUp(b)
        const refused = await restrictedReads(ledger, 'a.jansen', { purpose: 'controle' }).confidentialList({}, { format: 'md' })
        expect(E.isLeft(refused) && refused.left.message).toMatch(/reporting-officer or auditor.*"a\.jansen" holds official/)
        const allowed = await restrictedReads(ledger, 'p.devries', { purpose: 'inzageverzoek AVG' }).keyFigure(PERSON)
        expect(E.isRight(allowed) && allowed.right).toMatchObject({ status: 'available', data: { name: 'Karim Bouzid' } })
        const records = await b.accessLog.read()
        expect(E.isRight(records) && records.right.map((r) => [r.actor, r.read, r.purpose, r.outcome, r.roles])).toEqual([
          ['a.jansen', { kind: 'confidential-list', params: { format: 'md' } }, 'controle', 'refused', ['official']],
          ['p.devries', { kind: 'key-figure', params: { personId: PERSON } }, 'inzageverzoek AVG', 'allowed', ['privacy-officer']],
        ])
        expect(JSON.stringify(records)).not.toContain('Karim')
      } finally {
        await b.cleanup()
      }
    })

    it('a malformed purpose or actor is refused before anything is read or logged', async () => {
      const b = await open()
      try {
        const ledger = await setUp(b)
        const long = await restrictedReads(ledger, 'e.auditor', { purpose: 'x'.repeat(201) }).auditView({}, { format: 'json' })
        expect(E.isLeft(long) && long.left._tag).toBe('DecodeError')
        const lines = await restrictedReads(ledger, 'e.auditor', { purpose: 'a\nb' }).auditView({}, { format: 'json' })
        expect(E.isLeft(lines) && lines.left.message).toContain('one line')
        const actor = await restrictedReads(ledger, ' e.auditor').auditView({}, { format: 'json' })
        expect(E.isLeft(actor) && actor.left._tag).toBe('DecodeError')
        expect(await countOf(b.accessLog)).toBe(0)
      } finally {
        await b.cleanup()
      }
    })

    it('the access log verifies; a deleted record in the middle is detected, and so is a deleted last record', async () => {
      for (const victim of ['middle', 'last'] as const) {
        const b = await open()
        try {
          const ledger = await setUp(b)
          for (let i = 0; i < 4; i++) await restrictedReads(ledger, 'e.auditor').auditView({}, { format: 'json' })
          const clean = await restrictedReads(ledger, 'p.devries').accessLog()
          expect(E.isRight(clean) && clean.right.check).toMatchObject({ ok: true, count: 4, problems: [] })
          await b.deleteRecord(victim === 'middle' ? 2 : 4) // 4 is the access-log read itself: the last record
          const after = await restrictedReads(ledger, 'e.auditor').accessLog()
          if (E.isLeft(after)) throw new Error(after.left.message)
          expect(after.right.check.ok, victim).toBe(false)
          expect(after.right.check.problems.join('\n'), victim).toMatch(victim === 'middle' ? /access record 2 is missing/ : /head counts 5 records but 4 are stored: the last record was removed/)
          // a read after it chains on the head, so the removed last record stays a gap the next check names
          const later = await restrictedReads(ledger, 'e.auditor').accessLog()
          expect(E.isRight(later) && later.right.check.problems.join('\n'), victim).toMatch(victim === 'middle' ? /access record 2 is missing/ : /access record 4 is missing/)
        } finally {
          await b.cleanup()
        }
      }
    })

    it('commands append no access record (the append path is untouched)', async () => {
      const b = await open()
      try {
        await setUp(b)
        expect(await countOf(b.accessLog)).toBe(0)
      } finally {
        await b.cleanup()
      }
    })
  })
}
