/**
 * The tables and functions the ledger uses, derived from a record of command modules: the
 * envelope codec and decoder, the role table, the id fields, the query of each command and the
 * decision with its role check. `commands/index.ts` derives the register's own; a test or a tool
 * can derive one from its own modules.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { closed, describeProblems, problemsOf, type FieldProblem } from '../codec.js'
import { decodeError, notHeld, notOpened, reject, unauthorized, type DecodeError, type Unauthorized } from '../errors.js'
import type { Query } from '../query.js'
import type { RegisterState } from '../state.js'
import { ActorInput, IdInput } from '../input.js'
import { hasGrants, rolesOf } from '../policies/roles.js'
import { NonEmptyString, type Role, type Uuid } from '../values.js'
import type { DecideInput, Decision } from './context.js'
import type { CommandModule } from './define.js'
import { proposalMade, proposalQuery } from '../policies/proposals.js'
import { extend } from '../extend.js'

// ---------------------------------------------------------------------------------------------
// model

/** Command modules by command name (each emitting its own event types). */
// `any`: a module's event types vary, and each module keeps its own
export type CommandModules = Readonly<Record<string, CommandModule<t.Mixed, any>>>

/** A decoded command of a registry: the envelope with its typed payload. */
export type CommandsOf<M extends CommandModules> = {
  [K in keyof M & string]: {
    readonly command: K
    readonly actor: ActorInput
    readonly idempotencyKey?: string
    readonly correlationId?: Uuid
    /** When the command is a proposal (rule 19): the proposal's id, so a script can confirm it; else the ledger draws one. */
    readonly proposalId?: Uuid
    readonly payload: t.TypeOf<M[K]['payload']>
  }
}[keyof M & string]

/** What is derived from a record of command modules. */
export interface Registry<M extends CommandModules> {
  readonly modules: M
  readonly names: ReadonlyArray<keyof M & string>
  readonly payloads: { readonly [K in keyof M]: M[K]['payload'] }
  readonly roles: Readonly<Record<keyof M & string, Role>>
  readonly idFields: Readonly<Partial<Record<keyof M & string, string>>>
  readonly envelope: t.Type<{ command: keyof M & string; actor: ActorInput; payload: unknown; idempotencyKey?: string; correlationId?: Uuid; proposalId?: Uuid }, unknown>
  readonly decodeCommand: (u: unknown) => E.Either<DecodeError, CommandsOf<M>>
  readonly fillIds: (command: CommandsOf<M>, nextId: () => string) => CommandsOf<M>
  readonly queryFor: (command: CommandsOf<M>, state?: RegisterState) => Query
  readonly decide: (command: CommandsOf<M>, state: RegisterState, ctx: DecideInput) => Decision
  readonly mayIssue: (role: Role, command: keyof M & string) => boolean
  /** The role a command needs: its module's `roleFor`, else its `role`. */
  readonly roleNeeded: (command: CommandsOf<M>, state: RegisterState) => Role
  /**
   * Whether the acting actor may issue the command (rules 12, 18): the actor must hold the role it
   * needs on `recordedOn`, by the grants in the state; a register without grants takes only its
   * opening administrator grant. The ledger calls it before `decide` on every command.
   */
  readonly authorize: (command: CommandsOf<M>, state: RegisterState, ctx: DecideInput) => E.Either<Unauthorized, Role>
}

// ---------------------------------------------------------------------------------------------
// utils

const prefixed = (prefix: string, problems: ReadonlyArray<FieldProblem>): ReadonlyArray<FieldProblem> =>
  problems.map((p) => ({ ...p, path: p.path === '(root)' ? prefix : `${prefix}.${p.path}` }))

const mapValues = <M extends CommandModules, V>(modules: M, f: (m: CommandModules[string]) => V): Record<keyof M & string, V> =>
  Object.fromEntries(Object.entries(modules).map(([name, m]) => [name, f(m)])) as Record<keyof M & string, V>

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Derives the decoder, the tables and the decision from command modules.
 *
 * @example
 * const { decodeCommand, decide } = deriveRegistry({ retractContact })
 * decodeCommand({ command: 'retractContact', actor, payload: { contactId, reason: 'duplicate' } })
 */
export const deriveRegistry = <M extends CommandModules>(modules: M): Registry<M> => {
  type C = CommandsOf<M>
  type Name = keyof M & string
  const names = Object.keys(modules) as ReadonlyArray<Name>
  const roles = mapValues(modules, (m) => m.role)
  const idFields = Object.fromEntries(
    Object.entries(modules).flatMap(([name, m]) => (m.idField === undefined ? [] : [[name, m.idField]])),
  ) as Partial<Record<Name, string>>
  const nameCodec = t.keyof(Object.fromEntries(names.map((n) => [n, null])) as Record<Name, null>, 'CommandName')
  const envelope = closed(
    'Command',
    { command: nameCodec, actor: ActorInput, payload: t.unknown },
    { idempotencyKey: NonEmptyString, correlationId: IdInput, proposalId: IdInput },
  )

  const decodeCommand = (u: unknown): E.Either<DecodeError, C> => {
    const env = envelope.decode(u)
    if (E.isLeft(env)) {
      const problems = problemsOf(env.left)
      return E.left(decodeError(`not a valid command: ${describeProblems(problems)}`, problems))
    }
    const name: Name = env.right.command
    const module = modules[name]!
    const payload = module.payload.decode(env.right.payload)
    const problems = E.isLeft(payload) ? problemsOf(payload.left) : (module.refine?.(payload.right) ?? [])
    if (E.isLeft(payload) || problems.length > 0) {
      const described = prefixed('payload', problems)
      return E.left(decodeError(`not a valid ${name} command: ${describeProblems(described)}`, described))
    }
    return E.right(extend(env.right, { payload: payload.right }) as C)
  }

  const fillIds = (command: C, nextId: () => string): C => {
    const field = idFields[command.command]
    const payload = command.payload as Record<string, unknown>
    if (field === undefined || payload[field] !== undefined) return command
    return extend(command, { payload: extend(payload, { [field]: nextId() }) }) as C
  }

  const queryFor = (command: C, state?: RegisterState): Query => {
    const q = modules[command.command]!.query(command.payload, state)
    // a proposal named in advance must be new: its append is conditional on its tag
    return command.proposalId === undefined ? q : [...q, ...proposalQuery(command.proposalId)]
  }

  const mayIssue = (role: Role, command: Name): boolean => (modules[command]!.roles ?? [roles[command]]).includes(role)

  /**
   * The roles that may issue a command: the one its module names for this payload and state (a
   * confirmation: the role its proposal needs), or its list of roles, or its one role.
   */
  const rolesAccepted = (command: C, state: RegisterState): ReadonlyArray<Role> => {
    const m = modules[command.command]!
    const dynamic = m.roleFor?.(command.payload, state)
    return dynamic !== undefined ? [dynamic] : (m.roles ?? [roles[command.command]])
  }

  const roleNeeded = (command: C, state: RegisterState): Role => rolesAccepted(command, state)[0]!

  const decide = (command: C, state: RegisterState, ctx: DecideInput): Decision => {
    const actor = ctx.actor ?? command.actor
    const claimed = actor.role
    const accepted = rolesAccepted(command, state)
    if (claimed !== undefined && !accepted.includes(claimed)) return E.left(unauthorized(claimed, command.command, accepted.join(' or ')))
    const module = modules[command.command]!
    const full = extend(ctx, { actor, recordedOn: ctx.recordedOn ?? ctx.today })
    const decided = module.decide(command.payload, state, full)
    // rule 19: a proposal is judged by the command's rules now, and appends only the proposal
    const needs = E.isRight(decided) ? module.proposal?.(command.payload, state) : undefined
    if (needs === undefined)
      return command.proposalId === undefined || E.isLeft(decided)
        ? decided
        : E.left(reject('InvalidCommand', `${command.command} takes effect at once here, it is no proposal (rule 19): leave out proposalId`, {}, 19))
    if (command.proposalId !== undefined && state.proposals?.[command.proposalId] !== undefined)
      return E.left(reject('AlreadyExists', `proposal ${command.proposalId} was made already, at position ${state.proposals[command.proposalId]!.position}`, { proposalId: command.proposalId }, 19))
    const by = { id: full.actor.id, role: full.actor.role ?? roleNeeded(command, state) }
    return E.right([proposalMade(command.command, module.payload.encode(command.payload), needs, by, command.proposalId ?? ctx.commandId)])
  }

  /**
   * The opening grant of a register without grants: an administrator grant, which anyone may make
   * once (grantRole's decision refuses a first grant of any other role, `NotOpened`). Every other
   * command on a register without grants, whatever role it names, is refused: a claimed role is
   * never trusted (rule 18).
   */
  const opens = (command: C): boolean => command.command === 'grantRole'

  const authorize = (command: C, state: RegisterState, ctx: DecideInput): E.Either<Unauthorized, Role> => {
    const actor = ctx.actor ?? command.actor
    const onDate = ctx.recordedOn ?? ctx.today
    const accepted = rolesAccepted(command, state)
    const needed = accepted[0]!
    if (!hasGrants(state)) return opens(command) ? E.right(needed) : E.left(notOpened(actor.id, command.command, needed))
    const held = rolesOf(state, actor.id, onDate)
    if (actor.role !== undefined) {
      if (!accepted.includes(actor.role)) return E.left({ ...unauthorized(actor.role, command.command, accepted.join(' or ')), actorId: actor.id, held })
      return held.includes(actor.role) ? E.right(actor.role) : E.left(notHeld(actor.id, held, command.command, actor.role, onDate))
    }
    // no role named: the first accepted role the actor holds
    const usable = accepted.find((r) => held.includes(r))
    return usable !== undefined ? E.right(usable) : E.left(notHeld(actor.id, held, command.command, needed, onDate))
  }

  const payloads = mapValues(modules, (m) => m.payload) as unknown as Registry<M>['payloads']
  return { modules, names, payloads, roles, idFields, envelope: envelope as unknown as Registry<M>['envelope'], decodeCommand, fillIds, queryFor, decide, mayIssue, roleNeeded, authorize }
}
