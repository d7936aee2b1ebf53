/**
 * What the source's layout promises beyond the lint rules (eslint.config.js keeps the pure core's boundaries):
 * every rule and protocol adapter is registered, documented and tested, and only the platform module speaks of the
 * browser's extension APIs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adapters, PROTOCOL_IDS } from '../../src/protocols'
import { rules } from '../../src/session/rules'

const ROOT = join(import.meta.dirname, '..', '..')
const SRC = join(ROOT, 'src')

function filesUnder(dir: string, pattern = /\.tsx?$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : []
  })
}

const RULES_DIR = join(SRC, 'session', 'rules')
const HELPERS = new Set(['index.ts', 'rule.ts', 'describe.ts', 'docs-links.ts', 'expiry.ts', 'conditions.ts'])
const ruleFiles = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && !HELPERS.has(name))
const testSources = filesUnder(join(ROOT, 'test'), /\.test\.tsx?$/).filter((f) => !f.endsWith('architecture.test.ts')).map((f) => readFileSync(f, 'utf8')).join('\n')
const fixtureSources = filesUnder(join(ROOT, 'test', 'fixtures'), /\.ts$/).map((f) => readFileSync(f, 'utf8')).join('\n')

describe('rules', () => {
  it('every rule file is registered, and every registered rule has a file', () => {
    expect(rules.map((rule) => `${rule.id}.ts`).sort()).toEqual([...ruleFiles].sort())
  })

  it('rule ids are unique kebab-case', () => {
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length)
    for (const rule of rules) expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  for (const rule of rules) {
    it(`${rule.id} is documented`, () => {
      expect(rule.title.length).toBeGreaterThan(10)
      expect(rule.why.length).toBeGreaterThan(40)
      expect(rule.fix.length).toBeGreaterThan(20)
      expect(rule.docs).toMatch(/^https:\/\//)
      for (const url of Object.values(rule.docsByProtocol ?? {})) expect(url).toMatch(/^https:\/\//)
    })
    it(`${rule.id} is tested`, () => {
      expect(testSources.includes(`'${rule.id}'`) || fixtureSources.includes(`'${rule.id}'`), `no test mentions '${rule.id}'`).toBe(true)
    })
  }
})

describe('protocol adapters', () => {
  const PROTOCOLS_DIR = join(SRC, 'protocols')
  const declaresAdapter = (file: string): boolean => /:\s*ProtocolAdapter\s*(<[^>]*>)?\s*=/.test(readFileSync(file, 'utf8'))
  // A protocol is one folder: its adapter is the folder's index.ts, and no other file declares one.
  it('every adapter is its folder\'s index.ts, and every adapter folder is registered', () => {
    const adapterFiles = filesUnder(PROTOCOLS_DIR).filter(declaresAdapter).map((file) => relative(PROTOCOLS_DIR, file))
    expect(adapterFiles.sort()).toEqual(adapters.map((adapter) => join(adapter.id, 'index.ts')).sort())
  })
  for (const adapter of adapters) {
    it(`${adapter.id} is documented`, () => {
      expect(adapter.label.length).toBeGreaterThan(2)
      const source = readFileSync(join(PROTOCOLS_DIR, adapter.id, 'index.ts'), 'utf8')
      expect(source, `${adapter.id}/index.ts opens with what the protocol is`).toMatch(/^\/\*\*\n \* \S/)
    })
    it(`${adapter.id} has unit tests and golden fixtures`, () => {
      expect(statSync(join(ROOT, 'test', 'unit', 'protocols', `${adapter.id}.test.ts`)).isFile()).toBe(true)
      const dir = join(ROOT, 'test', 'fixtures', adapter.id)
      expect(readdirSync(dir).filter((name) => name.endsWith('.har')).length).toBeGreaterThan(0)
    })
  }
  // What a backend does with a session (timers, expiry, reordering) is the adapter's to say, not the machine's.
  it('the session machine names no protocol: it asks the adapter', () => {
    const machine = readdirSync(join(SRC, 'session')).filter((name) => name.endsWith('.ts'))
    for (const name of machine) {
      const source = readFileSync(join(SRC, 'session', name), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      for (const adapter of adapters) expect(source.includes(`'${adapter.id}'`), `session/${name} names '${adapter.id}'`).toBe(false)
    }
  })
  it('adapter ids are the protocol ids of the report contract', () => {
    expect([...PROTOCOL_IDS]).toEqual(adapters.map((adapter) => adapter.id))
  })
})

describe('the platform module', () => {
  const PLATFORM = join(SRC, 'platform')

  // Comments and strings too: the lint rule sees only code, and a stray `chrome.` in a comment tells the next
  // reader to reach for the global.
  it('is the only place in src/ that writes `chrome.`', () => {
    const naming = filesUnder(SRC, /./).filter((file) => !file.startsWith(`${PLATFORM}/`) && readFileSync(file, 'utf8').includes('chrome.'))
    expect(naming.map((file) => relative(ROOT, file))).toEqual([])
  })

  // The page hook runs in the page's own world, where there is no extension API for the polyfill to wrap.
  it("is out of the page hook's reach, however indirectly", () => {
    const reached = importsOf(join(SRC, 'content', 'page-hook.ts'))
    expect(reached.size).toBeGreaterThan(3)
    expect([...reached].filter((file) => file.startsWith(`${PLATFORM}/`)).map((file) => relative(ROOT, file))).toEqual([])
  })
})

/** Every source file `entry` imports, directly or not (relative specifiers: what is in src/). */
function importsOf(entry: string, seen = new Set<string>()): Set<string> {
  for (const [, specifier] of readFileSync(entry, 'utf8').matchAll(/\b(?:from|import)\s*['"](\.{1,2}\/[^'"]*)['"]/g)) {
    const base = resolve(dirname(entry), specifier!)
    const file = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
    if (file === undefined || seen.has(file)) continue
    seen.add(file)
    importsOf(file, seen)
  }
  return seen
}
