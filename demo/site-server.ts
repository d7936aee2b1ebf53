/**
 * Serves the demo site on 127.0.0.1 over plain HTTP: the player page and its script from demo/site, alloy's
 * standalone build, and the alloy configuration the end-to-end pages use (one config for both). The stand-in
 * Edge runs separately (test/e2e/harness/edge-server.ts, over TLS); alloy reaches it as https://edge.example.test.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { ALLOY } from '../test/e2e/harness/edge-server'

const SITE = resolve(import.meta.dirname, 'site')
const E2E_PAGES = resolve(import.meta.dirname, '../test/e2e/pages')

/** Every path the site answers, and the file behind it: nothing else on disk can be reached. */
const FILES: Record<string, string> = {
  '/': resolve(SITE, 'index.html'),
  '/demo.js': resolve(SITE, 'demo.js'),
  '/demo.css': resolve(SITE, 'demo.css'),
  '/vendor/alloy.js': ALLOY,
  '/shared/alloy-common.js': resolve(E2E_PAGES, 'alloy-common.js'),
}

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css' }

export interface SiteServer {
  /** http://127.0.0.1:<port>/ */
  url: string
  close(): Promise<void>
}

export async function startSiteServer(): Promise<SiteServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const file = FILES[path]
    if (request.method !== 'GET' || file === undefined) {
      response.writeHead(path === '/favicon.ico' ? 204 : 404).end()
      return
    }
    response.writeHead(200, { 'Content-Type': TYPES[file.split('.').pop()!] ?? 'application/octet-stream', 'Cache-Control': 'no-store' })
    response.end(readFileSync(file))
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => {
      server.close(() => done())
      server.closeAllConnections()
    }),
  }
}
