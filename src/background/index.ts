/** The service worker: capture → decode → session engine → IndexedDB, for every tab, DevTools open or not. */
import { chromePlatform } from './chrome-platform'
import { onUserSettingsChanged } from '../shared/settings-storage'
import { listen } from './listeners'
import { createPipeline } from './pipeline'
import { exposeTestApi } from './test-api'

const pipeline = createPipeline(chromePlatform)
listen(pipeline, (tabId) => chromePlatform.scopeOfTab(tabId), chromePlatform.log)
exposeTestApi(pipeline)
onUserSettingsChanged(() => pipeline.settingsChanged().catch(chromePlatform.log))
// A stopped worker may have missed its expiry alarm's moment: catch up at once.
pipeline.expire(Date.now()).catch(chromePlatform.log)
