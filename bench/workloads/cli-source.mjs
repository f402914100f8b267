#!/usr/bin/env node
// The command line as it ran before issue 17: TypeScript through tsx on every call. The cli-*
// workloads run it as their `peer` measure, so the table shows before (peer) and after (ours).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../../cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
