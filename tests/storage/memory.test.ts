import { memoryEventStore, memoryKeyStore } from '../../adapters/memory/index.js'
import { describeEventStoreConformance, describeKeyStoreConformance } from '../../src/testing/vitest.js'

describeEventStoreConformance('memory', async () => ({ store: memoryEventStore(), cleanup: async () => {} }))
describeKeyStoreConformance('memory', async () => ({ keys: memoryKeyStore(), cleanup: async () => {} }))
