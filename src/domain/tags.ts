/**
 * Tags of events (DESIGN.md, "Consistency"): every event names the entities it concerns, so a
 * decision can read exactly the events it depends on and append on that condition. Which tags an
 * event carries is said by its family (`events/<family>.ts`); these are the tags' spellings.
 */

/** The tag of an organisation. @example orgTag(id) === `organisation:${id}` */
export const orgTag = (id: string): string => `organisation:${id}`
export const contactTag = (id: string): string => `contact:${id}`
export const personTag = (id: string): string => `person:${id}`
export const partnershipTag = (id: string): string => `partnership:${id}`
export const reportTag = (id: string): string => `report:${id}`
export const decisionTag = (id: string): string => `decision:${id}`
export const adviceTag = (id: string): string => `advice:${id}`
export const factTag = (id: string): string => `fact:${id}`
/** The tag of a recipient on the recipient list (rule 8). */
export const recipientTag = (id: string): string => `recipient:${id}`
/** The tag of a record with sealed free text (rule 21): every event that sealed under its key, and its redaction. */
export const textTag = (id: string): string => `text:${id}`

/**
 * Whether an event with these tags needs its sealed record's text tag to be found by a redaction:
 * not when it carries the record's contact tag already (a contact's events, the bulk of the log,
 * are found by that; registers written before 2026-11-30 carry both, which reads the same).
 *
 * @example
 * needsTextTag(['contact:c1', 'organisation:o1'], 'c1') // false
 * needsTextTag(['organisation:o1'], 'o1')               // true (an organisation record's texts)
 */
export const needsTextTag = (tags: ReadonlyArray<string>, record: string): boolean => !tags.includes(contactTag(record)) && !tags.includes(textTag(record))

/**
 * The tags a redaction of a record reads (rule 21): its text tag, and its contact tag (a contact's
 * events carry only that).
 *
 * @example
 * redactionTags('c1') // ['text:c1', 'contact:c1']
 */
export const redactionTags = (id: string): ReadonlyArray<string> => [textTag(id), contactTag(id)]
/** The tag of an actor (rule 18): every grant and revocation of the actor's roles carries it. */
export const actorTag = (id: string): string => `actor:${id}`
/** The tag of a role (rule 18): every grant and revocation of that role carries it. */
export const roleTag = (role: string): string => `role:${role}`
/** The tag of a proposal (rule 19): its making, confirmation and withdrawal carry it. */
export const proposalTag = (id: string): string => `proposal:${id}`
