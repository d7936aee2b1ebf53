/** Times as a media player shows them, so a session's length reads at a glance. */

/** 7 s → "0:07", 65 s → "1:05", 3723 s → "1:02:03". Negative or unknown lengths read as "0:00". */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = pad(total % 60)
  return hours > 0 ? `${hours}:${pad(minutes)}:${seconds}` : `${minutes}:${seconds}`
}

/**
 * An event's time since its session started, to the millisecond: pings ten seconds apart and events that
 * share a timestamp must stay distinguishable. 5120 ms → "0:05.120".
 */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : ''
  const abs = Math.abs(Number.isFinite(ms) ? Math.round(ms) : 0)
  return `${sign}${formatDuration(abs)}.${String(abs % 1000).padStart(3, '0')}`
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}
