/**
 * Every grant and revocation appears in the auditor's view (rule 18, issue 15): who holds which
 * role from when, who granted it and when that was recorded. A register without grants renders its
 * view as before (no roles section).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { renderAt } from '../../src/ledger/reports.js'
import type { AuditViewWithTrail } from '../../src/reports/audit-trail.js'
import { cmd, openedLedger, run } from '../fixtures/domain.js'
import { openV1Copy } from '../versions/register-v1.js'

const ADMIN = { id: 'b.beheer', role: 'administrator' }

describe("the auditor's view lists grants and revocations", () => {
  it('in JSON and Markdown, with the administrator who made each; none on a register without grants', async () => {
    const ledger = await openedLedger()
    await run(ledger, { command: 'revokeRole', actor: ADMIN, payload: { actorId: 'a.jansen', role: 'official', revokedOn: '2025-05-01', reason: 'uit dienst' } })
    const json = await renderAt(ledger.store, { kind: 'audit-view' }, { format: 'json' })
    if (E.isLeft(json)) throw new Error(json.left.message)
    const roles = (json.right.report as AuditViewWithTrail).trail.roles
    // the reason is sealed (rule 21): the view shows that it is there; unsealed (unsealingStore) it shows the text
    expect(roles.find((r) => r.type === 'RoleRevoked')).toMatchObject({ actorId: 'a.jansen', grantedRole: 'official', date: '2025-05-01', reason: '[sealed]', actor: 'b.beheer', role: 'administrator' })
    expect(roles.filter((r) => r.type === 'RoleGranted').map((r) => [r.actorId, r.grantedRole])).toContainEqual(['a.jansen', 'official'])
    expect(JSON.parse(json.right.text).trail.roles.length).toBe(roles.length)
    const md = await renderAt(ledger.store, { kind: 'audit-view' }, { format: 'md', language: 'en' })
    expect(E.isRight(md) && md.right.text).toContain('## Roles granted and revoked (rule 18)')
    expect(E.isRight(md) && md.right.text).toMatch(/\| RoleRevoked \| a\.jansen \| official \| 2025-05-01 \| \\\[sealed\\\] \| b\.beheer \(administrator\) \|/)

    // a register written before grants (v1): no roles section
    const old = await openV1Copy()
    try {
      const oldJson = await renderAt(old.store, { kind: 'audit-view' }, { format: 'json' })
      expect(E.isRight(oldJson) && JSON.parse(oldJson.right.text).trail).not.toHaveProperty('roles')
      const oldMd = await renderAt(old.store, { kind: 'audit-view' }, { format: 'md', language: 'en' })
      expect(E.isRight(oldMd) && oldMd.right.text).not.toContain('Roles granted')
    } finally {
      await old.close()
    }
  })
})
