/**
 * A response body webRequest read itself (Firefox's filterResponseData, for the few requests whose answer a
 * session needs): it completes a capture the page hook could not see, and never replaces the hook's body.
 */
import { describe, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import { emptyRecent, mergeUpdate, remember } from '../../../src/background/merge'
import type { CaptureRecord } from '../../../src/store/records'

const URL_ = 'https://edge.adobedc.net/ee/va/v1/sessionStart?configId=ds'
const T0 = 1_700_000_000_000
const ANSWER = JSON.stringify({ handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'a'.repeat(32) }] }] })
const REQUEST = JSON.stringify({ events: [{ xdm: { eventType: 'media.sessionStart' } }] })

const request: CaptureUpdate = { kind: 'request', tabId: -1, frameId: 0, requestId: 'r1', url: URL_, method: 'POST', body: { text: REQUEST }, time: T0, resourceType: 'xmlhttprequest', origin: 'https://site.test' }
const headers: CaptureUpdate = { kind: 'response', tabId: -1, requestId: 'r1', status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }], origin: 'https://site.test' }
const body = (text: string): CaptureUpdate => ({ kind: 'response-body', tabId: -1, requestId: 'r1', body: { text }, origin: 'https://site.test' })

function merge(updates: CaptureUpdate[]): Array<CaptureRecord | null> {
  const recent = emptyRecent()
  let seq = 0
  return updates.map((update) => {
    const merged = mergeUpdate(recent, 'tab:-1:https://site.test@s', update, () => seq++)
    if (merged) remember(recent, merged)
    return merged
  })
}

describe('a response body read by webRequest', () => {
  it("completes the capture of a request the page hook never saw (a service worker's sessionStart)", () => {
    const [, , completed] = merge([request, headers, body(ANSWER)])
    expect(completed?.response).toEqual({ status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }], body: { text: ANSWER } })
    expect(completed?.sources).toEqual(['webRequest'])
  })

  it("leaves the page hook's body alone when the hook read it first", () => {
    const hookRequest: CaptureUpdate = { kind: 'hook-request', tabId: -1, frameId: 0, message: { kind: 'request', id: 'h1', via: 'fetch', url: URL_, method: 'POST', body: { text: REQUEST }, time: T0 + 1 } }
    const hookResponse: CaptureUpdate = { kind: 'hook-response', tabId: -1, frameId: 0, message: { kind: 'response', id: 'h1', status: 200, statusText: 'OK', headers: [], body: { text: ANSWER } } }
    const results = merge([request, hookRequest, headers, hookResponse, body('{"other":true}')])
    expect(results.at(-1)).toBeNull()
    expect(results[3]?.response?.body).toEqual({ text: ANSWER })
  })

  it("waits for the response's headers when it overtook them (Firefox delivers a filter's data apart)", () => {
    const [, early, completed] = merge([request, body(ANSWER), headers])
    expect(early).toBeNull()
    expect(completed?.response).toMatchObject({ status: 200, body: { text: ANSWER } })
  })

  it('is ignored for a request it knows nothing of, and forgotten when the request fails', () => {
    expect(merge([body(ANSWER)])).toEqual([null])
    const failed: CaptureUpdate = { kind: 'failed', tabId: -1, requestId: 'r1', error: 'NS_BINDING_ABORTED', origin: 'https://site.test' }
    expect(merge([request, body(ANSWER), failed]).at(-1)?.response).toEqual({ status: 0, statusText: 'NS_BINDING_ABORTED', headers: [], body: null })
  })
})
