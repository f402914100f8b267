// Summarises a V8 .cpuprofile: the functions with the most self time (and their share), for the
// closing notes of a benchmark run. Usage: node bench/profile/summary.mjs FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs'

const [file, top = '25'] = process.argv.slice(2)
if (file === undefined) {
  process.stderr.write('usage: node bench/profile/summary.mjs FILE.cpuprofile [TOP]\n')
  process.exit(2)
}
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
const dt = profile.timeDeltas
let total = 0
profile.samples.forEach((id, i) => {
  const n = byId.get(id)
  const f = n.callFrame
  const url = (f.url || '').replace(/^.*\/(node_modules|src|adapters|bench)\//, '$1/')
  const key = `${f.functionName || '(anonymous)'}  ${url}:${f.lineNumber + 1}`
  const d = dt[i] ?? 0
  self.set(key, (self.get(key) ?? 0) + d)
  total += d
})
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top))
for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`)
