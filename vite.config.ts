import { crx } from '@crxjs/vite-plugin'
import preact from '@preact/preset-vite'
import type { ViteUserConfig as UserConfig } from 'vitest/config'
import { defineConfig } from 'vitest/config'
import manifest from './manifest.json' with { type: 'json' }

/**
 * One config, three builds:
 * - `vite build`: the unpacked extension in dist/ (crxjs reads manifest.json);
 * - `vite build --mode cli`: the Node CLI in lib/;
 * - vitest: the unit and e2e projects.
 */
export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'cli') {
    return {
      build: {
        ssr: true,
        outDir: 'lib',
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rolldownOptions: { input: { cli: 'src/cli/main.ts' }, output: { format: 'es', entryFileNames: '[name].js' } },
      },
    }
  }
  return {
    plugins: mode === 'test' ? [] : [
      preact(),
      crx({
        manifest,
        // The page hook must be a self-contained IIFE that runs synchronously at document_start; with
        // crxjs' async loader it installs too late and misses the page's first request.
        contentScripts: { standaloneFiles: ['src/content/page-hook.ts', 'src/content/relay.ts'] },
      }),
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // The panel is opened by chrome.devtools.panels.create(), which crxjs cannot see.
      rolldownOptions: { input: { panel: 'src/devtools/panel.html' } },
    },
    test: {
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['test/unit/**/*.test.ts?(x)', 'src/**/*.test.ts?(x)'], environment: 'node', setupFiles: ['fake-indexeddb/auto'] },
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
