// `npm run demo`: builds the extension (unless SESSIONSCOPE_DIST names a build to use), then runs demo/run.ts
// through Vite's module runner, as bench/start.mjs does: Node 20 cannot run TypeScript and Vite is already here.
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { runnerImport } from 'vite'

const root = resolve(import.meta.dirname, '..')
if (process.env.SESSIONSCOPE_DIST === undefined) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
}
// The e2e harness reads this when it loads. The demo moves the worker's clock through its test API: the test build.
process.env.SESSIONSCOPE_DIST = resolve(process.env.SESSIONSCOPE_DIST ?? resolve(root, 'dist-test'))
const { module } = await runnerImport(resolve(import.meta.dirname, 'run.ts'), { configFile: false, logLevel: 'warn' })
process.exitCode = await module.main()
