/** The usual frames of an e2e file: a server and the browsers, started before its tests and closed after them. */
import { afterAll, beforeAll } from 'vitest'
import type { ExtensionBrowser, PlainBrowser } from './browser'
import { launchWithExtension, launchWithoutExtension } from './browser'
import type { EdgeServer } from './edge-server'
import { startEdgeServer } from './edge-server'
import type { ProbeServer } from './probe-server'
import { startProbeServer } from './probe-server'

/**
 * Starts both before the file's tests and hands them to `ready`; closes both after. `args` gives Chromium
 * switches that depend on the server (host resolver rules).
 */
export function withEdgeAndExtension(
  ready: (browser: ExtensionBrowser, server: EdgeServer) => void | Promise<void>,
  args: (server: EdgeServer) => string[] = () => [],
): void {
  let browser: ExtensionBrowser | undefined
  let server: EdgeServer | undefined
  beforeAll(async () => {
    server = await startEdgeServer()
    browser = await launchWithExtension(args(server))
    await ready(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
}

/** The probe server, Chromium with the extension and Chromium without it: for comparing what a page sees. */
export function withProbeAndBothBrowsers(ready: (server: ProbeServer, extension: ExtensionBrowser, plain: PlainBrowser) => void): void {
  let server: ProbeServer | undefined
  let extension: ExtensionBrowser | undefined
  let plain: PlainBrowser | undefined
  beforeAll(async () => {
    server = await startProbeServer()
    extension = await launchWithExtension()
    plain = await launchWithoutExtension()
    ready(server, extension, plain)
  })
  afterAll(async () => {
    await extension?.close()
    await plain?.close()
    await server?.close()
  })
}
