/**
 * `verify … --witness VKEY (repeatable) --witnesses-needed N`: the checkpoint checked must carry
 * N valid cosignatures (c2sp.org/tlog-cosignature, cosignature/v1) of distinct given witnesses;
 * a cosignature of a key not given does not count, and one of a given key that does not verify
 * fails the check. Exit 1 with one line naming what is missing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { keyLabel, verifyCosignatures, type VerificationResult } from '../../src/audit/index.js'
import { usage } from '../errors.js'
import { println } from '../io.js'
import { witnessKeys } from './witness.js'

/** The witness options of `verify`. */
export interface WitnessOptions {
  readonly witness?: string[]
  readonly witnessesNeeded?: number
}

/**
 * Checks the cosignatures of the verified checkpoint (`note`, read only when witnesses are asked
 * for). Prints the failure and sets exit code 1 (`'failed'`), or gives the lines and JSON fields
 * that say which witnesses cosigned.
 *
 * @example
 * const w = witnessCheck(opts, result, () => note, false)
 */
export const witnessCheck = (
  opts: WitnessOptions,
  r: VerificationResult,
  note: () => string,
  json: boolean,
): 'failed' | { readonly notes: ReadonlyArray<string>; readonly extra: Readonly<Record<string, unknown>> } => {
  if (opts.witness === undefined) {
    if (opts.witnessesNeeded !== undefined) throw usage('--witnesses-needed needs the witnesses\u2019 keys: give each with --witness FILE|LINE')
    return { notes: [], extra: {} }
  }
  const keys = witnessKeys(opts.witness)
  const needed = opts.witnessesNeeded ?? 1
  if (needed > keys.length) throw usage(`--witnesses-needed ${needed} is more than the ${keys.length} witness key${keys.length === 1 ? '' : 's'} given`)
  if (r._tag !== 'Verified') return { notes: [], extra: {} }
  const v = verifyCosignatures(note(), keys, needed)
  if (E.isLeft(v)) {
    const reason = `witnesses: ${v.left.message}`
    println(json ? JSON.stringify({ ok: false, kind: 'witnesses', reason }) : `verification failed: ${reason}`)
    process.exitCode = 1
    return 'failed'
  }
  const cosigned = v.right.map((c) => `${keyLabel(c)} (cosigned at ${new Date(c.timestamp * 1000).toISOString()})`)
  return {
    notes: [`witnesses: ${v.right.length} valid cosignature${v.right.length === 1 ? '' : 's'} of the given witnesses, ${needed} needed: ${cosigned.join(', ') || 'none'}`],
    extra: { witnesses: v.right.map((c) => ({ key: keyLabel(c), timestamp: c.timestamp })) },
  }
}
