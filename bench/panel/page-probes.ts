/**
 * What runs inside the panel page. Each function is serialized by Playwright, so it must be self-contained:
 * no imports, no closures over this module.
 */

export interface LongTask {
  /** ms since the page's navigation started. */
  start: number
  duration: number
}

export interface Probe {
  longTasks: LongTask[]
  /** ms since navigation start of the first frame that showed the ready panel with event rows; null until then. */
  readyAt: number | null
}

/**
 * Installed with page.addInitScript, before the panel's own scripts: records every long task (Chromium reports
 * tasks over 50 ms) and the first animation frame in which the panel is ready with its event list rendered.
 */
export function installProbe(readySelector: string): void {
  const probe: Probe = { longTasks: [], readyAt: null }
  ;(window as unknown as { __benchProbe: Probe }).__benchProbe = probe
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
  const check = (): void => {
    if (document.querySelector(readySelector)) probe.readyAt = performance.now()
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

export function readProbe(): Probe {
  return (window as unknown as { __benchProbe: Probe }).__benchProbe
}

/** Scrolls the element from top to bottom in `steps` equal steps, one per animation frame; returns the window. */
export async function scrollThrough({ selector, steps }: { selector: string; steps: number }): Promise<{ start: number; end: number; scrolledPx: number }> {
  const frame = (): Promise<void> => new Promise((done) => requestAnimationFrame(() => done()))
  const element = document.querySelector(selector)
  if (!element) throw new Error(`nothing matches ${selector}`)
  const start = performance.now()
  element.scrollTop = 0
  await frame()
  for (let step = 1; step <= steps; step++) {
    // Re-read the height each step: a virtualized list may resize as it measures rows.
    element.scrollTop = Math.round(((element.scrollHeight - element.clientHeight) * step) / steps)
    await frame()
  }
  await frame()
  return { start, end: performance.now(), scrolledPx: element.scrollTop }
}
