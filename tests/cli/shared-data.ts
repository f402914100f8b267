/**
 * Where the real public exports live: `../shared/data/` beside the project (the main checkout) or
 * two levels up (a worktree under `wt/`), or CONTACT_LEDGER_DATA. Missing files fail the tests
 * that need them, with a message that says where they were looked for.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')
const candidates = [process.env['CONTACT_LEDGER_DATA'], join(ROOT, '..', 'shared', 'data'), join(ROOT, '..', '..', 'shared', 'data')].filter(
  (d): d is string => d !== undefined && d !== '',
)

/** The path of a file in the shared data folder. @example dataFile('eu_integritywatch_mep_meetings.csv') */
export const dataFile = (name: string): string => {
  const dir = candidates.find((d) => existsSync(join(d, name)))
  if (dir === undefined) throw new Error(`${name} not found in ${candidates.join(' or ')}; set CONTACT_LEDGER_DATA to the folder that holds it`)
  return join(dir, name)
}
