/**
 * The layers of ARCHITECTURE.md, enforced: one rule per forbidden direction, and no cycles.
 * `npm run cycles` runs it as part of `npm test`; tests/architecture.test.ts proves the rules bite.
 *
 *   cli/, examples/            → only the public entry points
 *   src/ledger                 → everything in src/ below it
 *   src/import, src/testing    → domain, ports (testing: anything in src/)
 *   src/reports                → domain, ports, audit
 *   src/store (adapter kit)    → domain, ports, audit
 *   src/audit, src/privacy     → domain, ports
 *   src/ports                  → domain
 *   src/domain                 → itself and pure libraries
 *   adapters/*                 → ports, the adapter kit, their own folder and their driver
 */

/** The files a user's code may import: one per `exports` entry of package.json. */
const ENTRY_POINTS = [
  '^src/index\\.ts$',
  '^src/audit/index\\.ts$',
  '^src/import/index\\.ts$',
  '^src/testing/index\\.ts$',
  '^src/testing/vitest\\.ts$',
  '^src/store/index\\.ts$',
  '^adapters/[^/]+/index\\.ts$',
]

/** Pure libraries the domain may use (no I/O, no clock). */
const PURE = '(^|node_modules/)(fp-ts|io-ts|immer|uuid)(/|$)'

const layer = (name, comment, from, allowed) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from },
  to: { path: '^(src|adapters|cli|examples|bench|tests)/', pathNot: allowed },
})

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },

    // the core, inside out
    {
      name: 'domain-imports-only-domain-and-pure-libraries',
      severity: 'error',
      comment: 'src/domain is pure: rules, codecs, state. It imports only itself, fp-ts, io-ts, immer and uuid.',
      from: { path: '^src/domain/' },
      to: { pathNot: [`^src/domain/`, PURE] },
    },
    layer('ports-import-only-domain', 'src/ports holds interfaces over domain types.', '^src/ports/', ['^src/(domain|ports)/']),
    layer('audit-imports-only-domain-and-ports', 'src/audit never imports ledger, adapters, cli, reports or privacy.', '^src/audit/', [
      '^src/(domain|ports|audit)/',
    ]),
    layer('privacy-imports-only-domain-and-ports', 'src/privacy never imports ledger, adapters or cli.', '^src/privacy/', [
      '^src/(domain|ports|privacy)/',
    ]),
    layer('reports-import-only-domain-ports-audit', 'src/reports are pure folds and renderers; never ledger, adapters or cli.', '^src/reports/', [
      '^src/(domain|ports|audit|reports)/',
    ]),
    layer('adapter-kit-imports-only-domain-ports-audit', 'src/store is the append protocol adapters run on.', '^src/store/', [
      '^src/(domain|ports|audit|store)/',
    ]),
    layer('import-imports-only-domain-and-ports', 'src/import plans commands from rows; the ledger runs them.', '^src/import/', [
      '^src/(domain|ports|import)/',
    ]),
    layer('ledger-imports-only-the-core', 'src/ledger is the application service over the core; never adapters, cli or testing.', '^src/ledger/', [
      '^src/(domain|ports|audit|privacy|reports|store|ledger)/',
    ]),
    layer('testing-imports-only-src', 'contact-ledger/testing is built on the core alone; adapters bring themselves.', '^src/testing/', ['^src/']),
    layer('entry-points-import-only-src', 'src/index.ts re-exports the core.', '^src/index\\.ts$', ['^src/']),

    // the outer ring
    {
      name: 'core-imports-no-driver',
      severity: 'error',
      comment: 'Drivers come in through structural interfaces; only adapters/*/connect.ts may import one.',
      from: { path: '^src/' },
      to: { path: 'node_modules/(better-sqlite3|pg)/' },
    },
    {
      name: 'adapters-import-only-ports-and-the-adapter-kit',
      severity: 'error',
      comment: 'An adapter is a dialect over the ports and the adapter kit (src/store); it never reaches into domain, audit or ledger.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^(src|adapters|cli|examples|bench|tests)/', pathNot: ['^src/(ports|store)/', '^adapters/$1/'] },
    },
    {
      name: 'cli-and-examples-import-only-entry-points',
      severity: 'error',
      comment: "cli/ and examples/ use the package as a user's code would: through its public entry points.",
      from: { path: '^(cli|examples)/' },
      to: { path: '^(src|adapters)/', pathNot: ENTRY_POINTS },
    },
    {
      name: 'domain-and-reports-do-no-io',
      severity: 'error',
      from: { path: '^src/(domain|reports)/' },
      to: { path: '^(fs|node:fs|node:child_process|child_process|net|node:net)$', dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'default'], extensions: ['.ts', '.js'] },
  },
}
