/**
 * `Date.parse`, read by hand for the form of toISOString, `YYYY-MM-DDTHH:MM:SS.sssZ`: every Web SDK event
 * timestamp, and `startedDateTime` in Chrome's and Playwright's HAR exports, two per request: read by hand, this
 * form costs less than Date.parse. Anything else goes to Date.parse, so the result is Date.parse's for every input
 * (test/unit/protocols/time-text.test.ts compares them).
 */
export function parseTime(text: string): number {
  if (text.length !== 24) return Date.parse(text)
  const second = digit(text, 17) * 10 + digit(text, 18)
  const ms = digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22)
  // Timestamps come in runs within one minute (a HAR's entries, a session's events): the minute is read once.
  if (minute.prefix !== '' && text.startsWith(minute.prefix) && second <= 59 && ms >= 0 && secondSeparatorsAt(text)) return minute.start + second * 1000 + ms
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3)
  const month = digit(text, 5) * 10 + digit(text, 6)
  const day = digit(text, 8) * 10 + digit(text, 9)
  const hour = digit(text, 11) * 10 + digit(text, 12)
  const minutes = digit(text, 14) * 10 + digit(text, 15)
  // A non-digit reads as NaN and fails every comparison below. Years below 1000 (Date.UTC reads 0–99 as 19xx),
  // day 0, hour 24 and other edges are Date.parse's to decide.
  const plain = year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minutes <= 59 && second <= 59 && ms >= 0
  if (!plain || !separatorsAt(text)) return Date.parse(text)
  const start = Date.UTC(year, month - 1, day, hour, minutes)
  minute.prefix = text.slice(0, 16)
  minute.start = start
  return start + second * 1000 + ms
}

/** The last minute read whole: `YYYY-MM-DDTHH:MM` and its start (ms since the epoch). */
const minute = { prefix: '', start: 0 }

/** The separators after the minute: `:` `.` `Z`. */
function secondSeparatorsAt(text: string): boolean {
  return text.charCodeAt(16) === 0x3a && text.charCodeAt(19) === 0x2e && text.charCodeAt(23) === 0x5a
}

/** `-` `-` `T` `:` `:` `.` `Z` where toISOString puts them. */
function separatorsAt(text: string): boolean {
  return text.charCodeAt(4) === 0x2d && text.charCodeAt(7) === 0x2d && text.charCodeAt(10) === 0x54 && text.charCodeAt(13) === 0x3a &&
    text.charCodeAt(16) === 0x3a && text.charCodeAt(19) === 0x2e && text.charCodeAt(23) === 0x5a
}

/** The digit at `at`, or NaN for any other character. */
function digit(text: string, at: number): number {
  const value = text.charCodeAt(at) - 0x30
  return value >= 0 && value <= 9 ? value : Number.NaN
}

/**
 * A length of time in words, for messages and facts: "17 ms", "3.5 s", "10 min", "2 min 58 s", "24 h", "1 h 5 min".
 * (Tables and timeline ticks show a player's clock instead: src/ui/format-duration.ts.)
 */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) {
    const seconds = ms / 1000
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`
  }
  const totalSeconds = Math.round(ms / 1000)
  if (totalSeconds < 3600) return withRest(Math.floor(totalSeconds / 60), 'min', totalSeconds % 60, 's')
  const totalMinutes = Math.round(ms / 60_000)
  return withRest(Math.floor(totalMinutes / 60), 'h', totalMinutes % 60, 'min')
}

function withRest(whole: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${whole} ${unit}` : `${whole} ${unit} ${rest} ${restUnit}`
}
