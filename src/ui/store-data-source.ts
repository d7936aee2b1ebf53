/** The extension's DataSource: read-only store queries, change notices, and the worker for clearing and imports. */
import { onChanges } from '../shared/changes'
import { sendCommand } from '../shared/commands'
import { splitIntoParts } from '../shared/har-upload'
import { eventsAfter, eventsOf, findingsOf, getScope, scopesOfKind, sessionsOf } from '../store/queries'
import type { DataSource } from './data-source'
import { exportScope } from './export-scope'
import { sentDetails } from './sent-values'

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
  importHar: (name, text) => importInParts(name, text),
  exportScope: (scope, options) => exportScope(scope, options),
  sentDetails,
}

/** A file that fits one message goes as one; a larger one in parts the worker joins (har-upload.ts). */
async function importInParts(name: string, text: string): Promise<string> {
  const parts = splitIntoParts(text)
  if (parts.length === 1) return sendCommand({ type: 'import-har', name, text })
  const upload = crypto.randomUUID()
  for (const [index, part] of parts.entries()) await sendCommand({ type: 'import-har-part', upload, index, text: part })
  return sendCommand({ type: 'import-har', name, upload, parts: parts.length })
}
