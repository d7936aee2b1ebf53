// Node 20 cannot run TypeScript, so `npm run bench` loads bench/run.ts through Vite's module runner (Vite is
// already the build tool; no extra dependency). configFile: false keeps the extension's build plugins out.
import { resolve } from 'node:path'
import { runnerImport } from 'vite'

// The e2e harness reads this when it loads; the module runner has no import.meta.dirname for its default.
// The benchmarks drive the worker through its test API: the test build, dist-test/.
process.env.SESSIONSCOPE_DIST = resolve(process.env.SESSIONSCOPE_DIST ?? 'dist-test')
const { module } = await runnerImport(new URL('./run.ts', import.meta.url).pathname, { configFile: false, logLevel: 'warn' })
process.exitCode = await module.main(process.argv.slice(2))
