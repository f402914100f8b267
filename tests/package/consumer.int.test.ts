/**
 * The package as a consumer gets it: `npm pack`, installed from the tarball into a fresh project
 * outside the repository, then the README's embedding example compiled by the consumer's own `tsc
 * --strict` (nodenext, and bundler resolution with exactOptionalPropertyTypes) and run with plain
 * node, the package required from CommonJS, and a property test run by the consumer's own vitest.
 * If it fails here, it fails for users.
 *
 * The tarball is packed with --ignore-scripts from the dist/ that the test run's global setup
 * built (prepack would delete dist/ under the other command-line tests running beside this one).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> }
const dev = (name: string) => `${name}@${pkg.devDependencies[name]}`

let dir = ''
let project = ''

const run = (cmd: string, args: string[], cwd = project) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` }
}
const tsc = (config: string) => run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config])

/** The README's embedding example, as a user copies it. */
const readmeExample = (): string => /## Embedding\n\n```ts\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))![1]!

const tsconfig = (compilerOptions: Record<string, unknown>, outDir: string) =>
  JSON.stringify({
    compilerOptions: { strict: true, exactOptionalPropertyTypes: true, target: 'ES2022', skipLibCheck: false, types: ['node'], outDir, ...compilerOptions },
    files: ['example.ts'],
  })

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'contact-ledger-consumer-'))
  project = join(dir, 'project')
  mkdirSync(project)
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  // --ignore-scripts: better-sqlite3 is installed but not built (the example uses the memory adapter)
  const install = run('npm', [
    'install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts',
    join(dir, `contact-ledger-${pkg.version}.tgz`),
    dev('typescript'), dev('vitest'), dev('@types/node'), 'fp-ts@2', 'fast-check@4',
  ])
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.all}`)
  writeFileSync(join(project, 'example.ts'), readmeExample())
}, 180_000)

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

describe('the packed package, installed in a fresh project', () => {
  it('holds only dist/, bin/, README, LICENSE and package.json', () => {
    const files = execFileSync('tar', ['-tzf', join(dir, `contact-ledger-${pkg.version}.tgz`)], { encoding: 'utf8' }).trim().split('\n')
    const outside = files.filter((f) => !/^package\/(dist\/|bin\/|README\.md$|LICENSE$|package\.json$)/.test(f))
    expect(outside).toEqual([])
    expect(files).toContain('package/dist/src/index.d.ts')
    expect(files).toContain('package/dist/src/index.js.map')
    expect(files.some((f) => /\.(test|int\.test)\.|\/tests\/|\.tsbuildinfo$|\.db/.test(f))).toBe(false)
  })

  it('compiles the README example with tsc --strict under module nodenext, and node runs it', () => {
    writeFileSync(join(project, 'tsconfig.nodenext.json'), tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, 'out-nodenext'))
    const compiled = tsc('tsconfig.nodenext.json')
    expect(compiled.all.trim()).toBe('')
    expect(compiled.code).toBe(0)
    const r = run(process.execPath, ['out-nodenext/example.js'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe("[ '4 ContactRecorded' ]\nFutureDate\nUnauthorized\n")
  })

  it('compiles it under moduleResolution bundler with exactOptionalPropertyTypes', () => {
    writeFileSync(join(project, 'tsconfig.bundler.json'), tsconfig({ module: 'preserve', moduleResolution: 'bundler', noEmit: true }, 'out-bundler'))
    const compiled = tsc('tsconfig.bundler.json')
    expect(compiled.all.trim()).toBe('')
    expect(compiled.code).toBe(0)
  })

  it('is required from CommonJS', () => {
    writeFileSync(
      join(project, 'required.cjs'),
      [
        "const { createLedger, fixedClock, openRegister } = require('contact-ledger')",
        "const { memoryEventStore, memoryKeyStore } = require('contact-ledger/adapters/memory')",
        "const { arbHistory } = require('contact-ledger/testing')",
        "const { verifyLog } = require('contact-ledger/audit')",
        "const ledger = createLedger({ store: memoryEventStore(), keys: memoryKeyStore(), clock: fixedClock('2025-06-01T09:00:00Z') })",
        "openRegister(ledger, 'b.beheer')",
        "  .then(() => ledger.as('b.beheer').execute({ command: 'grantRole', payload: { actorId: 'c.desmet', role: 'coordinator', grantedOn: '2025-01-01' } }))",
        "  .then(() => ledger.as('c.desmet').execute({ command: 'registerOrganisation', payload: { name: 'Stichting Samen Verder', kind: 'self-organisation' } }))",
        "  .then((r) => console.log(r._tag, r.right.events[0].type, typeof arbHistory, typeof verifyLog))",
      ].join('\n'),
    )
    const r = run(process.execPath, ['--no-warnings', 'required.cjs'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('Right OrganisationRegistered function function\n')
  })

  it("runs a property test and an adapter's conformance suite with the consumer's own vitest", () => {
    copyFileSync(join(ROOT, 'examples', 'property-test.ts'), join(project, 'property.test.ts'))
    const r = run(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', project])
    expect(r.all).toMatch(/Tests\s+\d+ passed/)
    expect(r.code).toBe(0)
  })
})
