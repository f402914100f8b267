#!/usr/bin/env node
// The command line as it ran before issue 17: TypeScript through tsx on every call, every command
// module loaded before the arguments are read (as cli/main.ts then imported cli/program.ts). The
// cli-* workloads run it as their `peer` measure, so the table shows before (peer) and after (ours).
import { register } from 'tsx/esm/api'

register()
await import('../../cli/program.ts')
const { main } = await import('../../cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
