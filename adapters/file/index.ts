/** File adapters: the processing log as JSON Lines. */
export { fileProcessingLog } from './processing-log.js'
