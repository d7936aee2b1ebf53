/**
 * The engine (issue 8, item 1): `lintHar` on a generated 100,000-event HAR, timed against `JSON.parse` of the
 * same text in the same process, so the figure is a ratio that means the same on a fast or a slow machine.
 * Linting must parse the file anyway; the ratio is what the engine costs on top of reading it.
 *
 * Measured on the same requests as Chrome's DevTools and as Proxyman export them, and with the least a HAR entry
 * can hold, which no tool writes: the engine's work is per event, JSON.parse's per byte (see asExport).
 */
import type { Har } from 'har-format'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { lintHar } from '../../src/library'
import { fromHar } from '../../src/report/from-har'
import { toHar } from '../../src/report/to-har'
import { DEFAULT_SETTINGS } from '../../src/session/settings'
import { readUserSettings } from '../../src/session/user-settings'
import type { BenchContext, Benchmark, Result } from '../benchmark'
import { asExport, mediaEdgeSessions } from '../panel/media-edge-session'

/** Two back-to-back sessions of 50,000: one session cannot hold 100,000 events inside Adobe's 24 hours. */
export const ENGINE_SESSIONS = 2
export const ENGINE_EVENTS_PER_SESSION = 50_000
const RATIO_LIMIT = 2.0

interface Timing {
  wall: number
  cpu: number
}

export const engineBenchmark: Benchmark = {
  name: 'engine 100k events',
  async run(context: BenchContext): Promise<Result[]> {
    const { minimal, events, latePings } = generated()
    const collect = garbageCollector()
    // The same requests three times: as Chrome's DevTools and as Proxyman (the smallest entries of the six tools
    // Sessionscope reads) export them, and with the least a HAR entry can hold. Only texts are kept, and each is
    // let go once measured, so no run carries another's hundreds of MB.
    const shapes: Array<{ name: string; text: () => string }> = [
      { name: 'Chrome DevTools export', text: () => JSON.stringify(asExport(JSON.parse(minimal) as Har, 'chrome')) },
      { name: 'Proxyman export', text: () => JSON.stringify(asExport(JSON.parse(minimal) as Har, 'proxyman')) },
      { name: 'minimal entries no tool writes', text: () => minimal },
    ]
    const results: Result[] = []
    for (const shape of shapes) {
      const { name } = shape
      const text = shape.text()
      const kB = text.length / events / 1000
      context.log(`${name}: ${events} events in ${ENGINE_SESSIONS} sessions, ${(text.length / 1e6).toFixed(1)} MB of HAR text (${kB.toFixed(1)} kB an entry)`)
      const { parse, lint } = lintAgainstParse(text, context, collect, (report) => checkReport(report, events, latePings))
      results.push(
        { metric: `lintHar / JSON.parse, ${name} (${kB.toFixed(1)} kB/entry)`, unit: 'ratio', samples: lint.map((t, i) => t.wall / parse[i]!.wall), limit: RATIO_LIMIT },
        // CPU time (all the process's threads, GC helpers included) shifts less when other work shares the machine.
        { metric: '  same in CPU time', unit: 'ratio', samples: lint.map((t, i) => t.cpu / parse[i]!.cpu), limit: null },
        { metric: `  lintHar, ${events} events (${Math.round(text.length / 1e6)} MB)`, unit: 'ms', samples: lint.map((t) => t.wall), limit: null },
        { metric: '  JSON.parse of the same text', unit: 'ms', samples: parse.map((t) => t.wall), limit: null },
        { metric: '  lint throughput', unit: 'events/s', samples: lint.map((t) => (events / t.wall) * 1000), limit: null },
      )
    }
    // Exporting the same capture as HAR (the panel's export of a long tab): replay, redaction and entries.
    const { captures, observedUntil } = fromHar(minimal)
    const exports: number[] = []
    for (let i = 0; i < context.repeat; i++) {
      collect()
      exports.push(time(() => toHar({ captures, settings: DEFAULT_SETTINGS, userSettings: readUserSettings(undefined), observedUntil: observedUntil!, redact: true })).wall)
    }
    results.push({ metric: `export of the same ${events} events as HAR (toHar, redacted)`, unit: 'ms', samples: exports, limit: null })
    return results
  },
}

/** The generated sessions as HAR text with minimal entries, and what a lint of them must find. */
function generated(): { minimal: string; events: number; latePings: number } {
  const { har, facts } = mediaEdgeSessions(ENGINE_SESSIONS, { events: ENGINE_EVENTS_PER_SESSION })
  return { minimal: JSON.stringify(har), events: facts.reduce((sum, f) => sum + f.events, 0), latePings: facts.reduce((sum, f) => sum + f.latePings, 0) }
}

function time(work: () => unknown): Timing {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  work()
  const wall = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  return { wall, cpu: (cpu.user + cpu.system) / 1000 }
}

/** `lintHar` and `JSON.parse` of the same text, side by side, `context.repeat` times each. */
function lintAgainstParse(text: string, context: BenchContext, collect: () => void, check: (report: ReturnType<typeof lintHar>) => void): { parse: Timing[]; lint: Timing[] } {
  // Warm-up (not timed): the JIT compiles both paths, and the report proves the lint read the whole file.
  JSON.parse(text)
  check(lintHar(text))
  const parse: Timing[] = []
  const lint: Timing[] = []
  const timed = (work: () => unknown): Timing => {
    collect()
    return time(work)
  }
  for (let i = 0; i < context.repeat; i++) {
    // Alternate which goes first, so neither always inherits the other's heap.
    if (i % 2 === 0) {
      parse.push(timed(() => JSON.parse(text)))
      lint.push(timed(() => lintHar(text)))
    } else {
      lint.push(timed(() => lintHar(text)))
      parse.push(timed(() => JSON.parse(text)))
    }
    context.log(`run ${i + 1}: JSON.parse ${Math.round(parse.at(-1)!.wall)} ms (CPU ${Math.round(parse.at(-1)!.cpu)}), lintHar ${Math.round(lint.at(-1)!.wall)} ms (CPU ${Math.round(lint.at(-1)!.cpu)})`)
  }
  return { parse, lint }
}

/**
 * The figures mean nothing unless the whole file was linted as generated: every event in its session, the late
 * pings flagged, and each session but the last expiring idle once the next one has run (sessionComplete does not
 * close a Media Edge session; Adobe times it out 10 minutes later).
 */
function checkReport(report: ReturnType<typeof lintHar>, events: number, latePings: number): void {
  const linted = report.sessions.reduce((sum, session) => sum + session.events, 0)
  const late = report.findings.filter((finding) => finding.rule === 'ping-interval-too-long').length
  const idle = report.findings.filter((finding) => finding.rule === 'session-expired-idle').length
  if (report.sessions.length !== ENGINE_SESSIONS || linted !== events || late !== latePings || idle !== ENGINE_SESSIONS - 1 || report.findings.length !== late + idle) {
    throw new Error(`the lint did not read the benchmark HAR as generated: ${report.sessions.length} sessions, ${linted} events, ${report.findings.length} findings (${late} late pings of ${latePings}, ${idle} idle expiries)`)
  }
}

/**
 * A full collection before each timed step, so garbage left by the step before is not billed to it. Node hides
 * `gc` unless started with --expose-gc, which `npm run bench` does not pass; the flag can still be set at run time.
 */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as (() => void) | undefined
  return typeof gc === 'function' ? gc : () => {}
}


