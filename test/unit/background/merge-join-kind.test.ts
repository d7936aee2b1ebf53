/**
 * Joining webRequest and page-hook reports: a beacon whose body webRequest could not read (a Blob) must not
 * join a fetch or XHR to the same URL. Found end to end (worker-death.e2e.test.ts): Chromium now and then
 * reports such a beacon after the page hook already reported the next fetch, and the wrong join then shifted
 * every later beacon onto its neighbour, leaving the last one without its webRequest half.
 */
import { describe, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import { emptyRecent, mergeUpdate, remember } from '../../../src/background/merge'
import type { CaptureRecord } from '../../../src/store/records'

const URL_ = 'https://edge.adobedc.net/ee/va/v1/ping?configId=ds'
const T0 = 1_700_000_000_000
const pingBody = (n: number): string => JSON.stringify({ events: [{ xdm: { eventType: 'media.ping', mediaCollection: { playhead: n } } }] })

function webRequest(requestId: string, body: string | null, resourceType: 'xmlhttprequest' | 'ping' | 'beacon', at: number): CaptureUpdate {
  return { kind: 'request', tabId: 1, frameId: 0, requestId, url: URL_, method: 'POST', body: body === null ? null : { text: body }, time: T0 + at, resourceType }
}

function hook(id: string, via: 'fetch' | 'xhr' | 'beacon', body: string, at: number): CaptureUpdate {
  return { kind: 'hook-request', tabId: 1, frameId: 0, message: { kind: 'request', id, via, url: URL_, method: 'POST', body: { text: body }, time: T0 + at } }
}

/** Feeds updates in order as the pipeline does; returns the captures by seq. */
function merge(updates: CaptureUpdate[]): CaptureRecord[] {
  const recent = emptyRecent()
  let seq = 0
  for (const update of updates) {
    const merged = mergeUpdate(recent, 'tab:1@test', update, () => seq++)
    if (merged) remember(recent, merged)
  }
  return [...recent.bySeq.values()].sort((a, b) => a.seq - b.seq)
}

const summary = (captures: CaptureRecord[]) => captures.map((c) => ({ sources: [...c.sources].sort(), webRequestId: c.webRequestId, hookId: c.hookId, body: c.requestBody?.text }))

describe('joining a beacon and a fetch to the same URL', () => {
  it('keeps a bodiless beacon report off the fetch the hook reported first', () => {
    const captures = merge([
      hook('f1', 'fetch', pingBody(1), 0),
      webRequest('beacon', null, 'ping', 2),
      webRequest('fetch', pingBody(1), 'xmlhttprequest', 3),
      hook('b1', 'beacon', pingBody(2), 4),
    ])
    expect(summary(captures)).toEqual([
      { sources: ['fetch', 'webRequest'], webRequestId: 'fetch', hookId: '0|f1', body: pingBody(1) },
      { sources: ['beacon', 'webRequest'], webRequestId: 'beacon', hookId: '0|b1', body: pingBody(2) },
    ])
  })

  it('keeps a fetch the hook reports off a bodiless beacon webRequest reported first', () => {
    const captures = merge([
      webRequest('beacon', null, 'ping', 0),
      hook('f1', 'fetch', pingBody(1), 1),
      hook('b1', 'beacon', pingBody(2), 2),
      webRequest('fetch', pingBody(1), 'xmlhttprequest', 3),
    ])
    expect(summary(captures)).toEqual([
      { sources: ['beacon', 'webRequest'], webRequestId: 'beacon', hookId: '0|b1', body: pingBody(2) },
      { sources: ['fetch', 'webRequest'], webRequestId: 'fetch', hookId: '0|f1', body: pingBody(1) },
    ])
  })

  it('still joins a bodiless beacon report with the beacon the hook saw', () => {
    const captures = merge([hook('b1', 'beacon', pingBody(1), 0), webRequest('beacon', null, 'ping', 1)])
    expect(summary(captures)).toEqual([{ sources: ['beacon', 'webRequest'], webRequestId: 'beacon', hookId: '0|b1', body: pingBody(1) }])
  })

  it("joins Firefox's beacon, which its webRequest types 'beacon', and still keeps it off a fetch", () => {
    const captures = merge([
      hook('f1', 'fetch', pingBody(1), 0),
      webRequest('beacon', pingBody(2), 'beacon', 1),
      hook('b1', 'beacon', pingBody(2), 2),
      webRequest('fetch', pingBody(1), 'xmlhttprequest', 3),
    ])
    expect(summary(captures)).toEqual([
      { sources: ['fetch', 'webRequest'], webRequestId: 'fetch', hookId: '0|f1', body: pingBody(1) },
      { sources: ['beacon', 'webRequest'], webRequestId: 'beacon', hookId: '0|b1', body: pingBody(2) },
    ])
  })
})
