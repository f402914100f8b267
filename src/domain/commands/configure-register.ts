/**
 * configureRegister (rule 24): an administrator records the register's own settings (the log's
 * origin, the publisher named on reports, the late-entry threshold) as an event, so every
 * rendering and every signed checkpoint follows from the log alone.
 */
import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { closed, type FieldProblem } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { originProblem, settingsQuery } from '../register-settings.js'
import { NonEmptyString } from '../values.js'
import { defineCommand } from './define.js'

export const ConfigureRegister = closed('configureRegister', {}, { origin: NonEmptyString, publisher: NonEmptyString, lateEntryDays: t.number })

const problems = (p: t.TypeOf<typeof ConfigureRegister>): ReadonlyArray<FieldProblem> => {
  const out: FieldProblem[] = []
  if (p.origin === undefined && p.publisher === undefined && p.lateEntryDays === undefined)
    out.push({ path: '', expected: 'at least one of origin, publisher, lateEntryDays' })
  if (p.origin !== undefined) {
    const problem = originProblem(p.origin)
    if (problem !== undefined) out.push({ path: 'origin', expected: problem })
  }
  if (p.lateEntryDays !== undefined && !(Number.isInteger(p.lateEntryDays) && p.lateEntryDays >= 1 && p.lateEntryDays <= 366))
    out.push({ path: 'lateEntryDays', expected: 'a whole number of days from 1 to 366' })
  return out
}

/**
 * The `configureRegister` command: issued by the administrator; emits RegisterConfigured with the
 * settings it changes. The origin is set once: a log keeps its origin, which its checkpoints and
 * its signing key name (`OriginFixed` otherwise).
 */
export const configureRegister = defineCommand({
  payload: ConfigureRegister,
  role: 'administrator',
  emits: ['RegisterConfigured'],
  query: () => settingsQuery,
  refine: problems,
  decide: (p, s) => {
    const now = s.settings
    if (p.origin !== undefined && now?.origin !== undefined && now.origin !== p.origin)
      return E.left(
        reject(
          'OriginFixed',
          `the register's origin is ${now.origin} (recorded at position ${now.position}); a log keeps its origin, which its checkpoints and signing key name: a new origin is a new register`,
          { origin: now.origin },
          24,
        ),
      )
    const changed = {
      ...(p.origin !== undefined && p.origin !== now?.origin ? { origin: p.origin } : {}),
      ...(p.publisher !== undefined && p.publisher !== now?.publisher ? { publisher: p.publisher } : {}),
      ...(p.lateEntryDays !== undefined && p.lateEntryDays !== now?.lateEntryDays ? { lateEntryDays: p.lateEntryDays } : {}),
    }
    if (Object.keys(changed).length === 0) return E.left(reject('InvalidCommand', 'the register is configured so already: this configuration changes nothing'))
    return E.right([event('RegisterConfigured', changed)])
  },
})
