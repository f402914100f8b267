#!/usr/bin/env node
// Runs the command line compiled to JavaScript (dist/, built by `npm run build`, which `npm ci`
// and `npm install` run in the repository through `prepare`, and `npm pack` through `prepack`).
let main
try {
  ;({ main } = await import('../dist/cli/contact-ledger.mjs'))
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli/contact-ledger.mjs')) throw e
  process.stderr.write('contact-ledger: the command line is not built (no dist/cli/contact-ledger.mjs); run npm run build in the package folder\n')
  process.exit(2)
}
process.exitCode = await main(process.argv.slice(2))
