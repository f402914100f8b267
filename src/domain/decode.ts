/**
 * Decoding a command from untrusted JSON: the envelope first, then the payload by the command's
 * own codec. Errors name each field path and what was expected; values of personal fields are
 * never echoed.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describeProblems, problemsOf, type FieldProblem } from './codec.js'
import { Envelope, commandPayloads, type Command, type CommandName } from './commands.js'
import { decodeError, type DecodeError } from './errors.js'

const prefixed = (prefix: string, problems: ReadonlyArray<FieldProblem>): ReadonlyArray<FieldProblem> =>
  problems.map((p) => ({ ...p, path: p.path === '(root)' ? prefix : `${prefix}.${p.path}` }))

/**
 * Decodes one command. Never throws: anything that is not a valid command is a `DecodeError`.
 *
 * @example
 * const r = decodeCommand(JSON.parse(line))
 * if (E.isLeft(r)) console.error(r.left.message) // "payload.occurredOn: expected a date YYYY-MM-DD"
 */
export const decodeCommand = (u: unknown): E.Either<DecodeError, Command> => {
  const env = Envelope.decode(u)
  if (E.isLeft(env)) {
    const problems = problemsOf(env.left)
    return E.left(decodeError(`not a valid command: ${describeProblems(problems)}`, problems))
  }
  const name: CommandName = env.right.command
  const codec = commandPayloads[name] as unknown as { decode: (u: unknown) => E.Either<import('io-ts').Errors, unknown> }
  const payload = codec.decode(env.right.payload)
  if (E.isLeft(payload)) {
    const problems = prefixed('payload', problemsOf(payload.left))
    return E.left(decodeError(`not a valid ${name} command: ${describeProblems(problems)}`, problems))
  }
  const p = payload.right as Record<string, unknown>
  if (name === 'recordContact' && p['category'] === 'partnership' && p['subject'] === undefined) {
    const problems = [{ path: 'payload.subject', expected: 'a subject (required for category partnership)' }]
    return E.left(decodeError(`not a valid recordContact command: ${describeProblems(problems)}`, problems))
  }
  return E.right({ ...env.right, payload: payload.right } as Command)
}
