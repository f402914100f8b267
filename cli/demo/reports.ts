/** The demo's reports: the 2024 overview printed as a table, and its renderings written to a folder. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { writePrivate } from '../file-modes.js'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { type EventStore, renderAt, type ReportRequest, type AnnualOverview, type ReportFormat } from '../../src/index.js'
import { CliError, usage } from '../errors.js'
import { overviewTable } from '../report-table.js'

/** Where the demo writes its reports unless told otherwise. */
export const DEMO_OUTPUT = './demo-output'

const FILES: ReadonlyArray<readonly [string, ReportRequest, ReportFormat]> = [
  ['overzicht-2024.html', { kind: 'annual-overview', year: 2024 }, 'html'],
  ['overzicht-2024.csv', { kind: 'annual-overview', year: 2024 }, 'csv'],
  ['vertrouwelijk-contactlijst.html', { kind: 'confidential-contact-list' }, 'html'],
  ['vertrouwelijk-contactlijst.csv', { kind: 'confidential-contact-list' }, 'csv'],
]

/**
 * Renders the demo's reports from a store: the 2024 overview as a text table, and the files
 * written to `dir`. Returns the table and the paths written.
 *
 * @example
 * const { table, written } = await demoReports(store, './demo-output')
 */
export const demoReports = async (store: EventStore, dir: string): Promise<{ readonly table: string; readonly written: ReadonlyArray<string> }> => {
  const overview = await renderAt(store, { kind: 'annual-overview', year: 2024 }, { format: 'json' })
  if (E.isLeft(overview)) throw new CliError(overview.left.message, 2)
  try {
    mkdirSync(dir, { recursive: true })
  } catch (e) {
    throw usage(`cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)}); name a folder you may write to with --out`)
  }
  const written: string[] = []
  for (const [file, request, format] of FILES) {
    const r = await renderAt(store, request, { format })
    if (E.isLeft(r)) throw new CliError(r.left.message, 2)
    const path = join(dir, file)
    if (request.kind === 'annual-overview') writeFileSync(path, r.right.text)
    else writePrivate(path, r.right.text) // the confidential list: owner only
    written.push(resolve(path))
  }
  return { table: overviewTable(overview.right.report as AnnualOverview), written }
}
