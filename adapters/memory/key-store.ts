/** The in-memory KeyStore: keys live as long as the process. */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { keyExists, type KeyStore } from '../../src/store/index.js'

/**
 * Makes an empty in-memory key store.
 *
 * @example
 * const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore() })
 */
export const memoryKeyStore = (): KeyStore => {
  const keys = new Map<string, Uint8Array>()
  return {
    // the check runs when the task runs, not when it is made: a put made earlier and run later
    // must still see the keys stored in between
    put: (personId, key) => () =>
      Promise.resolve(keys.has(personId) ? E.left(keyExists(personId)) : E.right(void keys.set(personId, Uint8Array.from(key)))),
    get: (personId) => TE.fromIO(() => keys.get(personId) ?? null),
    destroy: (personId) => TE.fromIO(() => void keys.delete(personId)),
    putMany: (entries) => () => {
      const taken = entries.find(([id]) => keys.has(id))
      if (taken !== undefined) return Promise.resolve(E.left(keyExists(taken[0])))
      for (const [id, key] of entries) keys.set(id, Uint8Array.from(key))
      return Promise.resolve(E.right(undefined))
    },
    getMany: (ids) => TE.fromIO(() => new Map(ids.map((id) => [id, keys.get(id) ?? null] as const))),
    close: () => Promise.resolve(),
  }
}
