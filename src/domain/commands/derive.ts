/**
 * The tables and functions the ledger uses, derived from a record of command modules: the
 * envelope codec and decoder, the role table, the id fields, the query of each command and the
 * decision with its role check. `commands/index.ts` derives the register's own; a test or a tool
 * can derive one from its own modules.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { closed, describeProblems, problemsOf, type FieldProblem } from '../codec.js'
import { decodeError, notHeld, notOpened, unauthorized, type DecodeError, type Unauthorized } from '../errors.js'
import type { Query } from '../query.js'
import type { RegisterState } from '../state.js'
import { ActorInput, IdInput } from '../input.js'
import { hasGrants, rolesOf } from '../policies/roles.js'
import { NonEmptyString, type Role, type Uuid } from '../values.js'
import type { DecideInput, Decision } from './context.js'
import type { CommandModule } from './define.js'

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
  readonly envelope: t.Type<{ command: keyof M & string; actor: ActorInput; payload: unknown; idempotencyKey?: string; correlationId?: Uuid }, unknown>
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
  readonly authorize: (command: CommandsOf<M>, state: RegisterState, ctx: DecideInput, unopened?: Unopened) => E.Either<Unauthorized, Role>
}

/**
 * What a register without grants (one not opened yet, or written before grants existed) takes:
 * `'refuse'` (rule 18: only its opening administrator grant) or `'claimed-roles'` (the transition:
 * the role the command names is trusted, as before grants existed, until the register is opened).
 */
export type Unopened = 'refuse' | 'claimed-roles'

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
    { idempotencyKey: NonEmptyString, correlationId: IdInput },
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
    return E.right({ ...env.right, payload: payload.right } as C)
  }

  const fillIds = (command: C, nextId: () => string): C => {
    const field = idFields[command.command]
    const payload = command.payload as Record<string, unknown>
    if (field === undefined || payload[field] !== undefined) return command
    return { ...command, payload: { ...payload, [field]: nextId() } } as C
  }

  const queryFor = (command: C, state?: RegisterState): Query => modules[command.command]!.query(command.payload, state)

  const mayIssue = (role: Role, command: Name): boolean => roles[command] === role

  const roleNeeded = (command: C, state: RegisterState): Role => modules[command.command]!.roleFor?.(command.payload, state) ?? roles[command.command]

  const decide = (command: C, state: RegisterState, ctx: DecideInput): Decision => {
    const actor = ctx.actor ?? command.actor
    const claimed = actor.role
    if (claimed !== undefined && claimed !== roleNeeded(command, state)) return E.left(unauthorized(claimed, command.command, roleNeeded(command, state)))
    return modules[command.command]!.decide(command.payload, state, { ...ctx, actor, recordedOn: ctx.recordedOn ?? ctx.today })
  }

  /** The opening grant of a register without grants: an administrator grant, which anyone may make once. */
  const opens = (command: C): boolean =>
    command.command === 'grantRole' && (command.payload as { readonly role?: unknown }).role === 'administrator'

  const authorize = (command: C, state: RegisterState, ctx: DecideInput, unopened: Unopened = 'refuse'): E.Either<Unauthorized, Role> => {
    const actor = ctx.actor ?? command.actor
    const onDate = ctx.recordedOn ?? ctx.today
    const needed = roleNeeded(command, state)
    if (!hasGrants(state)) {
      if (opens(command)) return E.right(needed)
      if (unopened === 'refuse' || actor.role === undefined) return E.left(notOpened(actor.id, command.command, needed))
      return actor.role === needed ? E.right(needed) : E.left(unauthorized(actor.role, command.command, needed))
    }
    const held = rolesOf(state, actor.id, onDate)
    if (actor.role !== undefined && actor.role !== needed)
      return E.left({ ...unauthorized(actor.role, command.command, needed), actorId: actor.id, held })
    return held.includes(needed) ? E.right(needed) : E.left(notHeld(actor.id, held, command.command, needed, onDate))
  }

  const payloads = mapValues(modules, (m) => m.payload) as unknown as Registry<M>['payloads']
  return { modules, names, payloads, roles, idFields, envelope: envelope as unknown as Registry<M>['envelope'], decodeCommand, fillIds, queryFor, decide, mayIssue, roleNeeded, authorize }
}
