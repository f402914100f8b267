/**
 * The layer rules of ARCHITECTURE.md bite: a probe file that imports in a forbidden direction
 * makes `npm run cycles` (dependency-cruiser) fail and name the rule, and the tree as committed
 * passes.
 */
import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const depcruise = join(root, 'node_modules', '.bin', 'depcruise')
const probes: string[] = []

/** Cruises the given files with the project's rules; exit code and output. */
const cruise = (...files: string[]) => {
  const r = spawnSync(depcruise, ['--config', '.dependency-cruiser.cjs', ...files], { cwd: root, encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

/** Writes a probe module at `path` (relative to the root) that imports `target`. */
const probe = (path: string, target: string): string => {
  const name = path.replace(/\.ts$/, `-probe-${process.pid}.ts`)
  writeFileSync(join(root, name), `import * as probed from '${target}'\nexport const probe = probed\n`)
  probes.push(name)
  return name
}

afterEach(() => {
  for (const p of probes.splice(0)) rmSync(join(root, p), { force: true })
})

describe('the layer rules', () => {
  it('pass on the tree as it is', () => {
    const r = cruise('src', 'adapters', 'cli', 'examples')
    expect(r.out).toContain('no dependency violations found')
    expect(r.status).toBe(0)
  })

  it.each([
    ['src/domain/layer.ts', '../ledger/ledger.js', 'domain-imports-only-domain-and-pure-libraries'],
    ['src/domain/layer.ts', 'node:fs', 'domain-imports-only-domain-and-pure-libraries'],
    ['src/ports/layer.ts', '../audit/hash.js', 'ports-import-only-domain'],
    ['src/audit/layer.ts', '../ledger/ledger.js', 'audit-imports-only-domain-and-ports'],
    ['src/reports/layer.ts', '../ledger/reports.js', 'reports-import-only-domain-ports-audit'],
    ['src/privacy/layer.ts', '../ledger/ledger.js', 'privacy-imports-only-domain-and-ports'],
    ['src/ledger/layer.ts', '../../adapters/memory/index.js', 'ledger-imports-only-the-core'],
    ['adapters/memory/layer.ts', '../../src/ledger/ledger.js', 'adapters-import-only-ports-and-the-adapter-kit'],
    ['adapters/memory/layer.ts', '../../src/domain/events.js', 'adapters-import-only-ports-and-the-adapter-kit'],
    ['adapters/sqlite/layer.ts', '../memory/index.js', 'adapters-import-only-ports-and-the-adapter-kit'],
    ['cli/layer.ts', '../src/ledger/ledger.js', 'cli-and-examples-import-only-entry-points'],
    ['examples/layer.ts', '../src/domain/events.js', 'cli-and-examples-import-only-entry-points'],
  ])('a probe in %s importing %s fails with %s', (at, target, rule) => {
    const file = probe(at, target)
    const r = cruise(file)
    expect(r.status).not.toBe(0)
    expect(r.out).toContain(rule)
    expect(r.out).toContain(file)
  })

  it('a probe in cli/ importing a public entry point passes', () => {
    const r = cruise(probe('cli/layer.ts', '../src/index.js'))
    expect(r.out).toContain('no dependency violations found')
    expect(r.status).toBe(0)
  })
})
