/**
 * Requests of no tab (a site's service worker, a prefetch: tabId -1) are kept apart per origin that initiated them,
 * as webRequest names it, so two sites' service workers never share a scope or a session.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import { initiatingOrigin } from '../../../src/background/capture-update'
import { extensionPlatform } from '../../../src/background/extension-platform'
import { createPipeline } from '../../../src/background/pipeline'
import { listenToRequests } from '../../../src/background/web-request-listeners'
import { closeDatabase } from '../../../src/store/db'
import { capturesOf, listScopes, sessionsOf } from '../../../src/store/queries'
import { noTabScope, tabScope } from '../../../src/store/records'
import { testPlatform } from './test-platform'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const SESSION = 'test'

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await closeDatabase()
})

describe('the initiating origin', () => {
  it('is Chrome’s initiator, or the origin of Firefox’s originUrl or documentUrl, or none', () => {
    expect(initiatingOrigin({ initiator: 'https://a.example' })).toBe('https://a.example')
    expect(initiatingOrigin({ initiator: 'null' })).toBe('null')
    expect(initiatingOrigin({ originUrl: 'https://b.example:8443/sw.js?v=1' })).toBe('https://b.example:8443')
    expect(initiatingOrigin({ documentUrl: 'https://c.example/page' })).toBe('https://c.example')
    expect(initiatingOrigin({ originUrl: 'not a url' })).toBe('')
    expect(initiatingOrigin({})).toBe('')
  })

  it('comes with every webRequest report of a request of no tab, and with none of a tab’s', () => {
    const listeners: Record<string, (details: Record<string, unknown>) => void> = {}
    const event = (name: string) => ({ addListener: (listener: (details: Record<string, unknown>) => void) => void (listeners[name] = listener), removeListener: () => {} })
    vi.stubGlobal('chrome', {
      webRequest: {
        onBeforeRequest: event('request'), onBeforeSendHeaders: event('headers'), onHeadersReceived: event('response'), onErrorOccurred: event('failed'),
        OnBeforeSendHeadersOptions: { EXTRA_HEADERS: 'extraHeaders' },
      },
    })
    const submitted: CaptureUpdate[] = []
    listenToRequests(['<all_urls>'], () => true, (update) => void submitted.push(update))
    const url = 'https://edge.adobedc.net/ee/va/v1/ping?configId=x'
    for (const [tabId, requestId] of [[-1, 'a'], [4, 'b']] as const) {
      const details = { tabId, frameId: 0, requestId, url, method: 'POST', timeStamp: T0, type: 'xmlhttprequest', initiator: 'https://a.example', statusCode: 204, statusLine: 'HTTP/1.1 204 No Content', error: 'net::ERR_ABORTED' }
      for (const name of ['request', 'headers', 'response', 'failed']) listeners[name]!(details)
    }
    expect(submitted.map((update) => [update.kind, update.tabId, 'origin' in update ? update.origin : undefined])).toEqual([
      ['request', -1, 'https://a.example'], ['request-headers', -1, 'https://a.example'], ['response', -1, 'https://a.example'], ['failed', -1, 'https://a.example'],
      ['request', 4, undefined], ['request-headers', 4, undefined], ['response', 4, undefined], ['failed', 4, undefined],
    ])
  })
})

describe('scopes of requests of no tab', () => {
  it('are one per origin in the browser’s scopes, titled by the origin', async () => {
    vi.stubGlobal('chrome', { storage: { session: { get: async () => ({ browserSession: SESSION }), set: async () => {} } } })
    expect(await extensionPlatform.scopeOfTab(-1, 'https://a.example')).toBe(noTabScope('https://a.example', SESSION))
    expect(await extensionPlatform.scopeOfTab(-1, 'https://b.example')).toBe('tab:-1:https://b.example@test')
    expect(await extensionPlatform.scopeOfTab(3, 'https://a.example')).toBe(tabScope(3, SESSION))
    expect(await extensionPlatform.tabInfo(-1, 'https://a.example')).toEqual({ title: 'https://a.example', url: 'https://a.example' })
    expect(await extensionPlatform.tabInfo(-1, '')).toEqual({ title: 'No origin', url: '' })
  })

  it('never put two sites’ service-worker sessions together, however their requests interleave', async () => {
    const platform = testPlatform(T0, {
      scopeOfTab: async (tabId, origin) => (tabId < 0 ? noTabScope(origin ?? '', SESSION) : tabScope(tabId, SESSION)),
      tabInfo: async (_tabId, origin) => ({ title: origin ?? '', url: origin ?? '' }),
    })
    const pipeline = createPipeline(platform)
    // Both sites' service workers send the same Media Edge session ID; their requests interleave.
    const ping = (origin: string, n: number): CaptureUpdate[] => {
      const body = JSON.stringify({ events: [{ xdm: { eventType: 'media.ping', timestamp: new Date(T0 + n * 10_000).toISOString(), mediaCollection: { playhead: n, sessionID: 'SAME' } } }] })
      const requestId = `${origin}#${n}`
      const url = 'https://edge.adobedc.net/ee/va/v1/ping?configId=x'
      return [
        { kind: 'request', tabId: -1, frameId: -1, requestId, url, method: 'POST', body: { text: body }, time: T0 + n * 10_000, resourceType: 'xmlhttprequest', origin },
        { kind: 'response', tabId: -1, requestId, status: 204, statusText: '', headers: [], origin },
      ]
    }
    for (let n = 0; n < 3; n++) for (const update of [...ping('https://a.example', n), ...ping('https://b.example', n)]) await pipeline.submit(update)
    await pipeline.flush()
    const scopes = await listScopes()
    expect(scopes.map((scope) => [scope.scope, scope.title, scope.tabId]).sort()).toEqual([
      ['tab:-1:https://a.example@test', 'https://a.example', -1],
      ['tab:-1:https://b.example@test', 'https://b.example', -1],
    ])
    for (const { scope } of scopes) {
      const captures = await capturesOf(scope)
      expect(captures.map((capture) => capture.response?.status)).toEqual([204, 204, 204])
      expect((await sessionsOf(scope)).map((session) => session.events)).toEqual([3])
    }
  })
})
