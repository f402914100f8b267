/**
 * Writing a file atomically (temp file, fsync, rename): the adapter kit's `writeFileAtomic`, which
 * the SQLite adapter uses for its checkpoint anchor too; re-exported here for the key files.
 */
export { writeFileAtomic, type AtomicWriteOptions } from '../src/store/index.js'
