/**
 * An auditor's script: checks an audit bundle offline (made with `contact-ledger export --out DIR`)
 * and replays the register as it stood on a past date, trusting nothing but the bundle and the
 * ministry's published verifier key.
 *
 *   npx tsx --conditions=source examples/auditor.ts BUNDLE_DIR 2025-01-01 PUBLISHED.vkey
 *
 * Without the published key (third argument, or CONTACT_LEDGER_VKEY) it checks against the
 * bundle's own key.vkey and says that this proves nothing about who signed.
 *
 * Prints the verification result, then the register as recorded up to the end of that date
 * (Europe/Amsterdam): how many organisations, partnerships and contacts it held.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import * as E from 'fp-ts/lib/Either.js'
import { businessDateOf, decodeStored, evolveAll, initialState, type StoredEvent } from 'contact-ledger'
import { keyLabel, parseVerifierKey, verifyBundle } from 'contact-ledger/audit'

const [dir, asOf, published = process.env['CONTACT_LEDGER_VKEY']] = process.argv.slice(2)
if (dir === undefined || asOf === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error('usage: auditor.ts BUNDLE_DIR YYYY-MM-DD [PUBLISHED.vkey]')
  process.exit(2)
}
const lines = (file: string) => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })

// 1. verify: every leaf, the root, every checkpoint's signature, against the published (pinned) key
const pinnedKey = published === undefined || published === '' ? undefined : existsSync(published) ? readFileSync(published, 'utf8') : published
const verifier = parseVerifierKey(pinnedKey ?? readFileSync(join(dir, 'key.vkey'), 'utf8'))
if (E.isLeft(verifier)) throw new Error(verifier.left.message)
const cpDir = join(dir, 'checkpoints')
const checkpoints = existsSync(cpDir)
  ? readdirSync(cpDir).map((f) => ({ file: `checkpoints/${f}`, note: readFileSync(join(cpDir, f), 'utf8'), claimedSize: Number(f.replace('.note', '')) }))
  : []
const leaves = join(dir, 'leaves.txt') // the stored leaf hashes: a failure names the altered entry
const result = await verifyBundle(
  {
    entries: lines(join(dir, 'entries.jsonl')),
    ...(existsSync(leaves) ? { leaves: lines(leaves) } : {}),
    latest: { file: 'checkpoint', note: readFileSync(join(dir, 'checkpoint'), 'utf8') },
    checkpoints,
  },
  { verifiers: [verifier.right] },
)
if (result._tag !== 'Verified') {
  console.log(`NOT verified: ${result.message}`)
  process.exit(1)
}
console.log(`verified: ${result.treeSize} entries, ${result.checkpoints} signed checkpoints, signed by ${result.verifiedBy.map(keyLabel).join(', ')}`)
if (pinnedKey === undefined) console.log("UNPINNED: no published key given; checked against the bundle's own key.vkey, which proves nothing about who signed")

// 2. replay: the entries recorded up to the end of the date, folded into the register's state
const page: StoredEvent[] = []
let state = initialState
for await (const line of lines(join(dir, 'entries.jsonl'))) {
  const e = decodeStored(JSON.parse(line))
  if (E.isLeft(e)) throw new Error(`entry is not an event: ${line.slice(0, 80)}`)
  if (businessDateOf(new Date(e.right.meta.recordedAt)) > asOf) break // the log is in recording order
  page.push(e.right)
  if (page.length === 5_000) state = evolveAll(state, page.splice(0))
}
state = evolveAll(state, page)
const contacts = Object.values(state.contacts).filter((c) => c.retracted === undefined)
console.log(`as recorded on ${asOf}: ${state.size} entries`)
console.log(`  organisations: ${Object.keys(state.organisations).length}`)
console.log(`  partnerships:  ${Object.values(state.partnerships).filter((p) => p.ended === undefined).length} active`)
console.log(`  contacts:      ${contacts.length} (${contacts.filter((c) => c.category === 'signalling').length} signalling, never reported)`)
