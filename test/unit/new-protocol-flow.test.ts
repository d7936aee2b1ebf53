/**
 * A protocol is one folder and one registry line: in a copy of the sources, the scaffold adds a throwaway protocol,
 * its adapter is written inside its folder and nowhere else, and its traffic flows from capture to finding through
 * the unchanged engine, with its own event types and its own reading read by the generic rules. The copy also type-checks,
 * so the event union, the protocol ids and the hidden-class check all take the new protocol from the registry alone.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JsonReport } from '../../src/library'
// @ts-expect-error: a plain ES module script, without types
import { newProtocol } from '../../scripts/scaffold/new-protocol.mjs'
import { har, harEntry } from '../helpers/har-entry'

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * Acme Beacon, a made-up protocol: `POST https://beacon.acme.test/v1/{sessionId}/{event}` with `{"t": ms}`. The
 * client makes the session ID, `start` opens the session, `end` closes it for good, and the backend drops anything
 * sent for a closed session.
 */
const ADAPTER = `import type { ProtocolAdapter } from '../adapter'
import { NO_SESSION_TIMERS, NOTHING, captureProblem, captureUrl } from '../adapter'
import { bodyText, field, isRecord, parseJson } from '../json-body'
import { trackingEvent } from '../tracking-event'
import type { AcmeBeaconEvent, AcmeBeaconType } from './event'

const TYPES: ReadonlySet<string> = new Set<AcmeBeaconType>(['start', 'tick', 'adStart', 'end'])

export const acmeBeacon: ProtocolAdapter<'acme-beacon', AcmeBeaconEvent> = {
  id: 'acme-beacon',
  label: 'Acme Beacon',
  matchesUrl: (url) => url.hostname === 'beacon.acme.test' && url.pathname.startsWith('/v1/'),
  webRequestPatterns: ['*://beacon.acme.test/v1/*'],
  decode(capture, _context, parsed) {
    const url = captureUrl(capture, parsed)
    const [, , sessionId, type] = url?.pathname.split('/') ?? []
    if (!sessionId || !type) return NOTHING
    const body = capture.requestBody ? parseJson(bodyText(capture.requestBody)) : undefined
    if (!isRecord(body)) return captureProblem('acme-beacon', capture, 'malformed', 'the body is not a JSON object')
    const known = TYPES.has(type)
    const event = trackingEvent({
      protocol: 'acme-beacon',
      origin: { capture: capture.seq, ordinal: 0, frame: null },
      type: (known ? type : 'tick') as AcmeBeaconType,
      typeKnown: known,
      role: type === 'start' ? 'start' : type === 'end' ? 'end' : 'event',
      idIssuer: 'client',
      sessionId,
      playhead: null,
      clientTime: typeof field(body, 't') === 'number' ? (field(body, 't') as number) : null,
      observedAt: capture.observedAt,
      missingFields: field(body, 't') === undefined ? ['t'] : [],
      invalidFields: [],
      reading: { beaconVersion: 1 },
      details: body,
    })
    if (type === 'start') event.start = { kind: 'issued', sessionId }
    return { events: [event], problems: [] }
  },
  timers: NO_SESSION_TIMERS,
  reordersByTimestamp: false,
  ending: { repeatedEnd: 'undocumented', laterEvents: 'dropped' },
  unknownTypes: 'rejected',
  repeatsHeldStateAsPing: false,
}
`

const EVENT = `import type { EventCore } from '../event-core'

export type AcmeBeaconType = 'start' | 'tick' | 'adStart' | 'end'

export type AcmeBeaconEvent = EventCore<'acme-beacon', AcmeBeaconType> & { reading: { beaconVersion: number } }
`

let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'throwaway-protocol-'))
  cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true })
  for (const file of ['tsconfig.json', 'package.json']) cpSync(join(ROOT, file), join(root, file))
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
  const written = newProtocol(root, 'acme-beacon', 'Acme Beacon') as Record<'adapterFile' | 'eventFile', string>
  writeFileSync(written.adapterFile, ADAPTER)
  writeFileSync(written.eventFile, EVENT)
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

const at = (second: number): number => Date.UTC(2026, 0, 1, 12, 0, second)
const beacon = (path: string, second: number, body: unknown = { t: at(second) }) =>
  harEntry({ method: 'POST', url: `https://beacon.acme.test/v1/${path}`, observedAt: at(second), body, status: 204 })

describe('a protocol added as one folder and one registry line', () => {
  it('flows from capture to findings through the engine', async () => {
    const library = (await import(join(root, 'src', 'library.ts'))) as typeof import('../../src/library')
    const capture = har([beacon('s1/start', 0), beacon('s1/tick', 10), beacon('s1/adStart', 15), beacon('s1/end', 20), beacon('s1/tick', 30), beacon('s2/tick', 40, 'not json')])
    const report: JsonReport = library.lintHar(capture)
    expect(report.sessions.map((session) => [session.protocol, session.sessionId, session.state])).toEqual([['acme-beacon', 's1', 'ended']])
    const protocolOf = new Map(report.sessions.map((session) => [session.key, session.protocol]))
    const found = report.findings.map((finding) => [finding.rule, finding.severity, finding.sessionKey === null ? null : protocolOf.get(finding.sessionKey)])
    // The generic end-of-session rule, with the severity the adapter's \`ending\` states, and the decoding problem.
    expect(found).toContainEqual(['event-after-session-end', 'error', 'acme-beacon'])
    expect(found).toContainEqual(['undecodable-request', 'error', null])
    expect(report.findings.find((finding) => finding.rule === 'undecodable-request')?.message).toContain('the body is not a JSON object')
    // A protocol without timers gets no ping or expiry rule, and none of Adobe's media rules, even for an event
    // named like one of Adobe's (an adStart outside any ad break).
    expect(found.filter(([rule]) => /ping|expired|ad-|chapter|playhead/.test(String(rule)))).toEqual([])
  })

  it('type-checks with nothing outside its folder changed but the registry line', () => {
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')), include: ['src'] }))
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
    const checked = spawnSync(process.execPath, [tsc, '--noEmit', '-p', root], { encoding: 'utf8' })
    expect(checked.stdout + checked.stderr).toBe('')
    expect(checked.status).toBe(0)
  }, 120_000)
})
