/** `demo`: builds a fresh demo register from a realistic 2023-2025 history and summarises it. */
import type { Command } from 'commander'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { createLedger, fixedClock, hasGrants, openFreeText, restrictedReads, sequentialIds, CONTACT_CATEGORIES, type EventStore, type Ledger } from '../../src/index.js'
import { accessLogFor } from '../access-log-store.js'
import { signedCheckpoint, verifyLog } from '../../src/audit/index.js'
import { demoHistory } from '../demo/history.js'
import { timeline } from '../demo/timeline.js'
import { DEMO_OUTPUT, demoReports } from '../demo/reports.js'
import { openStore } from '../stores.js'
import { keyLocation, signerForStore } from '../keys.js'
import { storeVerifyOptions } from './verify.js'
import { CliError } from '../errors.js'
import { println } from '../io.js'

/** Where the demo builds its register when no `--store` is given. */
export const DEMO_DB = './demo-output/demo.db'

/** Deletes an earlier demo register (and its WAL and key store) and names a fresh one. */
const freshDemoStore = (): string => {
  mkdirSync(dirname(DEMO_DB), { recursive: true })
  for (const suffix of ['', '-wal', '-shm', '.keys', '.keys-wal', '.keys-shm', '.key', '.checkpoint', '.access', '.access-wal', '.access-shm']) rmSync(`${DEMO_DB}${suffix}`, { force: true })
  return `sqlite:${DEMO_DB}`
}

/**
 * Signs a checkpoint of the demo register (with a key beside a SQLite register, made on first
 * use) and verifies the whole log: every leaf, the root, the checkpoint, every snapshot.
 */
const demoVerification = async (store: EventStore, url: string): Promise<string> => {
  const located = keyLocation({ store: url })
  let signed = 'no checkpoint signed (a memory: store has no key; give one with contact-ledger checkpoint --key PATH)'
  if (located !== undefined) {
    const signer = await signerForStore({ store: url }, store, { create: true })
    const cp = await signedCheckpoint(store, signer)()
    if (E.isLeft(cp)) throw new CliError(cp.left.message, 2)
    signed = `checkpoint of size ${cp.right.treeSize} signed by ${signer.name} (key ${located.path})`
  }
  const result = await verifyLog(store, storeVerifyOptions({ store: url }, store))()
  if (E.isLeft(result)) throw new CliError(result.left.message, 2)
  const r = result.right
  return r._tag === 'Verified'
    ? `Verification: ${r.treeSize} entries, root ${Buffer.from(r.rootHash).toString('base64')}; ${signed}; ${r.checkpoints} checkpoint(s) checked${r.signaturesChecked ? ', signatures valid' : ''}`
    : `Verification FAILED: ${r.message}`
}

/**
 * Restricted reads on the demo register (rule 20), and an excerpt of the access log they leave:
 * the readers granted first (an administrator where the history opened none), then a reporting
 * officer reads the confidential list, an official is refused the auditor's view, and the auditor
 * reads the access log.
 */
const demoAccess = async (ledger: Ledger): Promise<ReadonlyArray<string>> => {
  const state = await ledger.state()
  if (E.isLeft(state)) throw new CliError(state.left.message, 2)
  const admin = { id: 'b.beheer', role: 'administrator' }
  const grant = (actorId: string, role: string) => ({ command: 'grantRole', actor: admin, payload: { actorId, role, grantedOn: DEMO_NOW.slice(0, 10), reason: 'inzage volgens regel 20' } })
  const grants = [...(hasGrants(state.right) ? [] : [grant('b.beheer', 'administrator')]), grant('r.degroot', 'reporting-officer'), grant('e.auditor', 'auditor'), grant('a.jansen', 'official')]
  for (const g of grants) {
    const r = await ledger.execute(g)
    if (E.isLeft(r) && r.left._tag !== 'AlreadyExists') throw new CliError(`the demo could not grant ${g.payload.role} to ${g.payload.actorId}: ${r.left.message}`, 2)
  }
  await restrictedReads(ledger, 'r.degroot', { purpose: 'jaarverslag 2024' }).confidentialList({ since: '2024-01-01', until: '2024-12-31' }, { format: 'csv' })
  await restrictedReads(ledger, 'a.jansen').auditView({}, { format: 'md' })
  const read = await restrictedReads(ledger, 'e.auditor', { purpose: 'controle Auditdienst Rijk' }).accessLog()
  if (E.isLeft(read)) throw new CliError(read.left.message, 2)
  return read.right.records.slice(-3).map((r) => {
    const params = Object.entries(r.read.params).map(([k, v]) => `${k}=${v}`).join(' ')
    return `  ${r.seq}  ${r.at}  ${r.actor ?? '(no actor)'}  ${r.outcome}  ${r.read.kind}${params !== '' ? ` ${params}` : ''}${r.purpose !== undefined ? `  purpose: "${r.purpose}"` : ''}`
  })
}

/** The demo register's settings (rule 24), recorded first so that its reports and checkpoints are fit to publish. */
export const DEMO_SETTINGS = { origin: 'szw.example/contact-ledger', publisher: 'Ministerie van Sociale Zaken en Werkgelegenheid' } as const

/** The instant the demo history is entered at: after its last business date. */
export const DEMO_NOW = '2026-01-15T09:00:00.000Z'

/** The grants the demo register opens with: its administrator, then each actor of the history (rules 12, 18). */
export const DEMO_GRANTS: ReadonlyArray<object> = [
  ['b.beheer', 'administrator'],
  ['c.desmet', 'coordinator'],
  ['a.jansen', 'official'],
  ['v.bakker', 'vetting-officer'],
  ['v.smit', 'vetting-officer'],
  ['p.visser', 'privacy-officer'],
  ['r.dekker', 'reporting-officer'],
].map(([actorId, role]) => ({ command: 'grantRole', actor: { role: 'administrator' }, payload: { actorId, role, grantedOn: '2023-01-02', reason: 'aanstelling' } }))

export const registerDemo = (program: Command): void => {
  program
    .command('demo')
    .summary('build a demo register (2023-2025) and summarise it')
    .description(
      'Builds a fresh demo register from a realistic example history (2023 to 2025): organisations of every kind, ' +
        'contacts of all three categories, endorsements, partnerships, an advice against an organisation, an ' +
        'exclusion that ends a partnership, refused commands, a correction, a retraction and a key figure.',
    )
    .option('--store <url>', `where to build it (default: a fresh SQLite register at ${DEMO_DB})`)
    .option('--out <dir>', 'where to write the 2024 overview (html, csv) and the confidential list', DEMO_OUTPUT)
    .addHelpText('after', '\nExample:\n  contact-ledger demo')
    .action(async (options: { store?: string; out: string }) => {
      const opts = { store: options.store ?? freshDemoStore(), out: options.out }
      // a register in a folder that does not exist yet (demo --out X --store sqlite:X/d.db): make the folder
      if (opts.store.startsWith('sqlite:')) mkdirSync(dirname(opts.store.slice('sqlite:'.length)), { recursive: true })
      const opened = await openStore(opts.store)
      try {
        const size = await opened.store.size()()
        if (E.isLeft(size)) throw new CliError(size.left.message, 2)
        if (size.right > 0) throw new CliError(`the demo builds a fresh register, but ${opts.store} holds ${size.right} entries; name an empty store`, 2)
        const clock = fixedClock(DEMO_NOW)
        const ledger = createLedger({ store: opened.store, keys: opened.keys, clock, ids: sequentialIds('de100000') })
        const refused: string[] = []
        let accepted = 0
        const entered = timeline(demoHistory(), DEMO_NOW)
        // the register's settings first, on the day the history starts: the origin and publisher every rendering names
        clock.set(entered[0]?.recordedAt ?? DEMO_NOW)
        // opened by its first administrator, who grants each actor of the history its role (rules 12, 18)
        for (const grant of DEMO_GRANTS) {
          const r = await ledger.as('b.beheer').execute(grant)
          if (E.isLeft(r)) throw new CliError(r.left.message, 2)
        }
        const configured = await ledger.as('b.beheer').execute({ command: 'configureRegister', payload: DEMO_SETTINGS })
        if (E.isLeft(configured)) throw new CliError(configured.left.message, 2)
        // each command recorded on its own business date, in date order (demo/timeline.ts)
        for (const { command, recordedAt } of entered) {
          clock.set(recordedAt)
          const r = await ledger.execute(command)
          if (E.isRight(r)) accepted++
          else if (r.left._tag === 'StoreError') throw new CliError(r.left.message, 2)
          else refused.push(`  ${command.command} refused: ${r.left._tag}: ${r.left.message}`)
        }
        const state = await ledger.state()
        if (E.isLeft(state)) throw new CliError(state.left.message, 2)
        const s = state.right
        const orgs = Object.values(s.organisations)
        const contacts = Object.values(s.contacts).filter((c) => c.retracted === undefined)
        println(`contact-ledger demo: ${accepted} commands accepted, ${refused.length} refused, ${s.size} events in ${opts.store}`)
        println('')
        println('Grants (rule 18: the roles each actor holds, granted by the administrator b.beheer):')
        for (const [actorId, grants] of Object.entries(s.grants ?? {}))
          for (const g of grants) println(`  ${actorId.padEnd(12)} ${g.role.padEnd(18)} from ${g.grantedOn}${g.revoked !== undefined ? ` until ${g.revoked.revokedOn}` : ''}`)
        println('')
        println(`Organisations: ${orgs.length}`)
        const byKind = new Map<string, number>()
        for (const o of orgs) byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1)
        for (const [kind, count] of [...byKind].sort()) println(`  ${kind.padEnd(28)} ${count}`)
        println('')
        println('Contacts (retracted ones left out)   2023  2024  2025')
        for (const category of CONTACT_CATEGORIES) {
          const per = [2023, 2024, 2025].map((y) => contacts.filter((c) => c.category === category && c.occurredOn.startsWith(String(y))).length)
          println(`  ${category.padEnd(34)} ${per.map((n) => String(n).padStart(4)).join('  ')}`)
        }
        const partnerships = Object.values(s.partnerships)
        println('')
        println(`Partnerships: ${partnerships.length} (${partnerships.filter((p) => p.ended === undefined).length} active)`)
        for (const p of partnerships.filter((p) => p.ended !== undefined))
          println(`  ${s.organisations[p.organisationId]?.name}: ended ${p.ended!.endedOn} (${p.ended!.reason})`)
        const renamed = Object.values(s.organisations).filter((o) => (o.renames ?? []).length > 0)
        if (renamed.length > 0) {
          println('')
          println('Renamed (reports show the name valid at the end of their year):')
          for (const o of renamed)
            for (const r of o.renames!) println(`  ${o.registeredName ?? o.name} -> ${r.name} from ${r.effectiveOn}: overview ${Number(r.effectiveOn.slice(0, 4)) - 1} "${o.registeredName ?? o.name}", ${r.effectiveOn.slice(0, 4)} "${r.name}"`)
        }
        // rules 2 and 3: a contact is judged on its own date; a breach is recorded, never hidden
        const namesOf = (c: (typeof contacts)[number]) => c.organisationIds.map((o) => s.organisations[o]?.name ?? o).join(', ')
        const excludedLater = (c: (typeof contacts)[number]) =>
          c.organisationIds.flatMap((o) => s.organisations[o]?.exclusions ?? []).find((x) => x.decidedOn > c.occurredOn && x.position < c.position)
        const late = contacts.flatMap((c) => {
          const x = excludedLater(c)
          return x === undefined ? [] : [{ c, x }]
        })
        const breached = contacts.filter((c) => (c.breaches ?? []).length > 0)
        if (late.length + breached.length > 0) {
          println('')
          println("The letter's line, judged on each contact's own date (rules 2 and 3):")
          for (const { c, x } of late)
            println(`  late entry: a contact of ${c.occurredOn} with ${namesOf(c)}, entered ${c.recordedAt.slice(0, 10)} after its exclusion of ${x.decidedOn}: accepted, as it took place before`)
          for (const c of breached)
            for (const b of c.breaches!) {
              const review = c.breachReviews?.[0]
              // the operator's own summary of the demo shows the sealed reason (rule 21)
              const reason = await openFreeText(ledger.keys, b.reason)
              if (E.isLeft(reason)) throw new CliError(reason.left.message, 2)
              println(`  acknowledged breach: a contact of ${c.occurredOn} with ${namesOf(c)} ("${reason.right}"), recorded at once; ${review === undefined ? 'awaiting a coordinator\'s review' : `reviewed ${review.reviewedOn}`}`)
            }
        }
        const proposals = Object.values(s.proposals ?? {}).sort((a, b) => a.position - b.position)
        if (proposals.length > 0) {
          println('')
          println('Four eyes (rule 19): proposals take effect only when a second actor of the role confirms them:')
          for (const p of proposals)
            println(`  ${p.command} proposed by ${p.proposedBy.id} (position ${p.position}): ${p.closed === undefined ? `open, waiting for a ${p.role}` : `${p.closed.outcome} by ${p.closed.by.id} (position ${p.closed.position})`}`)
        }
        println('')
        println('Refused, as the rules require:')
        for (const line of refused) println(line)
        if (options.store === undefined) {
          println('')
          println(`The register is in ${DEMO_DB} (its key store beside it, ${DEMO_DB}.keys); read it with`)
          println(`  contact-ledger log --store sqlite:${DEMO_DB}`)
        }
        const accessLog = await accessLogFor(opened)
        try {
          clock.set(DEMO_NOW)
          const excerpt = await demoAccess(createLedger({ store: opened.store, keys: opened.keys, clock, ids: sequentialIds('de200000'), accessLog }))
          println('')
          println('Access log (rule 20): who read what that is not public, an excerpt (contact-ledger access-log --actor AUDITOR):')
          for (const line of excerpt) println(line)
        } finally {
          await accessLog.close()
        }
        const reports = await demoReports(opened.store, opts.out)
        println('')
        println(reports.table)
        println(`Written to ${opts.out}:`)
        for (const path of reports.written) println(`  ${path}`)
        println('')
        println(await demoVerification(opened.store, opts.store))
      } finally {
        await opened.close()
      }
    })
}
