/** Layering and cycle rules: src/ is the core and imports no adapter, CLI or database driver. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-imports-no-outer-layer',
      severity: 'error',
      comment: 'src/ is the core: it never imports adapters/, cli/ or examples/.',
      from: { path: '^src/' },
      to: { path: '^(adapters|cli|examples)/' },
    },
    {
      name: 'core-imports-no-driver',
      severity: 'error',
      comment: 'Drivers come in through structural interfaces; only adapters/*/connect.ts may import one.',
      from: { path: '^src/' },
      to: { path: 'node_modules/(better-sqlite3|pg)/' },
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
