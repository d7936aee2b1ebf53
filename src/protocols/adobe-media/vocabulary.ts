/**
 * What the Adobe Streaming Media APIs (Media Edge, Media Collection) share: event types, lifecycle roles,
 * value rules, and the checks adapters use to report field issues. Sources: reference/adobe-media.md §1–§2.
 */
import { describe } from '../describe-value'
import type { FieldIssue, IssueSeverity, LifecycleRole } from '../tracking-event'
import { parseTime } from '../time-text'

/** Event types of the Media Edge OpenAPI and the Media Collection API enum. */
export const MEDIA_EVENT_TYPES: ReadonlySet<string> = new Set([
  'sessionStart', 'play', 'ping', 'bitrateChange', 'bufferStart', 'pauseStart', 'error', 'sessionComplete', 'sessionEnd',
  'adBreakStart', 'adBreakComplete', 'adStart', 'adComplete', 'adSkip', 'chapterStart', 'chapterComplete', 'chapterSkip',
  'statesUpdate',
])

// A Map, not an object: a page can name its event "constructor".
const ROLES: ReadonlyMap<string, LifecycleRole> = new Map([['sessionStart', 'start'], ['sessionEnd', 'end'], ['sessionComplete', 'complete']])

export function roleOf(type: string): LifecycleRole {
  return ROLES.get(type) ?? 'event'
}

/** Content types with standard meaning; "any string is valid", so others are only noted. */
/**
 * Adobe's standard content types. "Custom strings are also accepted but will not match the built-in segments", and
 * that holds for the media SDKs' own `aod` (audio on demand) constant too.
 */
const STANDARD_CONTENT_TYPES: ReadonlySet<string> = new Set(['vod', 'live', 'linear', 'ugc', 'dvod', 'song', 'podcast', 'audiobook', 'radio'])

/** The check both Adobe APIs make of a content type: one outside the standard ones is accepted, and worth knowing. */
export function contentTypeIssue(checks: FieldChecks, contentType: string, path: string): void {
  if (STANDARD_CONTENT_TYPES.has(contentType.toLowerCase())) return
  checks.add(path, `"${contentType}" is not a standard content type (${[...STANDARD_CONTENT_TYPES].join(', ')})`, 'info')
}

/** Player state names: letters, digits, `_` and `.`, at most 64 characters. */
export const STATE_NAME = /^[a-zA-Z0-9_.]{1,64}$/
/** Custom metadata keys may use letters, digits, `_` and `.` only. */
export const METADATA_KEY = /^[a-zA-Z0-9_.]+$/

/** Events that may carry custom metadata. */
export const METADATA_EVENTS: ReadonlySet<string> = new Set(['sessionStart', 'adStart', 'chapterStart'])

export function isLiveContent(contentType: string | undefined): boolean {
  return contentType !== undefined && /^(live|linear)$/i.test(contentType)
}

/** Collects field issues; each check is silent when the value is absent (absence is a missing field). */
export class FieldChecks {
  readonly issues: FieldIssue[] = []

  /** `kind`: what is wrong regardless of the value, for checks whose every wrong value is the same mistake. */
  add(path: string, problem: string, severity: IssueSeverity, kind?: string): void {
    this.issues.push(kind === undefined ? { path, problem, severity } : { path, problem, severity, kind })
  }

  /** A number; an integer when the schema says so (a non-integer number is `fractionSeverity`). */
  number(value: unknown, path: string, options: { integer?: boolean; min?: number; fractionSeverity?: IssueSeverity } = {}): void {
    if (value === undefined || value === null) return
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, `must be a number, not ${describe(value)}`, 'error', 'not a number')
      return
    }
    if (options.integer && !Number.isInteger(value)) this.add(path, `must be an integer, not ${value}`, options.fractionSeverity ?? 'error', 'not an integer')
    if (options.min !== undefined && value < options.min) this.add(path, `must be at least ${options.min}, not ${value}`, 'error', `below ${options.min}`)
  }

  string(value: unknown, path: string): void {
    if (value === undefined || value === null) return
    if (typeof value !== 'string') this.add(path, `must be a string, not ${describe(value)}`, 'error', 'not a string')
  }

  /** A JSON object (not an array): its fields are read by name, so anything else loses them all. */
  object(value: unknown, path: string): void {
    if (value === undefined || value === null) return
    if (typeof value !== 'object' || Array.isArray(value)) this.add(path, `must be an object, not ${describe(value)}`, 'error', 'not an object')
  }

  boolean(value: unknown, path: string): void {
    if (value === undefined || value === null) return
    if (typeof value !== 'boolean') this.add(path, `must be a boolean (true or false), not ${describe(value)}`, 'error', 'not a boolean')
  }

  oneOf(value: unknown, path: string, allowed: readonly string[], severity: IssueSeverity): void {
    if (value === undefined || value === null) return
    if (typeof value !== 'string' || !allowed.includes(value)) this.add(path, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${describe(value)}`, severity)
  }

  /** `parsed`: the caller's own parse of the value (parseTime), when it has one (each parse costs on large captures). */
  timestamp(value: unknown, path: string, parsed?: number): void {
    if (value === undefined || value === null) return
    if (typeof value !== 'string' || !Number.isFinite(parsed ?? parseTime(value))) this.add(path, `must be an ISO 8601 date-time, not ${describe(value)}`, 'error', 'not a date-time')
  }
}
