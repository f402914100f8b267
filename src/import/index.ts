/**
 * `contact-ledger/import`: turning a spreadsheet export of meetings into register commands. A
 * mapping names the columns; `rowReader` reads a row into a contact; `planImport` decides, against
 * the register's state, which organisations to register and which contacts to record, with
 * idempotency keys so that importing the same file twice appends nothing.
 *
 * @example
 * import { BUILTIN_MAPPINGS, decodeMapping, planImport } from 'contact-ledger/import'
 */
export { decodeMapping, columnsOf, Mapping, LONG_TEXT_POLICIES, SCREENING_POLICIES } from './mapping.js'
export type { ResolvedMapping, MappingJson, LongTextPolicy, ScreeningPolicy } from './mapping.js'
export { BUILTIN_MAPPINGS } from './builtin.js'
export { rowReader, truncateText, MAX_TEXT } from './rows.js'
export type { ContactRow, RowOutcome, Cells, ScreenedValue } from './rows.js'
export { planImport, rowHash, contactKey, legacyContactKey, organisationKey, organisationIdFor, IMPORT_NAMESPACE, personIdsUnder, personKey, PERSON_NAMESPACE } from './plan.js'
export type { ImportPlan, PlanContext, PlannedCommand, RowProblem, ScreenedSummary } from './plan.js'
export { screenName } from './screening.js'
export type { Screening } from './screening.js'
export { normaliseName, tidyName } from './normalise.js'
export { parseDate, DATE_FORMATS } from './dates.js'
export type { DateFormat } from './dates.js'
