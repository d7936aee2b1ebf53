/** The extension's DataSource: read-only store queries, change notices, and the worker for clearing and imports. */
import { onChanges } from '../shared/changes'
import { sendCommand } from '../shared/commands'
import { eventsAfter, eventsOf, findingsOf, getScope, scopesOfKind, sessionsOf } from '../store/queries'
import type { DataSource } from './data-source'
import { exportScope } from './export-scope'

export const storeDataSource: DataSource = {
  getScope,
  sessionsOf,
  eventsOf,
  eventsAfter,
  findingsOf,
  onChanges,
  async clearScope(scope) {
    await sendCommand({ type: 'clear-scope', scope })
  },
  imports: () => scopesOfKind('import'),
  tabs: () => scopesOfKind('tab'),
  importHar: (name, text) => sendCommand({ type: 'import-har', name, text }),
  exportScope: (scope, options) => exportScope(scope, options),
}
