/**
 * `init --administrator ID`: opens a register by granting its first administrator (rule 18).
 * `roles show --actor ID`: the roles an actor holds on a date, by the grants. `roles suggest`: the
 * actors the history shows with the roles their commands claimed, as suggestions for the
 * administrator who grants them (never granted by this command).
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { ActorId, businessDateOf, claimedRoles, grantsOf, isIsoDate, maskSealed, openRegister, pages, rolesOf, StoreFailure, type StoredEvent } from '../../src/index.js'
import { actorOption, resolveActor } from '../actor.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println, wholeNumber } from '../io.js'

const dateOf = (option: string) => (value: string): string => {
  if (!isIsoDate(value)) throw usage(`${option} takes a date YYYY-MM-DD, got "${value}"`)
  return value
}

const readEvents = async (ledger: Parameters<Parameters<typeof usingLedger>[1]>[0]['ledger'], at?: number): Promise<ReadonlyArray<StoredEvent>> => {
  const out: StoredEvent[] = []
  try {
    for await (const page of pages(ledger.store, { from: 0, ...(at !== undefined ? { to: at } : {}) })) out.push(...page)
  } catch (e) {
    if (e instanceof StoreFailure) throw new CliError(e.error.message, 2)
    throw e
  }
  return out
}

const stateOf = async (ledger: Parameters<Parameters<typeof usingLedger>[1]>[0]['ledger'], at?: number) => {
  const s = await ledger.state(at)
  if (E.isLeft(s)) throw new CliError(s.left.message, 2)
  return s.right
}

/**
 * Registers `init` and the `roles` group.
 *
 * @example
 * registerRoles(program) // contact-ledger init --administrator b.beheer; contact-ledger roles suggest
 */
export const registerRoles = (program: Command): void => {
  withStore(
    program
      .command('init')
      .summary('open a register by granting its first administrator')
      .description(
        'Opens a register (new, or one written before roles were recorded in it) by granting its first administrator (DOMAIN.md rule 18). ' +
          'The administrator then grants every other actor their role (grantRole, through exec --actor ADMINISTRATOR); ' +
          'until a register is opened it can be read, verified and reported on, but not written to. ' +
          'Answers with one JSON line, as exec does; refused (exit 1) on a register that has grants already.',
      )
      .requiredOption('--administrator <id>', 'the account name of the first administrator')
      .option('--granted-on <date>', 'the date the grant starts (default today, Europe/Amsterdam)', dateOf('--granted-on'))
      .option('--reason <text>', 'why (recorded with the grant)'),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger init --store sqlite:register.db --administrator b.beheer')
    .action(async (opts: { store?: string; administrator: string; grantedOn?: string; reason?: string }) => {
      if (!ActorId.is(opts.administrator)) throw usage(`--administrator takes an account name such as b.beheer (at most 200 characters, no line breaks, tabs or spaces at either end), got ${JSON.stringify(opts.administrator.slice(0, 60))}`)
      const administrator = opts.administrator
      const r = await usingLedger(opts, ({ ledger }) =>
        openRegister(ledger, administrator, { ...(opts.grantedOn !== undefined ? { grantedOn: opts.grantedOn } : {}), ...(opts.reason !== undefined ? { reason: opts.reason } : {}) }),
      )
      if (E.isLeft(r)) {
        if (r.left._tag === 'StoreError') throw new CliError(r.left.message, 2)
        println(JSON.stringify({ ok: false, error: { _tag: r.left._tag, message: r.left.message } }))
        process.exitCode = 1
        return
      }
      println(JSON.stringify({ ok: true, events: r.right.events.map((e) => ({ position: e.position, type: e.type })) }))
    })

  const roles = program.command('roles').summary("who holds which role: the register's grants, and suggestions from its history")

  withStore(
    actorOption(
      roles
        .command('show')
        .summary("an actor's roles on a date, by the grants")
        .description("Prints the roles an actor holds on a date (default today) by the register's grants, and every grant and revocation of the actor, as one JSON object.")
        .option('--on <date>', 'the date (default today, Europe/Amsterdam)', dateOf('--on'))
        .option('--at <n>', 'read the register as of its first N entries', wholeNumber('--at')),
      'the actor whose roles to show',
    ),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger roles show --actor a.jansen --on 2026-01-15')
    .action(async (opts: { store?: string; actor?: string; on?: string; at?: number }) => {
      const actor = resolveActor(opts)
      if (actor === undefined) throw usage('name the actor: contact-ledger roles show --actor ID (or set CONTACT_LEDGER_ACTOR)')
      const out = await usingLedger(opts, async ({ ledger }) => {
        const state = await stateOf(ledger, opts.at)
        const on = opts.on ?? businessDateOf(ledger.clock.now())
        return {
          actorId: actor,
          on,
          logSize: state.size,
          roles: rolesOf(state, actor, on),
          grants: grantsOf(state, actor).map((g) => ({
            role: g.role,
            grantedOn: g.grantedOn,
            position: g.position,
            // a reason is sealed (rule 21): shown as the marker `log` prints; plaintext history as it is
            ...(g.reason !== undefined ? { reason: maskSealed(g.reason) } : {}),
            ...(g.revoked !== undefined ? { revokedOn: g.revoked.revokedOn, revokedAt: g.revoked.position } : {}),
          })),
        }
      })
      println(JSON.stringify(out))
    })

  withStore(
    roles
      .command('suggest')
      .summary('the actors the history shows, with the roles they claimed (suggestions, never grants)')
      .description(
        'Lists every actor the log shows with the roles their commands claimed (on a register written before roles were recorded, every role was self-declared), ' +
          'and the roles the grants give them today. Suggestions for the administrator only: nothing is granted. ' +
          'Each line is one JSON object: actorId, claimed (role, events, firstRecordedAt, lastRecordedAt), granted; ' +
          'with --commands, the grantRole commands an administrator could review and run instead (exec --actor ADMINISTRATOR).',
      )
      .option('--commands', 'print grantRole commands for the claimed roles not granted, for review'),
  )
    .addHelpText('after', '\nExample:\n  contact-ledger roles suggest --store sqlite:register.db --commands > grants.jsonl')
    .action(async (opts: { store?: string; commands?: boolean }) => {
      const out = await usingLedger(opts, async ({ ledger }) => {
        const events = await readEvents(ledger)
        const state = await stateOf(ledger)
        const today = businessDateOf(ledger.clock.now())
        return { claims: claimedRoles(events, state, today), today }
      })
      for (const c of out.claims) {
        if (opts.commands !== true) {
          println(JSON.stringify(c))
          continue
        }
        for (const claim of c.claimed)
          if (!c.granted.includes(claim.role) && claim.role !== 'administrator')
            println(JSON.stringify({ command: 'grantRole', payload: { actorId: c.actorId, role: claim.role, grantedOn: out.today, reason: `claimed on ${claim.events} events before roles were recorded` } }))
      }
    })
}
