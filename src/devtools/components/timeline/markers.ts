/** Where findings sit on the timeline, and how many markers to draw for them. Pure. */
import type { Finding, Severity } from '../../../session/finding'
import { worstFinding } from '../../../ui/worst-finding'
import type { Domain } from './scale'

export interface PlacedFinding {
  finding: Finding
  time: number
  /** `${capture}:${ordinal}` of the event the finding points at; undefined for a finding about the session. */
  eventId: string | undefined
}

export interface Marker {
  time: number
  severity: Severity
  /** The findings the marker stands for (more than one once markers are aggregated). */
  findings: Finding[]
  eventId: string | undefined
}

type PlaceableEvent = { capture: number; ordinal: number; observedAt: number }

/**
 * Places each finding at the time of its event (a finding about a whole request: the request's first event).
 * Findings about the session as a whole, or about requests outside these events, go to `sessionEnd`.
 */
export function placeFindings(findings: readonly Finding[], events: readonly PlaceableEvent[], sessionEnd: number): PlacedFinding[] {
  const placer = findingPlacer(findings)
  for (const event of events) placer.add(event)
  return placer.placed(sessionEnd)
}

export interface FindingPlacer {
  add(event: PlaceableEvent): void
  /** Placements given the events added so far. */
  placed(sessionEnd: number): PlacedFinding[]
}

/** placeFindings one event at a time, for a session whose events arrive in chunks. */
export function findingPlacer(findings: readonly Finding[]): FindingPlacer {
  // Only the captures findings point at are indexed: a long session has far more events than findings.
  const wanted = new Set(findings.flatMap((finding) => (finding.at ? [finding.at.capture] : [])))
  const byEvent = new Map<string, PlaceableEvent>()
  const byCapture = new Map<number, PlaceableEvent>()
  return {
    add(event) {
      if (!wanted.has(event.capture)) return
      byEvent.set(`${event.capture}:${event.ordinal}`, event)
      const first = byCapture.get(event.capture)
      if (!first || event.ordinal < first.ordinal) byCapture.set(event.capture, event)
    },
    placed(sessionEnd) {
      return findings.map((finding) => {
        const at = finding.at
        const event = at === null ? undefined : at.ordinal === null ? byCapture.get(at.capture) : byEvent.get(`${at.capture}:${at.ordinal}`)
        return event
          ? { finding, time: event.observedAt, eventId: `${event.capture}:${event.ordinal}` }
          : { finding, time: sessionEnd, eventId: undefined }
      })
    },
  }
}

/** Above this many visible findings, markers share pixel buckets. */
export const MARKER_CAP = 300
const BUCKET_PX = 4

/**
 * One marker per visible finding, or up to `cap` of them: past that, findings within `BUCKET_PX` pixels share
 * a marker that shows the worst of them. Worse severities come last so they draw on top.
 */
export function visibleMarkers(placed: readonly PlacedFinding[], view: Domain, x: (time: number) => number, cap = MARKER_CAP): Marker[] {
  const visible = placed.filter((p) => p.time >= view.start && p.time <= view.end)
  let markers: Marker[]
  if (visible.length <= cap) {
    markers = visible.map((p) => ({ time: p.time, severity: p.finding.severity, findings: [p.finding], eventId: p.eventId }))
  } else {
    const buckets = new Map<number, PlacedFinding[]>()
    for (const p of visible) {
      const bucket = Math.floor(x(p.time) / BUCKET_PX)
      const list = buckets.get(bucket)
      if (list) list.push(p)
      else buckets.set(bucket, [p])
    }
    markers = [...buckets.values()].map((group) => {
      const worst = worstFinding(group.map((p) => p.finding))!
      const speaker = group.find((p) => p.finding === worst)!
      return { time: speaker.time, severity: worst.severity, findings: group.map((p) => p.finding), eventId: speaker.eventId }
    })
  }
  const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 }
  return markers.sort((a, b) => rank[a.severity] - rank[b.severity] || a.time - b.time)
}
