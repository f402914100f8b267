/**
 * Times a whole import in one process (wall clock and CPU), for the figure the import issue asks
 * for (the 23,050-row EU file in under 30 seconds). Not a test: speed belongs to measurements.
 *
 *   node --import tsx scripts/time-import.ts [FILE] [MAPPING] [STORE]
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof scripts/time-import.ts   (to profile)
 */
import { main } from '../cli/main.js'

const [file = '../shared/data/eu_integritywatch_mep_meetings.csv' /* from the main checkout */, mapping = 'eu-integritywatch-mep', store = 'memory:'] = process.argv.slice(2)
const cpu0 = process.cpuUsage()
const t0 = performance.now()
const code = await main(['import', 'csv', file, '--mapping', mapping, '--actor', 'timing.official', '--coordinator', 'timing.coordinator', '--store', store, '--json'])
const wall = (performance.now() - t0) / 1000
const cpu = process.cpuUsage(cpu0)
process.stderr.write(
  `exit ${code}; wall ${wall.toFixed(1)} s; cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)}, system ${(cpu.system / 1e6).toFixed(1)}); peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
)
