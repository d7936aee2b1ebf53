/** The extension's DataSource: read-only store queries, change notices, and the worker for clearing. */
import { onChanges } from '../shared/changes'
import { sendCommand } from '../shared/commands'
import { eventsOf, findingsOf, getScope, sessionsOf } from '../store/queries'
import type { DataSource } from './data-source'

export const storeDataSource: DataSource = {
  getScope,
  sessionsOf,
  eventsOf,
  findingsOf,
  onChanges,
  async clearScope(scope) {
    await sendCommand({ type: 'clear-scope', scope })
  },
}
