/**
 * Rules a contact keeps, whether recorded or corrected (rules 2, 3 and 8): every organisation it
 * names is known and every key figure is live; judged on the contact's date, no organisation (nor
 * a key figure's organisation) was excluded or advised against, unless the command acknowledges
 * the breach; a partnership contact has a partner.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { reject, type DomainRejection } from '../errors.js'
import { event, type EventOf } from '../events.js'
import type { QueryItem } from '../query.js'
import type { RegisterState } from '../state.js'
import { activeOn } from '../status.js'
import { checks } from '../checks.js'
import { NonEmptyString, knownDate, knownText, knownUuid } from '../values.js'
import { distinct, knownOrganisation, livePerson, personQuery } from './known.js'
import { blockedOn, rejectionOf, standingQuery, type Blocked } from './standing.js'

// ---------------------------------------------------------------------------------------------
// model

/** The `breach` field of `recordContact` and `correctContact`: why a refused contact is entered anyway (rule 3). */
export const BreachInput = closed('Breach', { reason: NonEmptyString })
export type BreachInput = t.TypeOf<typeof BreachInput>

/** The parties and date of a contact, as rule 2 judges them. */
export interface ContactParties {
  readonly organisationIds: ReadonlyArray<string>
  readonly personIds: ReadonlyArray<string>
  readonly occurredOn: string
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The query items a contact's judgement reads: each organisation's standing, each key figure, and
 * (once the state knows them) each key figure's organisation's standing.
 *
 * @example
 * contactQuery(p.organisationIds, p.personIds ?? [], state)
 */
export const contactQuery = (organisationIds: ReadonlyArray<string>, personIds: ReadonlyArray<string>, state?: RegisterState): QueryItem[] => {
  const viaPersons = personIds.flatMap((id) => {
    const org = state?.persons[id]?.organisationId
    return org === undefined || organisationIds.includes(org) ? [] : [org]
  })
  return [
    ...organisationIds.map((id) => standingQuery(id)),
    ...personIds.map((id) => personQuery(id)),
    ...[...new Set(viaPersons)].map((id) => standingQuery(id)),
  ]
}

// ---------------------------------------------------------------------------------------------
// utils

/**
 * The organisations and key figures of a contact are each named once, known and live. Returns
 * the organisations whose standing rule 2 judges: those named, and those of the key figures.
 *
 * @example
 * reachable(s, p.organisationIds, p.personIds ?? [])
 */
export const reachable = (s: RegisterState, organisationIds: ReadonlyArray<string>, personIds: ReadonlyArray<string>): E.Either<DomainRejection, ReadonlyArray<string>> =>
  pipe(
    checks(
      () => distinct('organisationIds', organisationIds),
      () => distinct('personIds', personIds),
      ...organisationIds.map((id) => () => knownOrganisation(s, id)),
      ...personIds.map((id) => () => livePerson(s, id)),
    ),
    E.map(() => {
      const viaPersons = personIds.flatMap((id) => {
        const org = s.persons[id]?.organisationId
        return org !== undefined && s.organisations[org] !== undefined ? [org] : []
      })
      return [...new Set([...organisationIds, ...viaPersons])]
    }),
  )

/**
 * What rule 2 finds against a contact: for each organisation it counts for (named, or a key
 * figure's), what blocked it on the contact's date.
 *
 * @example
 * blocksOf(s, ['0a…'], '2024-03-05') // [] when nothing blocks
 */
export const blocksOf = (s: RegisterState, organisationIds: ReadonlyArray<string>, occurredOn: string): ReadonlyArray<Blocked> =>
  organisationIds.flatMap((id) => {
    const o = s.organisations[id]
    const b = o === undefined ? undefined : blockedOn(o, occurredOn)
    return b === undefined ? [] : [b]
  })

/**
 * Rule 2 with rule 3: a contact nothing blocks is accepted (no breach events); one that something
 * blocks is refused naming the first block, unless the command acknowledges the breach, when the
 * `BreachAcknowledged` event is returned to append with it. Acknowledging a breach that is none
 * is refused, so the auditor's view never lists a breach that did not happen.
 *
 * @example
 * judgeContact(s, contactId, { organisationIds, personIds, occurredOn }, p.breach)
 */
export const judgeContact = (
  s: RegisterState,
  contactId: string,
  parties: ContactParties,
  breach: BreachInput | undefined,
): E.Either<DomainRejection, ReadonlyArray<EventOf<'BreachAcknowledged'>>> =>
  pipe(
    reachable(s, parties.organisationIds, parties.personIds),
    E.chain((counted) => {
      const blocks = blocksOf(s, counted, parties.occurredOn)
      if (blocks.length === 0)
        return breach === undefined
          ? E.right([])
          : E.left(
              reject(
                'InvalidCommand',
                `nothing blocked this contact on ${parties.occurredOn} (rule 2), so there is no breach to acknowledge; leave out breach`,
                { contactId },
              ),
            )
      if (breach === undefined) return E.left(rejectionOf(blocks[0]!, parties.occurredOn))
      const ids = (tag: 'exclusion' | 'advice') =>
        [...new Set(blocks.flatMap((b) => (b.block._tag === 'exclusion' ? (tag === 'exclusion' ? [b.block.exclusion.decisionId] : []) : tag === 'advice' ? [b.block.advice.adviceId] : [])))].map(knownUuid)
      return E.right([
        event('BreachAcknowledged', {
          contactId: knownUuid(contactId),
          organisationIds: blocks.map((b) => knownUuid(b.organisation.organisationId)),
          occurredOn: knownDate(parties.occurredOn),
          reason: knownText(breach.reason),
          decisionIds: ids('exclusion'),
          adviceIds: ids('advice'),
        }),
      ])
    }),
  )

/**
 * A partnership contact needs a partner: one of its organisations with a partnership active that day.
 *
 * @example
 * partnerPresent(s, p.organisationIds, p.occurredOn)
 */
export const partnerPresent = (
  s: RegisterState,
  organisationIds: ReadonlyArray<string>,
  occurredOn: string,
): E.Either<DomainRejection, void> =>
  organisationIds.some((id) =>
    (s.organisations[id]?.partnershipIds ?? []).some((pid) => {
      const p = s.partnerships[pid]
      return p !== undefined && activeOn(p, occurredOn)
    }),
  )
    ? E.right(undefined)
    : E.left(
        reject(
          'PartnershipMissing',
          `a contact of category partnership needs an organisation with a partnership active on ${occurredOn}; record it as incidental, or start the partnership first`,
          { occurredOn },
        ),
      )
