/** Rewriting an event or a capture's problems replaces their stored findings; new events' findings are all stored. */
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { EventResult } from '../../../src/session/engine'
import type { Finding } from '../../../src/session/finding'
import { closeDatabase, database } from '../../../src/store/db'
import type { ScopeRecord } from '../../../src/store/records'
import type { ScopeWrite } from '../../../src/store/writes'
import { writeChanges } from '../../../src/store/writes'

const SCOPE = 'tab:1@test'
const record: ScopeRecord = {
  scope: SCOPE, kind: 'tab', tabId: 1, title: '', url: '', createdAt: 0, updatedAt: 0,
  engine: { ids: [], windows: [], loose: { errors: 0, warnings: 0, infos: 0 } }, counts: { errors: 0, warnings: 0, infos: 0 }, sessions: 0, nextExpiry: null, lastCapture: 0,
}

function finding(message: string): Finding {
  return { rule: 'test-rule', severity: 'warning', message, docs: '', sessionKey: null, at: null }
}

function result(capture: number, messages: string[]): EventResult {
  const event = { protocol: 'media-edge', origin: { capture, ordinal: 0 }, type: 'ping', role: 'progress', sessionId: null, details: {} }
  return { event: event as unknown as EventResult['event'], sessionKey: null, position: 0, findings: messages.map(finding) }
}

function write(events: EventResult[], problems = new Map<number, Finding[]>()): ScopeWrite {
  return { record, sessions: [], removedSessions: [], events, problems, clearFrom: null }
}

async function storedMessages(): Promise<string[]> {
  return (await (await database()).getAll('findings')).map((stored) => `${stored.capture}/${stored.ordinal}: ${stored.message}`)
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(() => closeDatabase())

it('replaces the findings of a rewritten event and keeps those of new ones, in one write', async () => {
  await writeChanges([], [write([result(1, ['a', 'b']), result(2, ['c'])])])
  await writeChanges([], [write([result(1, ['a2']), result(3, ['d', 'e'])])])
  expect(await storedMessages()).toEqual(['1/0: a2', '2/0: c', '3/0: d', '3/0: e'])
})

it('replaces the findings of an event below the latest capture with findings, and of its capture problems', async () => {
  await writeChanges([], [write([result(5, ['x', 'y']), result(9, ['z'])], new Map([[4, [finding('p'), finding('q')]]]))])
  await writeChanges([], [write([result(5, [])], new Map([[4, [finding('p2')]]]))])
  expect(await storedMessages()).toEqual(['4/-1: p2', '9/0: z'])
})
