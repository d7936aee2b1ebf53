/** The service worker: capture → decode → session engine → IndexedDB, for every tab, DevTools open or not. */
import { extensionPlatform } from './extension-platform'
import { loadUserSettings, onUserSettingsChanged } from '../shared/settings-storage'
import { listenToConfiguredHosts } from './web-request-listeners'
import { listen } from './listeners'
import { createPipeline } from './pipeline'
import { browserRetentionFacts, createPruner, RETENTION_ALARM, scheduleRetention } from './prune'
import { exposeTestApi } from './test-api'
import { browser } from '../platform/browser'

// A full disk makes retention run at once (declared functions: the pruner needs the pipeline first).
const pipeline = createPipeline({ ...extensionPlatform, storageFull: () => pruneNow() })
listen(pipeline, (tabId) => extensionPlatform.scopeOfTab(tabId), extensionPlatform.log)
const pruneStore = createPruner(pipeline, browserRetentionFacts((tabId) => extensionPlatform.scopeOfTab(tabId)))
function pruneNow(): void {
  void pruneStore(Date.now()).catch(extensionPlatform.log)
}
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETENTION_ALARM) pruneNow()
})
exposeTestApi(pipeline, pruneStore)
/** Listens to the hosts the user configured, now and whenever the settings change. */
async function followConfiguredHosts(): Promise<void> {
  const { hosts } = await loadUserSettings()
  listenToConfiguredHosts(hosts ?? {}, (update) => void pipeline.submit(update).catch(extensionPlatform.log))
}
void followConfiguredHosts().catch(extensionPlatform.log)
onUserSettingsChanged(() => {
  void followConfiguredHosts().catch(extensionPlatform.log)
  pipeline.settingsChanged().catch(extensionPlatform.log)
  // Shorter retention takes effect at once.
  pruneNow()
})
// A stopped worker may have missed its expiry alarm's moment: catch up at once.
pipeline.expire(Date.now()).catch(extensionPlatform.log)
pruneNow()
void scheduleRetention().catch(extensionPlatform.log)
