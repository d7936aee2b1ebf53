/**
 * Who may send the worker what. Hook messages come from our relay content script in some tab's frame; the
 * browser fills in `sender`, so tab and frame are taken from it and nothing in the message can name another
 * tab. Commands (clear, import…) come only from the extension's own pages.
 */

/**
 * This extension as senders show it: its id, and the origin of its pages (`runtime.getURL('')`), which Chrome
 * builds from the id and Firefox from a per-install UUID that is not the id.
 */
export interface OwnExtension {
  id: string
  pagesOrigin: string
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
export function hookSource(sender: chrome.runtime.MessageSender, self: OwnExtension): HookSource | null {
  if (sender.id !== self.id || isFromExtensionPage(sender, self)) return null
  const tabId = sender.tab?.id
  const { frameId } = sender
  if (!Number.isSafeInteger(tabId) || tabId! < 0 || !Number.isSafeInteger(frameId) || frameId! < 0) return null
  return { tabId: tabId!, frameId: frameId! }
}

/** A page of this extension (panel, popup, options, rule page), not a content script in someone's page. */
export function isFromExtensionPage(sender: chrome.runtime.MessageSender, self: OwnExtension): boolean {
  return sender.id === self.id && typeof sender.url === 'string' && sender.url.startsWith(self.pagesOrigin)
}
