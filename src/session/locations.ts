import type { EventOrigin } from '../protocols/tracking-event'

/** True when both point at the same event of the capture log. */
export function sameLocation(a: EventOrigin | null | undefined, b: EventOrigin | null | undefined): boolean {
  return !!a && !!b && a.capture === b.capture && a.ordinal === b.ordinal
}
