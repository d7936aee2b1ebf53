/**
 * Every browser event the worker listens to. Registered synchronously at the top level of the worker, so
 * events that wake a stopped worker are delivered to it.
 */
import type { Runtime } from '../platform/browser'
import { browser, extensionPagesUrl } from '../platform/browser'
import type { Command } from '../shared/commands'
import type { HookMessage } from '../shared/hook-messages'
import { parseRelayBatch, parseRelayMessage } from '../shared/hook-messages'
import type { CaptureUpdate } from './capture-update'
import { EXPIRY_ALARM } from './extension-platform'
import type { HookSource } from './message-senders'
import { hookSource, isFromExtensionPage } from './message-senders'
import type { Pipeline } from './pipeline'
import { listenToVendorRequests } from './web-request-listeners'
import { UploadParts } from '../shared/har-upload'

export function listen(pipeline: Pipeline, scopeOfTab: (tabId: number) => Promise<string>, log: (error: unknown) => void): void {
  const submit = (update: Parameters<Pipeline['submit']>[0]): void => void pipeline.submit(update).catch(log)
  const uploads = new UploadParts()
  listenToVendorRequests(submit)

  // A promise answers the message; nothing else returned, nothing answers it (the relay waits for no answer).
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const self = { id: browser.runtime.id, pagesUrl: extensionPagesUrl() }
    if (sender.id !== self.id) return
    if (isHookEnvelope(message)) {
      // Tab and frame come from the browser, never from what the page wrote.
      const source = hookSource(sender, self)
      if (!source) return
      // Validated again here, each report on its own: the relay is the only sender we trust, and only for its shape checks.
      for (const report of relayedReports(message)) submit(hookUpdate(report, source))
      return
    }
    if (!isFromExtensionPage(sender, self)) return
    // A failure is answered as `{ error }`, not as a rejection, which each browser would pass on in its own way.
    return answer(message as Command).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
  })

  browser.tabs.onRemoved.addListener((tabId) => void pipeline.forgetTab(tabId).catch(log))

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === EXPIRY_ALARM) pipeline.expire(Date.now()).catch(log)
  })

  async function answer(command: Command): Promise<unknown> {
    switch (command?.type) {
      case 'scope-of-tab':
        if (!Number.isInteger(command.tabId)) throw new Error('tabId must be an integer')
        return scopeOfTab(command.tabId)
      case 'clear-scope':
        if (typeof command.scope !== 'string') throw new Error('scope must be a string')
        await pipeline.clearScope(command.scope)
        return true
      case 'sent-captures':
        if (typeof command.scope !== 'string' || !Array.isArray(command.seqs) || !command.seqs.every(Number.isInteger)) throw new Error('sent-captures needs a scope and capture numbers')
        return pipeline.sentCaptures(command.scope, command.seqs)
      case 'import-har-part':
        if (typeof command.upload !== 'string' || typeof command.text !== 'string') throw new Error('a part needs its upload and its text')
        uploads.add(command.upload, command.index, command.text)
        return true
      case 'import-har': {
        if (typeof command.name !== 'string') throw new Error('an import needs a file name')
        const text = 'text' in command ? command.text : typeof command.upload === 'string' ? uploads.take(command.upload, command.parts) : undefined
        if (typeof text !== 'string') throw new Error('an import needs the text of its file')
        return pipeline.importHar(command.name.slice(0, 200), text)
      }
      default:
        throw new Error('unknown command')
    }
  }
}

function hookUpdate(hook: HookMessage, base: HookSource): CaptureUpdate {
  switch (hook.kind) {
    case 'request':
      return { kind: 'hook-request', ...base, message: hook }
    case 'response':
      return { kind: 'hook-response', ...base, message: hook }
    case 'ws-open':
      return { kind: 'socket-open', ...base, message: hook }
    case 'ws-frame':
      return { kind: 'socket-frame', ...base, message: hook }
  }
}

/** The reports of a relay envelope (a batch, or a single report), each checked; none when it is malformed. */
function relayedReports(message: unknown): HookMessage[] {
  const batch = parseRelayBatch(message)
  if (batch) return batch.messages
  const single = parseRelayMessage(message)
  return single ? [single.message] : []
}

/** Anything typed 'hook' or 'hook-batch' is the relay's, valid or not; it is never taken for a command. */
function isHookEnvelope(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false
  const { type } = message as { type?: unknown }
  return type === 'hook' || type === 'hook-batch'
}
