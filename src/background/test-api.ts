/**
 * `self.__sessionscope`, for end-to-end tests driving the worker from outside (Playwright's
 * worker.evaluate). It reads the store and forces pending work; it can change nothing a page could not.
 */
import { database } from '../store/db'
import { joinFrames } from '../store/frames'
import { scopeRange } from '../store/key-ranges'
import type { Pipeline } from './pipeline'
import { extensionPlatform } from './extension-platform'

export function exposeTestApi(pipeline: Pipeline, prune: (now: number) => Promise<unknown>): void {
  Object.assign(globalThis, {
    __sessionscope: {
      flush: () => pipeline.flush(),
      expire: (now: number) => pipeline.expire(now),
      /** Runs the retention clean-up as if it were `now`; resolves with what it deleted. */
      prune: (now: number) => prune(now),
      scopeOfTab: (tabId: number) => extensionPlatform.scopeOfTab(tabId),
      /** What is stored of one scope right now, without waiting for pending writes (load tests poll it). */
      async stats(scope: string) {
        const db = await database()
        const range = scopeRange(scope)
        const [captures, events, findings] = await Promise.all([
          db.getAllFromIndex('captures', 'byScope', range),
          db.countFromIndex('events', 'byScope', range),
          db.getAllFromIndex('findings', 'byScope', range),
        ])
        return {
          captures: captures.length,
          answered: captures.filter((capture) => capture.response !== null && (capture.hookId === undefined || capture.response.body !== null)).length,
          events,
          findings: findings.map((finding) => finding.rule),
        }
      },
      async dump() {
        await pipeline.flush()
        const db = await database()
        const [records, frames, events, findings, sessions, scopes] = await Promise.all([
          db.getAll('captures'), db.getAll('frames'), db.getAll('events'), db.getAll('findings'), db.getAll('sessions'), db.getAll('scopes'),
        ])
        return { captures: joinFrames(records, frames), events, findings, sessions, scopes }
      },
    },
  })
}
