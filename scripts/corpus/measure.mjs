#!/usr/bin/env node
/**
 * Lints every case of the real-traffic corpus with a given build of the library and prints, per case, the errors and
 * warnings it reports, as JSON: { "<source>/<name>": { "errors": n, "warnings": n } }. Used to record how an earlier
 * build judged the corpus (test/fixtures/corpus/before.json), for the README's figure:
 *
 *   git worktree add /tmp/before <commit> && (cd /tmp/before && npm ci && npx vite build --mode cli)
 *   node scripts/corpus/measure.mjs /tmp/before/lib/index.js > test/fixtures/corpus/before.json
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const library = process.argv[2]
if (!library) {
  console.error('usage: node scripts/corpus/measure.mjs <path to a built lib/index.js>')
  process.exit(2)
}
const { lintHar } = await import(pathToFileURL(resolve(library)).href)
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'corpus')
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8'))
const counts = {}
for (const { file, options } of manifest.cases) {
  const { summary } = lintHar(readFileSync(join(corpus, file), 'utf8'), options)
  counts[file.replace(/\.har$/, '')] = { errors: summary.errors, warnings: summary.warnings }
}
console.log(JSON.stringify(counts, null, 2))
