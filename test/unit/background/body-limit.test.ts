/**
 * The 1 MiB capture limit on the webRequest path (the page hook applies the same one): a larger body is cut,
 * keeps its original length, and the capture is reported (body-truncated) beside what can still be decoded.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { bodyFromWebRequest } from '../../../src/background/capture-update'
import { emptyRecent, mergeUpdate, remember } from '../../../src/background/merge'
import { createPipeline } from '../../../src/background/pipeline'
import { limitProblems } from '../../../src/protocols/capture-limits'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { MAX_BODY_CHARS } from '../../../src/shared/hook-messages'
import { closeDatabase } from '../../../src/store/db'
import { capturesOf, findingsOf } from '../../../src/store/queries'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(closeDatabase)

const raw = (bytes: Uint8Array): NonNullable<Parameters<typeof bodyFromWebRequest>[0]> => ({ raw: [{ bytes: bytes.buffer }] })

it('keeps a body at the limit whole and cuts a larger one at it, saying how long it was', () => {
  const atLimit = new TextEncoder().encode('a'.repeat(MAX_BODY_CHARS))
  expect(bodyFromWebRequest(raw(atLimit))).toEqual({ text: 'a'.repeat(MAX_BODY_CHARS) })
  const over = new TextEncoder().encode(`{"events":[${'1,'.repeat(MAX_BODY_CHARS)}1]}`)
  const cut = bodyFromWebRequest(raw(over))!
  expect(cut.text).toHaveLength(MAX_BODY_CHARS)
  expect(cut.truncatedFrom).toBe(over.length)
})

it('cuts binary bodies and form data too', () => {
  const binary = new Uint8Array(MAX_BODY_CHARS + 10).fill(0xff)
  const cut = bodyFromWebRequest(raw(binary))!
  expect(cut).toMatchObject({ encoding: 'base64', truncatedFrom: MAX_BODY_CHARS + 10 })
  expect(atob(cut.text)).toHaveLength(MAX_BODY_CHARS)
  const form = bodyFromWebRequest({ formData: { big: ['x'.repeat(MAX_BODY_CHARS)] } })!
  expect(form.text).toHaveLength(MAX_BODY_CHARS)
  expect(form.truncatedFrom).toBe(MAX_BODY_CHARS + 'big='.length)
})

it('reports a cut tracking body as body-truncated, and as undecodable-request with the reason, once stored', async () => {
  const pipeline = createPipeline({
    settings: async () => DEFAULT_SETTINGS, now: () => T0, tabInfo: async () => null, scopeOfTab: async (tabId) => `tab:${tabId}@test`,
    changed: () => {}, cleared: () => {}, newId: () => 'id', scheduleExpiry: () => {}, log: (error) => {
      throw error
    },
  })
  const huge = JSON.stringify({ events: [{ xdm: { eventType: 'media.ping', timestamp: new Date(T0).toISOString(), mediaCollection: { playhead: 1, sessionID: 'SID', padding: 'x'.repeat(MAX_BODY_CHARS) } } }] })
  const body = bodyFromWebRequest(raw(new TextEncoder().encode(huge)))
  await pipeline.submit({ kind: 'request', tabId: 2, frameId: 0, requestId: 'big', url: 'http://127.0.0.1:9/ee/va/v1/ping?configId=ds', method: 'POST', body, time: T0, resourceType: 'ping' })
  await pipeline.flush()
  const [capture] = await capturesOf('tab:2@test')
  expect(capture!.requestBody!.truncatedFrom).toBe(huge.length)
  const findings = await findingsOf('tab:2@test', '')
  expect(findings.map((f) => [f.rule, f.severity])).toEqual([['undecodable-request', 'error'], ['body-truncated', 'warning']])
  expect(findings[0]!.message).toContain(`truncated at capture (${huge.length} bytes)`)
  expect(findings[1]!.message).toContain(`the request body (${huge.length} long) was cut to its first ${MAX_BODY_CHARS} characters`)
})

it('keeps the cut mark of a WebSocket frame the page hook truncated, and reports that frame', () => {
  const recent = emptyRecent()
  let seq = 0
  const open = mergeUpdate(recent, 'tab:4@test', { kind: 'socket-open', tabId: 4, frameId: 0, message: { kind: 'ws-open', id: 's1', url: 'wss://x.example/ws', time: T0 } }, () => seq++)!
  remember(recent, open)
  const frame = { kind: 'ws-frame' as const, id: 's1', direction: 'receive' as const, opcode: 1 as const, data: 'x'.repeat(10), time: T0 + 1, truncatedFrom: 5 * MAX_BODY_CHARS }
  const capture = mergeUpdate(recent, 'tab:4@test', { kind: 'socket-frame', tabId: 4, frameId: 0, message: frame }, () => seq++)!
  expect(capture.frames).toEqual([{ direction: 'receive', time: T0 + 1, opcode: 1, data: 'x'.repeat(10), truncatedFrom: 5 * MAX_BODY_CHARS }])
  expect(limitProblems(capture, 'gamesparks')).toEqual([
    { protocol: 'gamesparks', kind: 'truncated', capture: 0, frame: 0, reason: `the WebSocket frame (${5 * MAX_BODY_CHARS} long) was cut to its first 10 characters` },
  ])
})
