import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')

describe('README', () => {
  it('shows the embedding example exactly as examples/readme-example.ts runs it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const block = /## Embedding\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    const example = readFileSync(join(ROOT, 'examples', 'readme-example.ts'), 'utf8')
    expect(block).toBeDefined()
    expect(example).toContain(block!.trim())
  })

  it('runs the embedding example, which records a contact and is refused a future date', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', join(ROOT, 'examples', 'readme-example.ts')], {
      encoding: 'utf8',
      cwd: ROOT,
    })
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe("[ '4 ContactRecorded' ]\nFutureDate\nUnauthorized\n")
  })

  it('gives the two commands a new user runs', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm test')
  })
})
