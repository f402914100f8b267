/**
 * `contact-ledger/testing`: what test authors need to test tools built on the register, with any
 * test runner: fast-check arbitraries for commands and whole histories, sample events, and
 * given/when/then for the decider (a failed expectation throws an Error). The conformance suites
 * for storage adapters need vitest and live at `contact-ledger/testing/vitest`.
 */
export { arbCommand, arbMalformed, arbUuid, arbDate, arbText } from './arbitraries.js'
export { arbHistory, compileHistory, testId, HISTORY_NOW, ORGANISATION_NAMES } from './history.js'
export type { CommandJson } from './history.js'
export { grantCommands, TEST_CONFIRMING_ROLES, TEST_GRANTS, TEST_ROLES, TEST_ADMINISTRATOR, TEST_GRANT_DATE } from './roles.js'
export { deciderSpec, asStored } from './decider-spec.js'
export type { Outcome } from './decider-spec.js'
export { sampleOrganisation, sampleContact, sampleEndorsement, orgTagOf } from './sample-events.js'
export type { SampleOptions } from './sample-events.js'
