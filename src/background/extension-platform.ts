/** The pipeline's view of the browser. */
import { browser } from '../platform/browser'
import { engineSettings, redactionOf } from '../session/user-settings'
import { announceChanges } from '../shared/changes'
import { loadUserSettings } from '../shared/settings-storage'
import { noTabScope, tabScope } from '../store/records'
import { showErrorCount } from './badge'
import { browserSession } from './browser-session'
import type { Platform } from './pipeline'

export const EXPIRY_ALARM = 'sessionscope-expiry'
/** Chrome does not fire alarms sooner than this after they are set. */
const MIN_ALARM_DELAY_MS = 30_000

export const extensionPlatform: Platform = {
  settings: async () => engineSettings(await loadUserSettings()),
  async secretsAtRest() {
    const { keepSecretsOnDisk, extraSecretNames } = redactionOf(await loadUserSettings())
    return { keepSecretsOnDisk, extraSecretNames }
  },
  now: () => Date.now(),
  async tabInfo(tabId, origin) {
    // Requests of no tab are titled by the site that made them (its service worker, a prefetch).
    if (tabId < 0) return { title: origin || 'No origin', url: origin ?? '' }
    const tab = await browser.tabs.get(tabId)
    return { title: tab.title ?? '', url: tab.url ?? tab.pendingUrl ?? '' }
  },
  async scopeOfTab(tabId, origin) {
    return tabId < 0 ? noTabScope(origin ?? '', await browserSession()) : tabScope(tabId, await browserSession())
  },
  changed(scopes) {
    for (const scope of scopes) if (scope.tabId !== null) showErrorCount(scope.tabId, scope.counts.errors)
    announceChanges(scopes.map((scope) => scope.scope))
  },
  cleared(scope, tabId) {
    if (tabId !== null) showErrorCount(tabId, 0)
    announceChanges([scope])
  },
  newId: () => crypto.randomUUID(),
  scheduleExpiry(at) {
    if (at === null) void browser.alarms.clear(EXPIRY_ALARM)
    else void browser.alarms.create(EXPIRY_ALARM, { when: Math.max(at, Date.now() + MIN_ALARM_DELAY_MS) })
  },
  log(error) {
    console.error('[sessionscope]', error)
  },
}
