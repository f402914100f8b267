/** Finding the mapping an import names: a built-in name or a JSON file, decoded with its codec. */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { BUILTIN_MAPPINGS, decodeMapping, type ResolvedMapping } from '../../src/import/index.js'
import { usage } from '../errors.js'

/**
 * The mapping named by `--mapping`: a built-in name, else a JSON file. Any problem is a usage
 * error (exit 2) that names the file and the field.
 *
 * @example
 * const mapping = loadMapping('uk-ministerial-meetings')
 */
export const loadMapping = (nameOrPath: string): ResolvedMapping => {
  const builtin = BUILTIN_MAPPINGS[nameOrPath]
  let json: unknown = builtin
  if (builtin === undefined) {
    let text: string
    try {
      text = readFileSync(nameOrPath, 'utf8')
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e)
      throw usage(
        `cannot read mapping ${nameOrPath} (${code}); give a mapping file or a built-in mapping: ${Object.keys(BUILTIN_MAPPINGS).join(', ')}`,
      )
    }
    try {
      json = JSON.parse(text)
    } catch (e) {
      throw usage(`mapping ${nameOrPath} is not JSON (${e instanceof Error ? e.message : String(e)}); fix the file`)
    }
  }
  const decoded = decodeMapping(json)
  if (E.isLeft(decoded)) throw usage(`mapping ${nameOrPath} is not a valid mapping: ${decoded.left}; see contact-ledger import csv --help`)
  return decoded.right
}
