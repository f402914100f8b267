/** Queries over the log by event types × tags: defined in the domain (`src/domain/query.ts`). */
export { matches, type AppendCondition, type Query, type QueryItem } from '../domain/query.js'
