/**
 * The Web SDK scenarios (scenarios/web-sdk.ts) in Debian's Firefox ESR with the Firefox add-on installed;
 * edge.example.test reaches the stand-in Edge through the harness's tunnel.
 */
import { afterAll, beforeAll } from 'vitest'
import type { EdgeServer } from './harness/edge-server'
import { EDGE_HOST, startEdgeServer } from './harness/edge-server'
import type { FirefoxWithExtension } from './harness/firefox'
import { launchFirefox } from './harness/firefox'
import { describeWebSdkScenarios } from './scenarios/web-sdk'

let firefox: FirefoxWithExtension
let edge: EdgeServer
let site: EdgeServer

beforeAll(async () => {
  edge = await startEdgeServer({ tls: true })
  site = await startEdgeServer()
  firefox = await launchFirefox({ hosts: { [EDGE_HOST]: edge.port } })
})
afterAll(async () => {
  await firefox?.close()
  await edge?.close()
  await site?.close()
})

describeWebSdkScenarios('Firefox', () => ({
  edge,
  site: site.origin,
  async openTab(url) {
    const { page, console } = await firefox.openTab(url)
    const scope = await firefox.scopeOfTab(await firefox.tabIdOf(page))
    return { page, scope, console }
  },
  dump: () => firefox.dump(),
}))
