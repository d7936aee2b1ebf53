import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { crx } from '@crxjs/vite-plugin'
import preact from '@preact/preset-vite'
import type { ViteUserConfig as UserConfig } from 'vitest/config'
import { defineConfig } from 'vitest/config'
import manifest from './manifest.json' with { type: 'json' }
import { firefoxManifest } from './scripts/package/firefox-manifest.js'
import { withoutTestApi } from './scripts/package/without-test-api.js'

/**
 * Where each extension build goes: dist/ is what people load; the store builds are what `npm run package` zips
 * (scripts/package/package.mjs); dist-test/ is dist/ with the worker's test API, for the e2e tests, the demo and the
 * benchmarks, which drive the worker through it.
 */
const OUT_DIRS: Record<string, string> = { store: 'packages/chrome', firefox: 'packages/firefox', e2e: 'dist-test', 'firefox-e2e': 'dist-firefox-test' }
/** The builds with the worker's test API, which the e2e tests drive. */
const TEST_API_MODES = new Set(['e2e', 'firefox-e2e'])

/**
 * One config, these builds:
 * - `vite build`: the unpacked extension in dist/ (crxjs reads manifest.json), without the worker's test API;
 * - `vite build --mode e2e`: the same with the test API (`self.__sessionscope`), in dist-test/;
 * - `vite build --mode cli`: the Node CLI and the library in lib/, with the library's declarations in lib/types/;
 * - `vite build --mode store` / `--mode firefox`: the extension for the Chrome Web Store / Firefox, without the
 *   test API (`npm run package` builds and zips both);
 * - vitest: the unit and e2e projects.
 */
export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'cli') {
    let outDir = ''
    let root = ''
    return {
      plugins: [{
        name: 'sessionscope:declarations',
        configResolved: (config) => void ([root, outDir] = [config.root, config.build.outDir]),
        closeBundle: () => emitDeclarations(root, join(outDir, 'types')),
      }],
      // The icons in public/ are the extension's, not the package's.
      publicDir: false,
      build: {
        ssr: true,
        outDir: 'lib',
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rolldownOptions: {
          input: { cli: 'src/cli/main.ts', index: 'src/library.ts' },
          // The library's exports are exactly library.ts's; what the CLI shares with it goes to a chunk.
          preserveEntrySignatures: 'strict',
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/shared-[hash].js' },
        },
      },
    }
  }
  const firefox = mode === 'firefox' || mode === 'firefox-e2e'
  return {
    plugins: mode === 'test' ? [] : [
      preact(),
      ...(TEST_API_MODES.has(mode) ? [] : [withoutTestApi()]),
      crx({
        manifest: firefox ? firefoxManifest(manifest) : manifest,
        browser: firefox ? 'firefox' : 'chrome',
        // The page hook must be a self-contained IIFE that runs synchronously at document_start; with
        // crxjs' async loader it installs too late and misses the page's first request.
        contentScripts: { standaloneFiles: ['src/content/page-hook.ts', 'src/content/relay.ts'] },
      }),
    ],
    build: {
      outDir: OUT_DIRS[mode] ?? 'dist',
      emptyOutDir: true,
      // The panel is opened by chrome.devtools.panels.create() and the rule page by links, which crxjs cannot see.
      rolldownOptions: { input: { panel: 'src/devtools/panel.html', rules: 'src/rule-pages/rules.html' } },
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.ts?(x)', 'src/**/*.test.ts?(x)'],
            environment: 'node',
            setupFiles: ['fake-indexeddb/auto', 'test/unit/setup/browser-polyfill.ts'],
            // The fuzz properties and 50,000-event views take a few seconds each; a shared CI machine can take
            // several times that. Hangs are caught by the fuzz suite's own per-input budget.
            testTimeout: 30_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.e2e.test.ts'],
            environment: 'node',
            testTimeout: 90_000,
            hookTimeout: 90_000,
            fileParallelism: false,
          },
        },
      ],
    },
  }
})

/**
 * The library's TypeScript declarations (`vite build --mode cli`), emitted by tsc from src/library.ts and what
 * it imports, with tsconfig.json's compiler options given on the command line. tsc keeps the source's
 * extensionless relative imports, which only `moduleResolution: bundler` resolves; in a `"type": "module"`
 * package, consumers on `node16`/`nodenext` would silently get `any`. So every relative specifier is then made
 * explicit (`./x` → `./x.js`, a folder → `./x/index.js`), which every resolution mode understands.
 */
const LIBRARY_ENTRY = 'src/library.ts'

const COMPILER_FLAGS = [
  '--declaration', '--emitDeclarationOnly',
  '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'bundler', '--lib', 'ES2022,DOM',
  '--strict', '--noUncheckedIndexedAccess', '--resolveJsonModule', '--isolatedModules', '--verbatimModuleSyntax',
  '--skipLibCheck', '--rootDir', 'src',
]

/** Writes the declarations under `outDir` (lib/types: lib/types/library.d.ts). Throws if tsc fails. */
function emitDeclarations(root: string, outDir: string): void {
  const typescript = dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json'))
  try {
    execFileSync(process.execPath, [join(typescript, 'bin', 'tsc'), '--ignoreConfig', LIBRARY_ENTRY, ...COMPILER_FLAGS, '--outDir', outDir], { cwd: root, stdio: 'pipe' })
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer; message: string }
    throw new Error(`tsc could not emit the declarations:\n${output.stdout?.toString() ?? ''}${output.stderr?.toString() ?? output.message}`)
  }
  for (const file of declarationFiles(resolve(root, outDir))) writeFileSync(file, withExplicitSpecifiers(file, readFileSync(file, 'utf8')))
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? declarationFiles(path) : name.endsWith('.d.ts') ? [path] : []
  })
}

/** `from './x'`, `import('./x')`: each relative specifier names the .js file whose .d.ts is beside it. */
function withExplicitSpecifiers(file: string, source: string): string {
  return source.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.\.?\/[^'"]*|\.\.?)\2/g, (_match, before: string, quote: string, specifier: string) => {
    if (/\.(js|json)$/.test(specifier)) return `${before}${quote}${specifier}${quote}`
    const target = join(dirname(file), specifier)
    const explicit = existsSync(`${target}.d.ts`) ? `${specifier}.js` : existsSync(join(target, 'index.d.ts')) ? `${specifier}/index.js` : null
    if (explicit === null) throw new Error(`${file}: no declarations for "${specifier}"`)
    return `${before}${quote}${explicit}${quote}`
  })
}
