/** The in-memory adapter: event store and key store for tests, the demo and one-process tools. */
export { memoryEventStore } from './event-store.js'
export { memoryKeyStore } from './key-store.js'
export { memoryProcessingLog } from './processing-log.js'
