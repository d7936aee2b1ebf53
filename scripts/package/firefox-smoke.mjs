#!/usr/bin/env node
/**
 * `node scripts/package/firefox-smoke.mjs [DIR] [--firefox PATH]`: installs the Firefox build (packages/firefox
 * by default; run `npm run package` first) as a temporary add-on in a headless Firefox via `web-ext run`, lets
 * its background script and a page's content scripts run, and fails if the extension reported any error.
 * Needs a Firefox on the machine (Debian: `apt-get install firefox-esr`); it is not part of npm test because
 * CI has none.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..', '..')
const { values, positionals } = parseArgs({ allowPositionals: true, options: { firefox: { type: 'string', default: '/usr/bin/firefox-esr' } } })
const dir = resolve(root, positionals[0] ?? 'packages/firefox')
const SETTLE_MS = 15_000
const INSTALL_TIMEOUT_MS = 90_000

// Content scripts do not run on data: URLs: a local page (which fetches, so the page hook wraps something) gets them.
const server = createServer((_request, response) => response.end('<!doctype html><title>smoke</title><script>fetch("/ping")</script>'))
await new Promise((done) => server.listen(0, '127.0.0.1', done))
const child = spawn(process.execPath, [
  join(root, 'node_modules/web-ext/bin/web-ext.js'), 'run', '--source-dir', dir, '--firefox', values.firefox,
  '--no-reload', '--no-input', '--verbose', '--arg=-headless',
  // The extension's console and uncaught errors go to Firefox's stdout/stderr, which --verbose passes on.
  '--pref', 'devtools.console.stdout.chrome=true', '--pref', 'devtools.console.stdout.content=true',
  '--start-url', `http://127.0.0.1:${server.address().port}/`,
], { env: { ...process.env, MOZ_HEADLESS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })

let output = ''
let installed = false
const errors = []
function read(chunk) {
  output += chunk
  const lines = output.split('\n')
  output = lines.pop() ?? ''
  for (const line of lines) {
    if (line.includes('as a temporary add-on')) installed = true
    if (/JavaScript error: moz-extension:|console\.error: .*moz-extension:/.test(line)) errors.push(line.replace(/^.*?(JavaScript error|console\.error)/, '$1'))
  }
}
child.stdout.on('data', read)
child.stderr.on('data', read)

const started = Date.now()
while (!installed && Date.now() - started < INSTALL_TIMEOUT_MS && child.exitCode === null) await new Promise((done) => setTimeout(done, 500))
if (installed) await new Promise((done) => setTimeout(done, SETTLE_MS))
// web-ext closes Firefox on Ctrl-C (SIGINT), not on SIGTERM.
child.kill('SIGINT')
if (child.exitCode === null) await new Promise((done) => child.once('exit', done))
server.close()

if (!installed) {
  console.error(`Firefox did not install ${dir} within ${INSTALL_TIMEOUT_MS / 1000} s`)
  process.exit(1)
}
if (errors.length > 0) {
  console.error(`the extension reported errors in Firefox:\n${errors.join('\n')}`)
  process.exit(1)
}
console.log(`Firefox installed ${dir} and it ran ${SETTLE_MS / 1000} s without an error`)
