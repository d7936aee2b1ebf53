/**
 * The pure core's boundaries are lint rules (eslint.config.js); these tests run ESLint on snippets placed in the
 * core, so a config that stopped matching the core's files, or a rule that stopped firing, fails here rather than
 * letting `npm run lint` pass on everything.
 */
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

// Without type information: the boundary rules need none, and a snippet is in no tsconfig project.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked })

async function ruleIds(code: string, file: string): Promise<Array<string | null>> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) })
  return result!.messages.filter((message) => message.severity === 2).map((message) => message.ruleId)
}

const VIOLATIONS: Array<[string, string]> = [
  ['export const t = Date.now()', 'no-restricted-properties'],
  ['export const t = `at ${Date.now()}`', 'no-restricted-properties'],
  ['export const t = new Date()', 'no-restricted-syntax'],
  ['export const t = Date()', 'no-restricted-syntax'],
  ['export const t = performance.now()', 'no-restricted-globals'],
  ['export const r = Math.random()', 'no-restricted-properties'],
  ['export const w = window.location.href', 'no-restricted-globals'],
  ['export const d = document.title', 'no-restricted-globals'],
  ['export const n = navigator.userAgent', 'no-restricted-globals'],
  ['export const s = localStorage.getItem("x")', 'no-restricted-globals'],
  ['export const i = chrome.runtime.id', 'no-restricted-globals'],
  ['export const i = browser.runtime.id', 'no-restricted-globals'],
  ['export const e = process.env.HOME', 'no-restricted-globals'],
  ['setTimeout(() => {}, 1)', 'no-restricted-globals'],
  ['export const f = fetch("https://example.com")', 'no-restricted-globals'],
  ['export const m = import("./engine")', 'no-restricted-syntax'],
  ['import { readFileSync } from "node:fs"\nexport const f = readFileSync', 'no-restricted-imports'],
  ['import { join } from "path"\nexport const j = join', 'no-restricted-imports'],
  ['import { readFile } from "fs/promises"\nexport const r = readFile', 'no-restricted-imports'],
  ['import { createServer } from "http"\nexport const c = createServer', 'no-restricted-imports'],
  ['import { openDB } from "idb"\nexport const o = openDB', 'no-restricted-imports'],
  ['import { useState } from "preact/hooks"\nexport const u = useState', 'no-restricted-imports'],
  ['import browser from "webextension-polyfill"\nexport const b = browser', 'no-restricted-imports'],
  ['export { pipeline } from "../background/pipeline"', 'no-restricted-imports'],
  ['import { x } from "../ui/format"\nexport const y = x', 'no-restricted-imports'],
  ['import { x } from "../../src/ui/format"\nexport const y = x', 'no-restricted-imports'],
]

const ALLOWED = [
  'export const t = new Date(0).toISOString()',
  'export const s = "the window of 5 s, after Date.now()"',
  'export function f(window: number, fetch: () => void): number {\n  fetch()\n  return window\n}',
  'import { rules } from "./rules"\nexport const r = rules',
  'import type { ProtocolId } from "../protocols/tracking-event"\nexport type P = ProtocolId',
  'import { fromHar } from "../report/from-har"\nexport const f = fromHar',
  'import pkg from "../../package.json"\nexport const v = pkg.version',
  // A module of the core's own named like a Node or host module is the core's.
  'import { decodeHttp } from "./http"\nexport const d = decodeHttp',
  'import { ws } from "../protocols/ws"\nexport const w = ws',
]

describe('the pure core may not reach its host (lint)', () => {
  for (const file of ['src/session/lint-probe.ts', 'src/protocols/lint-probe.ts', 'src/report/lint-probe.ts']) {
    it.each(VIOLATIONS)(`${file}: %s is an error`, async (code, rule) => {
      expect(await ruleIds(code, file)).toContain(rule)
    })
  }

  it.each(ALLOWED)('src/session/lint-probe.ts: %s is fine', async (code) => {
    expect(await ruleIds(code, 'src/session/lint-probe.ts')).toEqual([])
  })

  it('outside the core, the host is allowed (the browser through the platform module)', async () => {
    expect(await ruleIds('export const t = Date.now()\nexport const w = window.location.href', 'src/background/lint-probe.ts')).toEqual([])
    expect(await ruleIds('export const i = chrome.runtime.id', 'src/platform/lint-probe.ts')).toEqual([])
  })

  it('counts `..` from the file: one folder down, the core is two levels up', async () => {
    const file = 'src/session/rules/lint-probe.ts'
    expect(await ruleIds('import { x } from "../engine"\nexport const y = x', file)).toEqual([])
    expect(await ruleIds('import { x } from "../../protocols/adapter"\nexport const y = x', file)).toEqual([])
    expect(await ruleIds('import pkg from "../../../package.json"\nexport const v = pkg.version', file)).toEqual([])
    expect(await ruleIds('import { x } from "../../rules/rules-page"\nexport const y = x', file)).toContain('no-restricted-imports')
    expect(await ruleIds('import { x } from "../../store/db"\nexport const y = x', file)).toContain('no-restricted-imports')
    expect(await ruleIds('export const t = Date.now()', file)).toContain('no-restricted-properties')
  })

  it('every file of the core is under the boundary rules', async () => {
    const files = ['protocols', 'session', 'report'].flatMap((dir) => filesUnder(join(ROOT, 'src', dir)))
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules: Record<string, unknown[]> }
      for (const rule of ['no-restricted-imports', 'no-restricted-globals', 'no-restricted-properties', 'no-restricted-syntax']) {
        expect(config.rules[rule]?.[0], `${relative(ROOT, file)}: ${rule}`).toBe(2)
      }
    }
  })
})

describe('only the store touches IndexedDB (lint)', () => {
  const code = 'import { openDB } from "idb"\nexport const o = openDB'
  it('idb outside the store is an error', async () => {
    expect(await ruleIds(code, 'src/ui/lint-probe.ts')).toContain('no-restricted-imports')
    expect(await ruleIds(code, 'src/background/lint-probe.ts')).toContain('no-restricted-imports')
  })
  it('the store may', async () => {
    expect(await ruleIds(code, 'src/store/lint-probe.ts')).toEqual([])
  })
})

describe('only the platform module reaches the browser (lint)', () => {
  const REACHING: Array<[string, string]> = [
    ['export const tabs = chrome.tabs.query({})', 'no-restricted-globals'],
    ['export const id = browser.runtime.id', 'no-restricted-globals'],
    ['import browser from "webextension-polyfill"\nexport const b = browser', 'no-restricted-imports'],
    ['import type { Tabs } from "webextension-polyfill"\nexport type T = Tabs.Tab', 'no-restricted-imports'],
  ]
  for (const file of ['src/popup/lint-probe.ts', 'src/background/lint-probe.ts', 'src/content/lint-probe.ts', 'src/store/lint-probe.ts', 'src/ui/lint-probe.tsx']) {
    it.each(REACHING)(`${file}: %s is an error`, async (code, rule) => {
      expect(await ruleIds(code, file)).toContain(rule)
    })
  }

  it('says where to go instead', async () => {
    const [result] = await eslint.lintText('export const tabs = chrome.tabs.query({})', { filePath: join(ROOT, 'src/popup/lint-probe.ts') })
    expect(result!.messages.map((message) => message.message)).toEqual([expect.stringContaining('src/platform/browser.ts')])
  })

  it.each(REACHING)('src/platform/lint-probe.ts: %s is fine', async (code) => {
    expect(await ruleIds(code, 'src/platform/lint-probe.ts')).toEqual([])
  })

  it('the platform and the store keep the IndexedDB rule beside it, and the views both', async () => {
    const idb = 'import { openDB } from "idb"\nexport const o = openDB'
    expect(await ruleIds(idb, 'src/platform/lint-probe.ts')).toContain('no-restricted-imports')
    expect(await ruleIds(idb, 'src/popup/lint-probe.ts')).toContain('no-restricted-imports')
    expect(await ruleIds(idb, 'src/store/lint-probe.ts')).toEqual([])
  })
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : []
  })
}
