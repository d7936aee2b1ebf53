import { builtinModules } from 'node:module'
import preact from 'eslint-config-preact'
import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'

/** The pure core: the engine the extension and the CLI share, which must run the same in a worker, a page and Node. */
const PURE_DIRS = ['protocols', 'session', 'report']
const PURE = `src/{${PURE_DIRS.join(',')}}`
const TS = '*.{ts,tsx}'

/**
 * A browser, storage, UI or Node API would tie the engine to one of its hosts; tinyglobby and ws reach the file
 * system and the network.
 */
const HOST_PACKAGES = ['chrome', 'webextension-polyfill', 'idb', 'preact', 'tinyglobby', 'ws']
/**
 * A bare module name (or one of its subpaths), as a whole specifier: gitignore-style groups would also match a
 * relative './http' or './ws' of the core's own.
 */
const bareModule = (names) => `^(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?:/.*)?$`
const hostImports = [
  { regex: `^node:|${bareModule(builtinModules)}`, message: 'The pure core runs in the browser too: no Node API.' },
  { regex: bareModule(HOST_PACKAGES), message: 'The pure core takes what it needs from its caller: no browser, storage or UI API.' },
]

/**
 * A relative specifier that leaves the pure core, from a file `depth` folders below src/. no-restricted-imports
 * matches the specifier as written, so the escape is spelt out per depth: `depth` times `..` reaches src/, and from
 * there only the core's folders (and the package.json beside src/, for the version) may follow.
 */
function leavesCore(depth) {
  const toSrc = Array(depth).fill('\\.\\.').join('/')
  return `^${toSrc}(/(?!(${PURE_DIRS.join('|')})(/|$)|\\.\\./package\\.json$).*)?$`
}

const IDB_IMPORT = { group: ['idb', 'idb/*'], message: 'Only the store touches IndexedDB.' }
const PLATFORM = 'import { browser } from src/platform/browser.ts'
const POLYFILL_IMPORT = { group: ['webextension-polyfill', 'webextension-polyfill/*'], message: `Only src/platform/ imports the polyfill: ${PLATFORM}.` }
/** The browsers' own extension globals: Chrome's `chrome` (Firefox has it too) and Firefox's `browser`. */
const EXTENSION_GLOBALS = ['chrome', 'browser'].map((name) => ({ name, message: `The extension APIs are reached through the platform module: ${PLATFORM}.` }))

/** Globals that read the host: its clock, randomness, timers, network, storage, page or process. */
const HOST_GLOBALS = [
  'window', 'self', 'globalThis', 'document', 'navigator', 'indexedDB', 'localStorage', 'sessionStorage', 'caches',
  'chrome', 'browser', 'process', 'performance', 'crypto',
  'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback',
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource',
].map((name) => ({ name, message: 'The pure core reads no host state: take it as an argument.' }))

const clockAndChance = [
  { object: 'Date', property: 'now', message: 'The pure core reads no clock: take the time as an argument.' },
  { object: 'Math', property: 'random', message: 'The pure core is deterministic: take randomness as an argument.' },
]

const nowSyntax = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the clock: give it the time.' },
  { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the clock.' },
  { selector: 'ImportExpression', message: 'The pure core loads no module at run time.' },
]

export default defineConfig([
  globalIgnores(['dist/', 'dist-test/', 'dist-firefox-test/', 'lib/', 'packages/', 'coverage/', 'test-results/', 'demo-output/']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  preact,
  {
    rules: {
      // The links open rule pages and vendor docs; noopener is what keeps the opener safe, and an extension page's
      // address tells a docs site nothing.
      'react/jsx-no-target-blank': ['error', { allowReferrer: true }],
      // A named function inside memo() gives the component its name in the Preact devtools.
      'prefer-arrow-callback': ['warn', { allowNamedFunctions: true }],
    },
  },
  {
    // These scripts stand in for page code, and probe the hook with the forms pages write: `fn + ''`, `function`
    // expressions with their own `this`.
    files: ['test/e2e/pages/**'],
    rules: { 'prefer-template': 'off', 'object-shorthand': 'off' },
  },

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // verbatimModuleSyntax keeps `import type` apart from the values imported from the same module.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // `_name` marks what a destructuring drops on purpose (`const { secret: _secret, ...rest } = value`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Preact ignores what an event handler returns, and the async handlers catch their own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Async functions here fulfil Promise-returning contracts (data sources, the platform, the serial queue) and
      // turn a throw into a rejection; an `await` added for the rule would change nothing.
      '@typescript-eslint/require-await': 'off',
      // Callbacks are declared with method shorthand in props and platform interfaces and passed on as values, and
      // none of them reads `this`; the page hook keeps the browser's natives unbound on purpose and calls them with
      // an explicit receiver.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs,jsx}'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  {
    // The page hook calls the browser's natives through Reflect.apply and hands their results back to the page
    // untouched: they are `any` because they are whatever the native returns, and the hook never reads them.
    files: [`src/content/**/${TS}`],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The engine and the JSON viewer turn values from the wire into text for people: whatever a page sent,
    // `[object Object]` included, is what they show.
    files: [`src/{protocols,report}/**/${TS}`, 'src/devtools/components/events/json-path.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // Tests parse what the code under test wrote (reports, HARs, manifests, CLI output) and check it with expect,
    // which is the validation; typing each parse first would only repeat the assertions. What a stand-in server
    // or a probe received is stringified as it came, to compare or to report it.
    files: [`test/**/${TS}`],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // A later block's options for a rule replace an earlier one's, so each folder is given its whole list: the store
  // alone opens IndexedDB, the platform alone holds the polyfill and the browser's globals. The core's blocks below
  // replace both lists for its files with their own, which forbid all of these too.
  ...[
    { files: [`src/**/${TS}`], ignores: ['src/store/**', 'src/platform/**'], imports: [IDB_IMPORT, POLYFILL_IMPORT] },
    { files: [`src/store/**/${TS}`], imports: [POLYFILL_IMPORT] },
    { files: [`src/platform/**/${TS}`], imports: [IDB_IMPORT] },
  ].map(({ imports, ...block }) => ({ ...block, rules: { 'no-restricted-imports': ['error', { patterns: imports }] } })),
  {
    files: [`src/**/${TS}`],
    ignores: ['src/platform/**'],
    rules: { 'no-restricted-globals': ['error', ...EXTENSION_GLOBALS] },
  },

  // One block per depth below src/, since a later block's options replace an earlier one's. A file deeper than
  // these falls outside them, and test/unit/lint-boundaries.test.ts says so.
  ...[1, 2, 3].map((depth) => ({
    files: [`${PURE}/${'*/'.repeat(depth - 1)}${TS}`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...hostImports, { regex: leavesCore(depth), message: 'The pure core imports only the pure core (protocols/, session/, report/).' }],
      }],
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
      'no-restricted-properties': ['error', ...clockAndChance],
      'no-restricted-syntax': ['error', ...nowSyntax],
    },
  })),
])
