import { resolve } from 'node:path'
import type { Plugin } from 'vite'

/**
 * Every build people install (dist/, the store packages) leaves out the worker's test API (`self.__sessionscope`,
 * src/background/test-api.ts): an installed extension exposes no extra surface to anything that can evaluate code in
 * its worker. Only the test build (dist-test/, `vite build --mode e2e`) keeps it, for the e2e tests that drive the
 * worker through it.
 */
export function withoutTestApi(): Plugin {
  let testApi = ''
  const stub = '\0sessionscope:no-test-api'
  return {
    name: 'sessionscope:without-test-api',
    enforce: 'pre',
    configResolved: (config) => void (testApi = resolve(config.root, 'src/background/test-api.ts')),
    async resolveId(source, importer, options) {
      if (!source.includes('test-api')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved?.id === testApi ? stub : null
    },
    load: (id) => (id === stub ? 'export function exposeTestApi() {}\n' : null),
  }
}
