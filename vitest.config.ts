import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  resolve: {
    conditions: ['source'],
    // the examples import the package by its own name, as a user would
    alias: [
      { find: /^contact-ledger$/, replacement: here('./src/index.ts') },
      { find: /^contact-ledger\/testing\/vitest$/, replacement: here('./src/testing/vitest.ts') },
      { find: /^contact-ledger\/(testing|audit|import)$/, replacement: here('./src/$1/index.ts') },
      { find: /^contact-ledger\/adapter-kit$/, replacement: here('./src/store/index.ts') },
      { find: /^contact-ledger\/adapters\/(memory|sqlite|postgres)$/, replacement: here('./adapters/$1/index.ts') },
    ],
  },
  test: {
    include: ['tests/**/*.test.ts', 'examples/property-test.ts'],
    // the command-line tests run bin/contact-ledger.mjs, which runs the build in dist/: bring it up to date first
    globalSetup: ['tests/setup/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
