/**
 * Hostile pages: a page plays Media Edge sessions whose every string it controls carries markup and script
 * payloads. Every view (the panel with its JSON tree open, timeline tooltip and filters; the popup; all tabs; the
 * rule page) and the HAR export must show them as text: no element injected, nothing run, no CSP violation.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'

const PWN = 'window.__pwned=1'
const IMG = `<img src=x onerror="${PWN}">`
const SCRIPT = `<script>${PWN}</script>`
const JS_URL = `javascript:${PWN}//`
const SVG = `"><svg onload="${PWN}">`
const TEMPLATE = `{{constructor.constructor('${PWN}')()}}`
const RTL = '\u202Eexe.txt\u202C'
const LONG = `${'W'.repeat(4000)}${IMG}`

/** Every string the page controls, each a different payload so a test can tell which one shows where. */
const STRINGS = {
  title: `Title ${IMG}`,
  query: `query ${SCRIPT}`,
  header: `header ${SVG}`,
  contentId: `id ${JS_URL}`,
  contentName: `Content ${SVG} ${RTL}`,
  playerName: `Player ${SCRIPT}`,
  channel: `Channel ${TEMPLATE}`,
  show: LONG,
  author: `Author ${RTL}`,
  appVersion: `App ${IMG}`,
  metadata: [[`key ${IMG}`, `value ${SCRIPT}`], [JS_URL, TEMPLATE], [`k ${RTL}`, LONG]],
  podName: `Pod ${SVG}`,
  adId: `Ad id ${JS_URL}`,
  adName: `Ad ${IMG}`,
  chapterName: `Chapter ${TEMPLATE}`,
  fieldName: `field ${IMG}`,
  fieldValue: `field value ${SVG}`,
  eventType: `type<img src=x onerror="${PWN}">`,
  sessionId: `sid"><script>${PWN}</script>`,
}

/** Where each decoded string sits in an event's JSON tree. */
const TREE_FIELDS: Record<string, string> = {
  'mediaCollection.sessionDetails.name': STRINGS.contentId,
  'mediaCollection.sessionDetails.friendlyName': STRINGS.contentName,
  'mediaCollection.sessionDetails.playerName': STRINGS.playerName,
  'mediaCollection.sessionDetails.channel': STRINGS.channel,
  'mediaCollection.sessionDetails.show': STRINGS.show,
  'mediaCollection.sessionDetails.author': STRINGS.author,
  'mediaCollection.sessionDetails.appVersion': STRINGS.appVersion,
  ...Object.fromEntries(STRINGS.metadata.flatMap(([name, value], i) => [[`mediaCollection.customMetadata[${i}].name`, name], [`mediaCollection.customMetadata[${i}].value`, value]])),
  'mediaCollection.advertisingPodDetails.friendlyName': STRINGS.podName,
  'mediaCollection.advertisingDetails.name': STRINGS.adId,
  'mediaCollection.advertisingDetails.friendlyName': STRINGS.adName,
  'mediaCollection.chapterDetails.friendlyName': STRINGS.chapterName,
  eventType: `media.${STRINGS.eventType}`,
  // A key that is no identifier is shown as a quoted segment of its path.
  [`mediaCollection[${JSON.stringify(STRINGS.fieldName)}]`]: STRINGS.fieldValue,
}

let browser: ExtensionBrowser
let server: EdgeServer
let tabId: number
/** Console errors and uncaught errors of extension pages, CSP violations among them. */
const problems: string[] = []

withEdgeAndExtension(async (b, s) => {
  ;[browser, server] = [b, s]
  // Watches each extension page from before its own scripts: CSP violations, and any element or attribute a
  // payload parsed as markup would make, even if it is gone again by the time the test looks.
  await browser.context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:') return
    const seen: string[] = []
    ;(window as unknown as { __injected: string[] }).__injected = seen
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`CSP ${event.violatedDirective}: ${event.sample}`))
    const check = (element: Element) => {
      for (const name of element.getAttributeNames()) if (name.toLowerCase().startsWith('on')) seen.push(`<${element.localName} ${name}>`)
      if (element.matches('img, iframe, frame, object, embed, script:not([src])')) seen.push(`<${element.localName}>`)
      for (const name of ['href', 'src', 'xlink:href', 'action', 'formaction']) {
        if (/^\s*javascript:/i.test(element.getAttribute(name) ?? '')) seen.push(`<${element.localName} ${name}=javascript:>`)
      }
    }
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') check(record.target as Element)
        for (const node of record.addedNodes) if (node instanceof Element) [node, ...node.querySelectorAll('*')].forEach(check)
      }
    }).observe(document, { subtree: true, childList: true, attributes: true })
  })
  browser.context.on('console', (message) => {
    if (message.type() === 'error' && message.page()?.url().startsWith('chrome-extension:')) problems.push(`console error: ${message.text()}`)
  })
  browser.context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`))

  const player = await browser.context.newPage()
  await player.goto(`${server.origin}/pages/hostile-player.html`)
  tabId = await browser.tabIdOf(player)
  await player.evaluate((strings) => (window as unknown as { hostile: { play(s: unknown): Promise<string> } }).hostile.play(strings), STRINGS)
})

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage()
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`)
  return page
}

/** Nothing a payload could have made is in the page or was ever added to it, and nothing ran. */
async function expectUntouched(page: Page): Promise<void> {
  const state = await page.evaluate(() => {
    const now: string[] = []
    for (const element of document.querySelectorAll('*')) {
      for (const name of element.getAttributeNames()) if (name.toLowerCase().startsWith('on')) now.push(`<${element.localName} ${name}>`)
    }
    for (const element of document.querySelectorAll('img, iframe, frame, object, embed, script:not([src])')) now.push(`<${element.localName}>`)
    return {
      now,
      ever: (window as unknown as { __injected?: string[] }).__injected ?? null,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    }
  })
  expect(state.ever, 'the watch script ran in the page').not.toBeNull()
  expect({ now: state.now, ever: state.ever, pwned: state.pwned }).toEqual({ now: [], ever: [], pwned: undefined })
  expect(problems).toEqual([])
}

/** The JSON tree's string leaves, by path, read back from the literal the tree shows. */
function treeLeaves(page: Page): Promise<Record<string, string>> {
  return page.locator('[data-testid=event-details] li.json-node[data-path]').evaluateAll((nodes) => {
    const leaves: Record<string, string> = {}
    for (const node of nodes) {
      const value = node.querySelector(':scope > .json-line > .json-value.json-string')
      if (value) leaves[node.getAttribute('data-path')!] = JSON.parse(value.textContent) as string
    }
    return leaves
  })
}

const text = (page: Page, selector: string) => page.locator(selector).evaluateAll((elements) => elements.map((element) => element.textContent ?? ''))

describe('hostile strings in every view', () => {
  it('the panel shows them as text: header, sessions, findings, filters, every event\'s JSON tree and the timeline tooltip', async () => {
    const panel = await open(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await expect.poll(() => panel.locator('[data-testid=session-row]').count(), { timeout: 15_000 }).toBe(2)
    expect(await text(panel, '.panel-title')).toEqual([STRINGS.title])
    expect(await text(panel, '[data-testid=session-row] .col-name')).toContain(STRINGS.contentName)
    expect(await text(panel, '[data-testid=session-row] .col-id')).toContain(STRINGS.sessionId)

    const played = panel.locator('[data-testid=session-row]', { hasText: 'Content' })
    await played.click()
    await expect.poll(() => panel.locator('[data-testid=event-row]').count()).toBe(10)
    const findings = (await text(panel, '[data-testid=finding]')).join('\n')
    expect(findings).toContain(`"${STRINGS.eventType}" is not an event type the vendor defines`)
    // Quoted as JSON string literals.
    for (const [key] of STRINGS.metadata) expect(findings).toContain(`key ${JSON.stringify(key)}`)

    // Filters: the page's event type is an option and a filter; the search box takes a payload as plain text.
    expect(await text(panel, '[data-testid=filter-type] option')).toContain(STRINGS.eventType)
    await panel.locator('[data-testid=filter-type]').selectOption({ label: STRINGS.eventType })
    expect(await text(panel, '[data-testid=event-row] .col-type, [data-testid=event-row] [data-type]')).not.toEqual([])
    expect(await panel.locator('[data-testid=event-row]').getAttribute('data-type')).toBe(STRINGS.eventType)
    await panel.locator('[data-testid=filter-clear]').click()
    await panel.locator('[data-testid=filter-search]').fill(STRINGS.adName)
    await expect.poll(() => panel.locator('[data-testid=event-row]').count()).toBe(1)
    expect(await panel.locator('[data-testid=filter-search]').inputValue()).toBe(STRINGS.adName)
    await panel.locator('[data-testid=filter-clear]').click()
    await expect.poll(() => panel.locator('[data-testid=event-row]').count()).toBe(10)

    // Every event, its tree fully expanded: each string the page sent, verbatim.
    const leaves = new Map<string, string[]>()
    const rows = panel.locator('[data-testid=event-row]')
    for (let i = 0; i < 10; i++) {
      await rows.nth(i).click()
      await expect.poll(() => rows.nth(i).getAttribute('aria-selected')).toBe('true')
      await panel.locator('[data-testid=json-expand-all]').click()
      for (const [path, value] of Object.entries(await treeLeaves(panel))) leaves.set(path, [...(leaves.get(path) ?? []), value])
    }
    for (const [path, value] of Object.entries(TREE_FIELDS)) expect(leaves.get(path), path).toContain(value)

    // Copying the page-named field: its path and value go to the clipboard as they are, named as text.
    await panel.evaluate(() => {
      navigator.clipboard.writeText = async (copied: string) => void ((window as unknown as { copied: string }).copied = copied)
    })
    await rows.nth(0).click()
    await panel.locator('[data-testid=json-expand-all]').click()
    const fieldPath = `mediaCollection[${JSON.stringify(STRINGS.fieldName)}]`
    const nodes = panel.locator('[data-testid=event-details] li.json-node')
    const at = await nodes.evaluateAll((list, path) => list.findIndex((node) => node.getAttribute('data-path') === path), fieldPath)
    expect(at).toBeGreaterThan(-1)
    const field = nodes.nth(at)
    await field.locator(':scope > .json-line [data-testid=json-copy-value]').click()
    await expect.poll(() => panel.evaluate(() => (window as unknown as { copied?: string }).copied)).toBe(STRINGS.fieldValue)
    expect(await panel.locator('[data-testid=copy-status]').textContent()).toContain(fieldPath)

    // The timeline tooltip: every event in turn by keyboard, then the pointer swept across the chart.
    const tooltipType = panel.locator('[data-testid=timeline-tooltip] .timeline-tooltip-type')
    const chart = panel.locator('.timeline-chart')
    await chart.focus()
    await panel.keyboard.press('Home')
    const typesByKey: string[] = []
    for (let i = 0; i < 10; i++) {
      typesByKey.push((await tooltipType.textContent())!)
      await panel.keyboard.press('ArrowRight')
    }
    expect(typesByKey).toContain(STRINGS.eventType)
    const box = (await panel.locator('.timeline-svg').boundingBox())!
    const typesByPointer = new Set<string>()
    for (let x = box.x + 1; x < box.x + box.width; x += box.width / 100) {
      await panel.mouse.move(x, box.y + box.height / 2)
      if (await tooltipType.count()) typesByPointer.add((await tooltipType.textContent())!)
    }
    expect([...typesByPointer]).toContain(STRINGS.eventType)

    await expectUntouched(panel)
    await panel.close()
  })

  it('the popup, the all-tabs view and the rule page show them as text, and the options page stays clean', async () => {
    const popup = await open(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    await expect.poll(() => popup.locator('[data-testid=popup-session]').count(), { timeout: 15_000 }).toBe(2)
    const sessions = (await text(popup, '[data-testid=popup-session]')).join('\n')
    expect(sessions).toContain(STRINGS.contentName)
    expect(sessions).toContain(STRINGS.sessionId)
    await expectUntouched(popup)
    await popup.close()

    const options = await open('src/options/options.html')
    await options.locator('[data-testid=options][data-ready=true]').waitFor()
    await expectUntouched(options)
    await options.close()

    const panel = await open(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=capture-all]').click()
    await panel.locator('[data-testid=all-tabs][data-ready=true]').waitFor()
    await expect.poll(() => text(panel, '[data-testid=tab-title]')).toContain(STRINGS.title)
    await expectUntouched(panel)
    await panel.close()

    // The rule page shows the rule ID in its hash when no rule has it, and what is typed in its search.
    for (const payload of [IMG, SVG, JS_URL, TEMPLATE]) {
      const rules = await open(`src/rule-pages/rules.html#${encodeURIComponent(payload)}`)
      await rules.locator('[data-testid=rule-page]').waitFor()
      expect(await text(rules, '[data-testid=rule-unknown] code')).toEqual([payload])
      await rules.locator('[data-testid=rule-search]').fill(payload)
      expect(await text(rules, '[data-testid=rule-none]')).toEqual([`No rule matches “${payload}”.`])
      await expectUntouched(rules)
      await rules.close()
    }
  })

  it('the HAR export keeps them verbatim under a safe file name, and imported back (from a hostile file name) they render as text again', async () => {
    const panel = await open(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await expect.poll(() => panel.locator('[data-testid=session-row]').count(), { timeout: 15_000 }).toBe(2)
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.locator('[data-testid=export-har]').click()])
    expect(download.suggestedFilename()).toMatch(/^sessionscope-[\w.-]+-\d{8}-\d{6}\.har$/)
    const file = join(mkdtempSync(join(tmpdir(), 'sessionscope-hostile-')), download.suggestedFilename())
    await download.saveAs(file)
    const har = JSON.parse(readFileSync(file, 'utf8')) as {
      log: { comment: string; entries: Array<{ request: { url: string; headers: Array<{ name: string; value: string }>; queryString: Array<{ name: string; value: string }>; postData?: { text: string } } }> }
    }
    expect(har.log.comment).toContain(STRINGS.title)
    const first = har.log.entries[0]!.request
    expect(first.queryString).toContainEqual({ name: 'note', value: STRINGS.query })
    expect(first.headers.find((h) => h.name.toLowerCase() === 'x-hostile-note')?.value).toBe(STRINGS.header)
    const bodies = har.log.entries.map((entry) => JSON.parse(entry.request.postData!.text) as { events: Array<{ xdm: { eventType: string; mediaCollection: { sessionDetails?: { friendlyName: string } } } }> })
    expect(bodies[0]!.events[0]!.xdm.mediaCollection.sessionDetails!.friendlyName).toBe(STRINGS.contentName)
    expect(bodies.map((body) => body.events[0]!.xdm.eventType)).toContain(`media.${STRINGS.eventType}`)

    // Imported back under a file name that is a payload too: the capture's tab and the status name it as text.
    const renamed = join(dirname(file), `${IMG}.har`)
    copyFileSync(file, renamed)
    await panel.locator('[data-testid=import-file]').setInputFiles(renamed)
    await expect.poll(() => panel.locator('[data-testid=capture-import]').getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true')
    expect(await text(panel, '[data-testid=capture-import]')).toEqual([`${IMG}.har`])
    expect(await text(panel, '[data-testid=transfer-status]')).toEqual([`Imported ${IMG}.har.`])
    await expect.poll(() => text(panel, '[data-testid=session-row] .col-name')).toContain(STRINGS.contentName)
    await expectUntouched(panel)
    await panel.close()
  })
})
