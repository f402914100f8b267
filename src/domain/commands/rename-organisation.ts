/**
 * renameOrganisation (the Terms, rule 7): a coordinator records that an organisation is called
 * differently from a date on. Reports show the name valid at the end of their period, so a
 * rename in 2026 never shows in the 2024 overview; `correctOrganisation` remains the fix for a
 * mistake, which every period shows.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { closed } from '../codec.js'
import { reject } from '../errors.js'
import { event } from '../events.js'
import { DateInput, IdInput } from '../input.js'
import { knownOrganisation } from '../policies/known.js'
import { identityQuery, noDuplicateName } from '../policies/identity.js'
import { NonEmptyString, knownUuid } from '../values.js'
import { notInFuture } from '../checks.js'
import { defineCommand } from './define.js'

export const RenameOrganisation = closed('renameOrganisation', { organisationId: IdInput, name: NonEmptyString, effectiveOn: DateInput, reason: NonEmptyString })

/**
 * The `renameOrganisation` command: issued by the coordinator; emits OrganisationRenamed.
 * Refused for an unknown organisation, an effective date in the future (`FutureDate`), a name
 * the organisation already has on that date, and a name that is another organisation's
 * (`DuplicateOrganisation`, rule 23).
 *
 * @example
 * { command: 'renameOrganisation', actor: { id: 'c.desmet', role: 'coordinator' },
 *   payload: { organisationId, name: 'Stichting Noor Utrecht', effectiveOn: '2026-01-01', reason: 'statutenwijziging' } }
 */
export const renameOrganisation = defineCommand({
  payload: RenameOrganisation,
  role: 'coordinator',
  emits: ['OrganisationRenamed'],
  query: () => [identityQuery()],
  decide: (p, s, ctx) =>
    pipe(
      knownOrganisation(s, p.organisationId.toLowerCase()),
      E.chainFirst(() => notInFuture('effectiveOn', p.effectiveOn, ctx.today)),
      E.chainFirst((o) =>
        o.name === p.name ? E.left(reject('InvalidCommand', `organisation ${o.organisationId} is already called ${p.name}`, { organisationId: o.organisationId })) : E.right(undefined),
      ),
      E.chainFirst((o) => noDuplicateName(s, p.name, o.organisationId)),
      E.map((o) => [event('OrganisationRenamed', { organisationId: knownUuid(o.organisationId), name: p.name, effectiveOn: p.effectiveOn, reason: p.reason })]),
    ),
})
