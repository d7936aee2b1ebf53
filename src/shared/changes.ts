/**
 * Change notices from the worker to open views (panel, popup). They carry which scopes changed, never data:
 * views re-read the store. BroadcastChannel reaches every extension page and costs nothing when none is open.
 */
const CHANNEL = 'sessionscope-changes'

export interface ChangeNotice {
  scopes: string[]
}

/** The sender's channel, opened once: opening and closing one costs the worker more than a post on it. */
let sender: BroadcastChannel | null = null

export function announceChanges(scopes: string[]): void {
  sender ??= new BroadcastChannel(CHANNEL)
  sender.postMessage({ scopes } satisfies ChangeNotice)
}

/** Calls `listener` on every change notice; returns the function that stops listening. */
export function onChanges(listener: (notice: ChangeNotice) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (event: MessageEvent<ChangeNotice>) => listener(event.data)
  return () => channel.close()
}
