import { describe, expect, it } from 'vitest'
import { asExport, mediaEdgeSession, mediaEdgeSessions, SESSION_ID } from '../../../bench/panel/media-edge-session'
import { lintHar } from '../../../src/library'

/** The xdm event type of every entry, in order, without the "media." prefix. */
function typesOf(har: ReturnType<typeof mediaEdgeSession>['har']): string[] {
  return har.log.entries.map((entry) => JSON.parse(entry.request.postData!.text!).events[0].xdm.eventType.replace(/^media\./, ''))
}
const count = (types: readonly string[], type: string): number => types.filter((t) => t === type).length

describe('the panel benchmark session', () => {
  // Small enough to lint quickly, big enough for several chapters, pauses and late pings.
  const SHAPE = { events: 1_500, chapterPings: 6, adsPerBreak: 2, adSeconds: 10, pauseEvery: 3, latePingEvery: 2 }
  const { har, facts } = mediaEdgeSession(SHAPE)
  const types = typesOf(har)

  it('has exactly the asked number of events, one per HAR entry, from sessionStart to sessionComplete', () => {
    expect(facts.events).toBe(1_500)
    expect(har.log.entries).toHaveLength(1_500)
    expect(types[0]).toBe('sessionStart')
    expect(types.at(-1)).toBe('sessionComplete')
  })

  it('holds the chapters, ad breaks, ads and pauses it claims', () => {
    expect(facts.chapters).toBeGreaterThan(10)
    expect(count(types, 'chapterStart')).toBe(facts.chapters)
    expect(count(types, 'chapterComplete')).toBe(facts.chapters)
    expect(count(types, 'adBreakStart')).toBe(facts.adBreaks)
    expect(count(types, 'adBreakComplete')).toBe(facts.adBreaks)
    expect(facts.ads).toBe(facts.adBreaks * 2)
    expect(count(types, 'adStart')).toBe(facts.ads)
    expect(count(types, 'adComplete')).toBe(facts.ads)
    expect(facts.pauses).toBe(Math.floor(facts.chapters / 3))
    expect(count(types, 'pauseStart')).toBe(facts.pauses)
  })

  it('lints to one completed session whose only findings are its late pings', () => {
    const report = lintHar(JSON.stringify(har))
    expect(report.sessions.map((session) => ({ key: session.key, state: session.state, events: session.events }))).toEqual([
      { key: `adobe-media-edge:${SESSION_ID}`, state: 'completed', events: 1_500 },
    ])
    expect(facts.latePings).toBe(Math.floor(facts.chapters / 2))
    expect(report.findings.map((finding) => finding.rule)).toEqual(Array(facts.latePings).fill('ping-interval-too-long'))
  })

  it('is the same on every run, so benchmark runs compare', () => {
    expect(JSON.stringify(mediaEdgeSession(SHAPE).har)).toBe(JSON.stringify(har))
  })

  it('fits 50,000 events inside Adobe\'s 24-hour session limit with the default shape', () => {
    const big = mediaEdgeSession({ events: 50_000 }).facts
    expect(big.events).toBe(50_000)
    expect(big.durationMs).toBeLessThan(24 * 3_600_000)
    expect(big.durationMs).toBeGreaterThan(20 * 3_600_000)
  })
})

describe('the engine benchmark sessions, one after another in one HAR', () => {
  const SHAPE = { events: 600, chapterPings: 6, adsPerBreak: 2, adSeconds: 10, pauseEvery: 3, latePingEvery: 2 }
  const { har, facts, sessionIds } = mediaEdgeSessions(3, SHAPE)

  it('holds every session whole, each with its own ID, in time order', () => {
    expect(har.log.entries).toHaveLength(1_800)
    expect(new Set(sessionIds).size).toBe(3)
    expect(sessionIds[0]).toBe(SESSION_ID)
    expect(sessionIds.every((id) => id.length === SESSION_ID.length)).toBe(true)
    const times = har.log.entries.map((entry) => Date.parse(entry.startedDateTime))
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  it('lints to one session per generated session, each of its events, late pings flagged, earlier sessions expiring idle', () => {
    const report = lintHar(JSON.stringify(har))
    expect(report.sessions.map((session) => [session.key, session.events])).toEqual(sessionIds.map((id) => [`adobe-media-edge:${id}`, 600]))
    const rules = report.findings.map((finding) => finding.rule)
    const latePings = facts.reduce((sum, f) => sum + f.latePings, 0)
    expect(rules.filter((rule) => rule === 'ping-interval-too-long')).toHaveLength(latePings)
    // sessionComplete leaves a Media Edge session open until Adobe times it out; the last one ends with the file.
    expect(rules.filter((rule) => rule === 'session-expired-idle')).toHaveLength(2)
    expect(rules).toHaveLength(latePings + 2)
  })

  it.each(['chrome', 'proxyman'] as const)('as %s exports them: the same requests, bodies and times in the tool\'s own form, linting the same', (tool) => {
    const exported = asExport(har, tool)
    expect(exported.log.creator.name).toBe(tool === 'chrome' ? 'WebInspector' : 'Proxyman')
    // Proxyman writes whole seconds.
    const precision = tool === 'chrome' ? 1 : 1_000
    const requests = (h: typeof har) => h.log.entries.map((entry) => [entry.request.url, entry.request.postData?.text, Math.floor(Date.parse(entry.startedDateTime) / precision), entry.response.status])
    expect(requests(exported)).toEqual(requests(har))
    const ping = exported.log.entries[5]!
    if (tool === 'chrome') {
      expect(ping.request.headers.slice(0, 4).map((header) => header.name)).toEqual([':authority', ':method', ':path', ':scheme'])
      expect(Object.keys(ping)).toEqual(expect.arrayContaining(['_initiator', '_priority', '_resourceType', '_connectionId', 'serverIPAddress', 'timings']))
    } else {
      expect(ping.startedDateTime).toMatch(/\+05:30$/)
    }
    expect(ping.request.headers.length).toBeGreaterThan(tool === 'chrome' ? 15 : 4)
    expect(JSON.stringify(exported).length).toBeGreaterThan((tool === 'chrome' ? 2.5 : 1.3) * JSON.stringify(har).length)
    // Times in messages differ by the tool's precision; what is found, where, and the sessions do not.
    const verdict = (text: string) => {
      const report = lintHar(text)
      return { findings: report.findings.map((finding) => [finding.rule, finding.entry]), sessions: report.sessions.map((session) => [session.key, session.state, session.events]) }
    }
    expect(verdict(JSON.stringify(exported))).toEqual(verdict(JSON.stringify(har)))
  })
})
