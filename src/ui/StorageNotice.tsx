import type { ScopeRecord } from '../store/records'
import './StorageNotice.css'

/**
 * Says that the browser refuses to store more (disk or quota full) and that capture goes on in memory: the
 * user learns why a tab's latest requests may vanish if the browser closes now. Shown only while it lasts.
 */
export function StorageNotice({ record }: { record: ScopeRecord | undefined }) {
  const notice = record?.storageNotice
  if (!notice) return null
  const since = new Date(notice.since).toLocaleTimeString('en-GB', { timeStyle: 'short' })
  const held = `${notice.held.toLocaleString('en')} ${notice.held === 1 ? 'request' : 'requests'}`
  return (
    <p class="storage-notice" role="status" data-testid="storage-notice">
      Storage full since {since}: {held} held in memory until space is freed; old captures are being removed.
    </p>
  )
}
