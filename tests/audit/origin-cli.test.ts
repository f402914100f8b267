/**
 * The recorded origin on the command line (DOMAIN.md rule 24): the key made on first use takes it,
 * a key of another name is refused (exit 2, naming both), and a register with no origin recorded
 * signs but says its checkpoints carry a name not fit to publish.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { READER_GRANTS, cli, execAs, grantLine } from '../fixtures/cli.js'

const configure = JSON.stringify({ command: 'configureRegister', actor: { id: 'b.beheer', role: 'administrator' }, payload: { origin: 'szw.example/contact-ledger', publisher: 'Ministerie van Sociale Zaken en Werkgelegenheid' } })
const organisation = JSON.stringify({ command: 'registerOrganisation', actor: { id: 'c', role: 'coordinator' }, payload: { name: 'Stichting Taal', kind: 'other' } })
/** b.beheer opens the register (READER_GRANTS' first grant) and grants the coordinator who registers. */
const opening = READER_GRANTS.split('\n')[0]! + '\n' + grantLine('c', 'coordinator')
const OPENED = opening.split('\n').length - 1

describe('the recorded origin and the signing key', () => {
  it('names the key made on first use; a checkpoint signed with another key is refused, naming both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-origin-'))
    const store = `sqlite:${join(dir, 'register.db')}`
    expect(execAs(['--store', store, '-'], `${opening}${configure}\n${organisation}\n`).code).toBe(0)
    const cp = cli(['checkpoint', '--store', store])
    expect(cp.code).toBe(0)
    expect(cp.stdout.startsWith(`szw.example/contact-ledger\n${OPENED + 2}\n`)).toBe(true)
    expect(cp.stderr).toMatch(/^contact-ledger: made a new checkpoint signing key .* \(origin szw\.example\/contact-ledger, mode 600\)/)
    const pub = cli(['key', 'public', '--store', store])
    expect(pub.code).toBe(0)
    expect(pub.stdout).toMatch(/^szw\.example\/contact-ledger\+[0-9a-f]{8}\+/)
    const other = join(dir, 'other.key')
    expect(cli(['key', 'init', '--key', other]).code).toBe(0)
    const refused = cli(['checkpoint', '--store', store, '--key', other])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain("the signing key is named contact-ledger.local/register, but the register's origin is szw.example/contact-ledger")
    expect(refused.stdout).toBe('')
  })

  it('a register with no origin recorded signs, and says how to record one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-origin-'))
    const store = `sqlite:${join(dir, 'register.db')}`
    expect(execAs(['--store', store, '-'], `${organisation}\n`).code).toBe(0)
    const cp = cli(['checkpoint', '--store', store])
    expect(cp.code).toBe(0)
    expect(cp.stderr).toContain('no origin configured')
    expect(cp.stderr).toContain('configureRegister')
  })
})
