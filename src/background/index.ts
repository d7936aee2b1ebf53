/** The service worker: capture → decode → session engine → IndexedDB, for every tab, DevTools open or not. */
import { chromePlatform } from './chrome-platform'
import { loadUserSettings, onUserSettingsChanged } from '../shared/settings-storage'
import { listenToConfiguredHosts } from './web-request-listeners'
import { listen } from './listeners'
import { createPipeline } from './pipeline'
import { chromeRetentionFacts, createPruner, RETENTION_ALARM, scheduleRetention } from './prune'
import { exposeTestApi } from './test-api'

// A full disk makes retention run at once (declared functions: the pruner needs the pipeline first).
const pipeline = createPipeline({ ...chromePlatform, storageFull: () => pruneNow() })
listen(pipeline, (tabId) => chromePlatform.scopeOfTab(tabId), chromePlatform.log)
const pruneStore = createPruner(pipeline, chromeRetentionFacts((tabId) => chromePlatform.scopeOfTab(tabId)))
function pruneNow(): void {
  void pruneStore(Date.now()).catch(chromePlatform.log)
}
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETENTION_ALARM) pruneNow()
})
exposeTestApi(pipeline, pruneStore)
/** Listens to the hosts the user configured, now and whenever the settings change. */
async function followConfiguredHosts(): Promise<void> {
  const { hosts } = await loadUserSettings()
  listenToConfiguredHosts(hosts ?? {}, (update) => void pipeline.submit(update).catch(chromePlatform.log))
}
void followConfiguredHosts().catch(chromePlatform.log)
onUserSettingsChanged(() => {
  void followConfiguredHosts().catch(chromePlatform.log)
  pipeline.settingsChanged().catch(chromePlatform.log)
  // Shorter retention takes effect at once.
  pruneNow()
})
// A stopped worker may have missed its expiry alarm's moment: catch up at once.
pipeline.expire(Date.now()).catch(chromePlatform.log)
pruneNow()
void scheduleRetention().catch(chromePlatform.log)
