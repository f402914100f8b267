import { memoryEventStore } from '../../adapters/memory/index.js'
import { describeEventStoreConformance } from '../../src/testing/index.js'

describeEventStoreConformance('memory', async () => ({ store: memoryEventStore(), cleanup: async () => {} }))
