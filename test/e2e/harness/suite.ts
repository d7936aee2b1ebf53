/** The usual frame of an e2e file: the stand-in Edge server and Chromium with the extension, for all its tests. */
import { afterAll, beforeAll } from 'vitest'
import type { ExtensionBrowser } from './browser'
import { launchWithExtension } from './browser'
import type { EdgeServer } from './edge-server'
import { startEdgeServer } from './edge-server'

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
