/**
 * The audit trail is folded only for the auditor's view (`foldOptionsFor`): the annual overview
 * and the confidential list of a register read the same without it (a million-entry register
 * folded it for every report, 600 MB of late-entry records an overview never reads), the
 * auditor's view still gets its history sections, and an auditor's view from a basis folded
 * without them is refused loudly instead of showing empty history.
 */
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { basisAt, renderAt } from '../../src/ledger/reports.js'
import { foldOptionsFor, type ReportBasis } from '../../src/reports/basis.js'
import type { ReportRequest } from '../../src/reports/request.js'
import { reportVersions } from '../../src/reports/versions.js'
import { openV1Copy } from '../versions/register-v1.js'

const must = <A>(e: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(e)) throw new Error(e.left.message)
  return e.right
}

const OVERVIEW: ReportRequest = { kind: 'annual-overview', year: 2024 }
const LIST: ReportRequest = { kind: 'confidential-contact-list' }
const AUDIT: ReportRequest = { kind: 'audit-view' }
const RENDER = { format: 'md' as const, checkpoint: { origin: 'test', rootHash: 'AAAA' } }

describe('fold options: the audit trail only for the auditor\'s view', () => {
  let opened: Awaited<ReturnType<typeof openV1Copy>>
  beforeEach(async () => {
    opened = await openV1Copy()
  })
  afterEach(async () => {
    await opened.close()
  })

  it('asks for the trail for the auditor\'s view and for nothing else', () => {
    expect(foldOptionsFor(AUDIT)).toEqual({ auditTrail: true })
    expect(foldOptionsFor(OVERVIEW)).toEqual({ auditTrail: false })
    expect(foldOptionsFor(LIST)).toEqual({ auditTrail: false })
  })

  it.each([2, 3])('report version %i: the overview and the list are the same from a basis folded without the trail', async (n) => {
    const version = reportVersions[n]!
    const full = must(await basisAt(opened.store, undefined, undefined, version))
    const lean = must(await basisAt(opened.store, undefined, undefined, version, foldOptionsFor(OVERVIEW)))
    expect('auditTrail' in full).toBe(true)
    expect('auditTrail' in lean).toBe(false)
    for (const request of [OVERVIEW, LIST]) {
      const fromFull = version.report(full, request)
      expect(version.report(lean, request)).toEqual(fromFull)
      expect(version.render(version.report(lean, request), RENDER)).toBe(version.render(fromFull, RENDER))
    }
  })

  it("renderAt's auditor's view keeps its history sections", async () => {
    const version = reportVersions[3]!
    const full = must(await basisAt(opened.store, undefined, undefined, version))
    const expected = version.report(full, AUDIT) as { trail: { vetting: ReadonlyArray<unknown>; roles: ReadonlyArray<unknown> } }
    expect(expected.trail.vetting.length + expected.trail.roles.length).toBeGreaterThan(0)
    const rendered = must(await renderAt(opened.store, AUDIT, { format: 'md' }))
    expect(rendered.report).toEqual(expected)
  })

  it("an auditor's view from a basis folded without its trail throws, naming why, rather than show no history", async () => {
    const version = reportVersions[3]!
    const lean: ReportBasis = must(await basisAt(opened.store, undefined, undefined, version, { auditTrail: false }))
    expect(() => version.report(lean, AUDIT)).toThrow(/audit trail/)
  })
})
