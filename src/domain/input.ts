/**
 * Bounds on what a command may carry (issue 14: every input bounded and checked). Commands are
 * decoded with these codecs; stored events keep the plain ones of `values.ts`, so registers
 * written before the bounds existed still open. Each refines a plain codec without changing its
 * type, and its name is the message a user reads: `payload.occurredOn: expected a date …`.
 */
import * as t from 'io-ts'
import { closed } from './codec.js'
import { ContactCategory, ContactForm, ExclusionGround, IsoDate, NonEmptyString, Role, Theme, THEMES, Uuid } from './values.js'

// ---------------------------------------------------------------------------------------------
// model

/** The earliest business date a command may name. */
export const MIN_DATE = '1900-01-01'
/** The latest business date a command may name (a future date is refused by the rules, later). */
export const MAX_DATE = '2999-12-31'
/** The nil UUID names nothing, so no command may use it as an id. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000'
/** The longest actor id (an account name). */
export const MAX_ACTOR_ID = 200
/** How many organisations or key figures one contact may name. */
export const MAX_PARTIES = 200
/** How many texts (officials, evidence references) one list may hold. */
export const MAX_TEXTS = 50

/** A date from 1900-01-01 to 2999-12-31. @example DateInput.is('0000-01-01') === false */
export const DateInput = t.refinement(IsoDate, (d) => d >= MIN_DATE && d <= MAX_DATE, `a date YYYY-MM-DD from ${MIN_DATE} to ${MAX_DATE}`)

/** The earliest date a role may be granted or revoked on: no grant predates the register's era. */
export const MIN_GRANT_DATE = '2000-01-01'
/** The date of a grant or a revocation: from 2000-01-01 to 2999-12-31. @example GrantDateInput.is('1999-12-31') === false */
export const GrantDateInput = t.refinement(IsoDate, (d) => d >= MIN_GRANT_DATE && d <= MAX_DATE, `a date YYYY-MM-DD from ${MIN_GRANT_DATE} to ${MAX_DATE}`)

/** A UUID other than the nil UUID. @example IdInput.is(NIL_UUID) === false */
export const IdInput = t.refinement(Uuid, (s) => s !== NIL_UUID, 'a UUID other than the nil UUID')

/**
 * A list of at most `max` elements, each once.
 *
 * @example
 * distinctList(Theme, 6, 'themes').decode(['work', 'work']) // Left: expected a list of at most 6 distinct themes
 */
export const distinctList = <C extends t.Mixed>(item: C, max: number, what: string, min = 0) =>
  t.refinement(
    t.readonlyArray(item),
    (xs) => xs.length >= min && xs.length <= max && new Set(xs).size === xs.length,
    min > 0 ? `a list of ${min} to ${max} distinct ${what}` : `a list of at most ${max} distinct ${what}`,
  )

/** Organisation or person ids of a contact. */
export const IdList = distinctList(IdInput, MAX_PARTIES, 'UUIDs')
/** Texts such as officials' names or evidence references. */
export const TextList = distinctList(NonEmptyString, MAX_TEXTS, 'texts')
/** A contact's themes: each once. */
export const ThemeList = distinctList(Theme, THEMES.length, 'themes')
/** A partnership's themes: at least one, each once. */
export const SomeThemes = distinctList(Theme, THEMES.length, 'themes', 1)

/** A ground of an exclusion as a command gives it, with its evidence references bounded. */
export const GroundInput = closed('Ground', { ground: ExclusionGround, evidenceRefs: TextList })
/** The grounds of an exclusion: each ground once. */
export const GroundList = t.refinement(
  t.readonlyArray(GroundInput),
  (gs) => gs.length <= 10 && new Set(gs.map((g) => g.ground)).size === gs.length,
  'a list of at most 10 grounds, each ground once',
)

/** The fields of a contact a correction may change, bounded as `recordContact`'s. */
export const contactChangesInput = {
  organisationIds: IdList,
  personIds: IdList,
  occurredOn: DateInput,
  form: ContactForm,
  category: ContactCategory,
  themes: ThemeList,
  subject: NonEmptyString,
}

/**
 * An actor id (an account name): a non-empty text of at most 200 characters, without line breaks
 * or tabs and without spaces at either end (ids are compared exactly, so " a.jansen" would be
 * another actor). @example ActorId.is('a.jansen') === true
 */
export const ActorId = t.refinement(
  NonEmptyString,
  (s) => s.length <= MAX_ACTOR_ID && !/[\t\n\r]/u.test(s) && s.trim() === s,
  `an actor id of at most ${MAX_ACTOR_ID} characters (an account name such as a.jansen), without line breaks, tabs or spaces at either end`,
)

/**
 * The actor of a command: `id`, and optionally the `role` it acts in (checked against the grants,
 * never trusted), and nothing else.
 *
 * @example
 * ActorInput.decode({ id: 'a.jansen', role: 'official', note: 'x' }) // Left: actor.note: unknown field
 */
export const ActorInput = closed('Actor', { id: ActorId }, { role: Role })
export type ActorInput = t.TypeOf<typeof ActorInput>
