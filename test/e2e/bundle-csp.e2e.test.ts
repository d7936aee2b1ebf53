/**
 * The built extension (SESSIONSCOPE_DIST, default dist-test/) runs only its own packaged code: the manifest keeps
 * a strict CSP for extension pages, pages load scripts only from files, and no bundle evaluates strings as
 * code or loads code from the network. In the e2e project because it needs a build.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DIST } from './harness/browser'

const SOURCE_MANIFEST = resolve(import.meta.dirname, '../../manifest.json')

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesOf(join(dir, entry.name)) : [join(dir, entry.name)]))
}

/** What in an HTML page would run code not from a packaged file. */
function htmlProblems(html: string): string[] {
  const problems: string[] = []
  for (const [tag, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes!)?.[1]
    if (!src) problems.push(`inline script: ${tag.slice(0, 80)}`)
    else if (/^(?:[a-z][\w+.-]*:)?\/\//i.test(src) || /^[a-z][\w+.-]*:/i.test(src)) problems.push(`script from elsewhere: ${src}`)
    if (body!.trim() !== '') problems.push(`script with a body: ${tag.slice(0, 80)}`)
  }
  for (const [, attribute] of html.matchAll(/<[a-z][^>]*?\s(on[a-z]+)\s*=/gi)) problems.push(`inline handler: ${attribute}`)
  if (/javascript:/i.test(html)) problems.push('javascript: URL')
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) problems.push('a CSP meta tag overriding the manifest')
  return problems
}

/** What in a script evaluates a string as code or fetches code. */
function scriptProblems(code: string): string[] {
  const patterns: Array<[string, RegExp]> = [
    ['eval', /(?<![\w$.])eval\s*\(/],
    ['Function constructor', /(?<![\w$.])Function\s*\(/],
    ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
    ['importScripts', /\bimportScripts\s*\(/],
    ['remote import', /\bimport\s*\(\s*["'`](?:https?:)?\/\//],
    ['remote static import', /\bfrom\s*["'`](?:https?:)?\/\//],
    ['remote script element', /\.src\s*=\s*["'`]https?:/],
    ['document.write', /\bdocument\.write(?:ln)?\s*\(/],
    ['WebAssembly', /\bWebAssembly\.(?:instantiate|compile)/],
  ]
  return patterns.filter(([, pattern]) => pattern.test(code)).map(([name]) => name)
}

/** What in a stylesheet loads from the network. */
function styleProblems(css: string): string[] {
  const problems: string[] = []
  if (/@import/i.test(css)) problems.push('@import')
  for (const [, url] of css.matchAll(/url\(\s*["']?([^"')]+)/gi)) if (/^(?:[a-z][\w+.-]*:)?\/\//i.test(url!) && !url!.startsWith('data:')) problems.push(`url(${url})`)
  return problems
}

describe('the built bundle', () => {
  const files = filesOf(DIST)
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown>

  it('keeps the strict CSP for extension pages and opens no door to other code', () => {
    const csp = (manifest.content_security_policy as { extension_pages?: string } | undefined)?.extension_pages ?? ''
    const directives = Object.fromEntries(csp.split(';').map((part) => part.trim().split(/\s+/)).filter((part) => part[0]).map(([name, ...values]) => [name, values]))
    expect(directives).toEqual({ 'script-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'none'"] })
    // No sandboxed pages (their CSP is separate), no page or extension may message it, nothing exposed to pages.
    for (const key of ['sandbox', 'externally_connectable', 'web_accessible_resources', 'update_url']) expect(manifest, key).not.toHaveProperty(key)
    const source = JSON.parse(readFileSync(SOURCE_MANIFEST, 'utf8')) as Record<string, unknown>
    expect({ permissions: manifest.permissions, host: manifest.host_permissions, optional: manifest.optional_permissions }).toEqual({ permissions: source.permissions, host: source.host_permissions, optional: source.optional_permissions })
  })

  it('pages load scripts only from packaged files, and no script or style evaluates strings or loads from the network', () => {
    const html = files.filter((file) => file.endsWith('.html'))
    const scripts = files.filter((file) => /\.m?js$/.test(file))
    const styles = files.filter((file) => file.endsWith('.css'))
    // Every page, the worker and both content scripts are in the build being checked.
    expect(html.map((file) => relative(DIST, file)).sort()).toEqual(['src/devtools/devtools.html', 'src/devtools/panel.html', 'src/options/options.html', 'src/popup/popup.html', 'src/rule-pages/rules.html'])
    expect(scripts.map((file) => relative(DIST, file))).toEqual(expect.arrayContaining(['service-worker-loader.js', 'src/content/page-hook.js', 'src/content/relay.js']))
    const found = [
      ...html.flatMap((file) => htmlProblems(readFileSync(file, 'utf8')).map((problem) => `${relative(DIST, file)}: ${problem}`)),
      ...scripts.flatMap((file) => scriptProblems(readFileSync(file, 'utf8')).map((problem) => `${relative(DIST, file)}: ${problem}`)),
      ...styles.flatMap((file) => styleProblems(readFileSync(file, 'utf8')).map((problem) => `${relative(DIST, file)}: ${problem}`)),
    ]
    expect(found).toEqual([])
  })

  it('the checks catch what they look for', () => {
    expect(htmlProblems('<script>alert(1)</script><script src="https://cdn.example/x.js"></script><a onclick="x()" href="javascript:x()">')).toEqual([
      'inline script: <script>alert(1)</script>',
      'script with a body: <script>alert(1)</script>',
      'script from elsewhere: https://cdn.example/x.js',
      'inline handler: onclick',
      'javascript: URL',
    ])
    expect(htmlProblems('<script type="module" crossorigin src="/assets/panel.js"></script>')).toEqual([])
    expect(scriptProblems('a=eval("1");b=new Function("return 1");setTimeout("x()",1);import("https://x.test/m.js")')).toEqual(['eval', 'Function constructor', 'string timer', 'remote import'])
    expect(scriptProblems('const retrieval=x.eval2(1);medieval(2);typeof Function;isFunction(f);setTimeout(run,1)')).toEqual([])
    expect(styleProblems('@import url("https://fonts.example/f.css");.a{background:url(//x.test/i.png)}.b{background:url(data:image/png;base64,AA)}')).toEqual([
      '@import',
      'url(https://fonts.example/f.css)',
      'url(//x.test/i.png)',
    ])
  })
})

describe('the test API', () => {
  const ROOT = resolve(import.meta.dirname, '../..')
  // The worker's test API object; the hook's own event names (`__sessionscope_hook_ready__`) are another thing.
  const TEST_API = /__sessionscope(?!_)/
  const carrying = (dir: string): string[] => filesOf(resolve(ROOT, dir)).filter((file) => file.endsWith('.js') && TEST_API.test(readFileSync(file, 'utf8')))

  it('is not in dist/, the build people load; only dist-test/ carries it, for the tests, the demo and the benchmarks', () => {
    expect(carrying('dist')).toEqual([])
    expect(carrying('dist-test').length).toBeGreaterThan(0)
  })
})
