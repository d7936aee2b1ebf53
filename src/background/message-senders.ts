/**
 * Who may send the worker what. Hook messages come from our relay content script in some tab's frame; the
 * browser fills in `sender`, so tab and frame are taken from it and nothing in the message can name another
 * tab. Commands (clear, import…) come only from the extension's own pages.
 */
import type { Runtime } from '../platform/browser'

/**
 * This extension as its senders show it: its id, and the address its pages start with (in Firefox a per-install
 * uuid, not the id).
 */
export interface OwnExtension {
  id: string
  pagesUrl: string
}

/** Where a relayed hook message really came from. */
export interface HookSource {
  tabId: number
  frameId: number
}

/**
 * The tab and frame of a relay message's sender, or null when the sender is not our content script in a tab:
 * another extension, an extension page, the worker itself, or a sender without a tab (TAB_ID_NONE is -1).
 */
export function hookSource(sender: Runtime.MessageSender, self: OwnExtension): HookSource | null {
  if (sender.id !== self.id || isFromExtensionPage(sender, self)) return null
  const tabId = sender.tab?.id
  const { frameId } = sender
  if (!Number.isSafeInteger(tabId) || tabId! < 0 || !Number.isSafeInteger(frameId) || frameId! < 0) return null
  return { tabId: tabId!, frameId: frameId! }
}

/** A page of this extension (panel, popup, options, rule page), not a content script in someone's page. */
export function isFromExtensionPage(sender: Runtime.MessageSender, self: OwnExtension): boolean {
  return sender.id === self.id && typeof sender.url === 'string' && sender.url.startsWith(self.pagesUrl)
}
