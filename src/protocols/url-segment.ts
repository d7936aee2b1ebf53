/** A percent-encoded URL segment as text; one that is malformed (`%E0%A4%A`) stays as sent. Never throws. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
