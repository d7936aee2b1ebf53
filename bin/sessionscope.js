#!/usr/bin/env node
// The CLI is built into lib/ by `npm run build`; this file only starts it.
import { existsSync } from 'node:fs'

const cli = new URL('../lib/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write('sessionscope: the CLI is not built yet; run `npm run build` first\n')
  process.exit(2)
}
const { main } = await import(cli.href)
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
})
