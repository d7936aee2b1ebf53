#!/usr/bin/env node
/**
 * `npm run package [-- --out DIR]`: the store-ready packages, in packages/ unless told otherwise.
 * - DIR/chrome/ and DIR/sessionscope-chrome-VERSION.zip: for the Chrome Web Store (manifest.json at the root);
 * - DIR/firefox/ and DIR/sessionscope-firefox-VERSION.zip: for addons.mozilla.org, checked with `web-ext lint`.
 * Both are built from the same sources by `vite build --mode store|firefox` (see vite.config.ts), without the
 * worker's test API and without source maps. Leaves dist/ and dist-test/ alone.
 * Exits non-zero if a build fails, a package holds a source map or `web-ext lint` reports an error.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..', '..')
const { values } = parseArgs({ options: { out: { type: 'string', default: 'packages' } } })
const out = resolve(root, values.out)
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/** Runs a dependency's own CLI with this Node (no shell, no npx look-up). */
function run(bin, args) {
  execFileSync(process.execPath, [join(root, 'node_modules', bin), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

const targets = [
  { browser: 'chrome', mode: 'store' },
  { browser: 'firefox', mode: 'firefox' },
]
for (const { browser, mode } of targets) {
  const dir = join(out, browser)
  run('vite/bin/vite.js', ['build', '--mode', mode, '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'])
  const maps = files(dir).filter((file) => file.endsWith('.map'))
  if (maps.length > 0) throw new Error(`source maps in the ${browser} package: ${maps.map((file) => relative(dir, file)).join(', ')}`)
  run('web-ext/bin/web-ext.js', ['build', '--source-dir', dir, '--artifacts-dir', out, '--filename', `sessionscope-${browser}-${version}.zip`, '--overwrite-dest'])
}
// Warnings are expected (Preact's never-used innerHTML path; a manifest key older Firefoxes ignore): errors fail.
run('web-ext/bin/web-ext.js', ['lint', '--source-dir', join(out, 'firefox')])
console.log(`packages in ${relative(root, out) || '.'}: sessionscope-chrome-${version}.zip, sessionscope-firefox-${version}.zip`)
