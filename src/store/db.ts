import type { IDBPDatabase } from 'idb'
import { openDB } from 'idb'
import type { SessionscopeDB } from './schema'
import { DB_NAME, DB_VERSION, upgrade } from './schema'

export type Database = IDBPDatabase<SessionscopeDB>

let connection: Promise<Database> | null = null

/** The shared connection (opened once per context). */
export function database(): Promise<Database> {
  connection ??= openDB<SessionscopeDB>(DB_NAME, DB_VERSION, {
    upgrade,
    // Another context opened a newer schema (extension update): let it proceed, reconnect next time.
    blocking() {
      void connection?.then((db) => db.close())
      connection = null
    },
  })
  return connection
}

/** For tests: forget the connection so the next call opens a fresh one. */
export async function closeDatabase(): Promise<void> {
  const open = connection
  connection = null
  if (open) (await open).close()
}
