/**
 * Every browser event the worker listens to. Registered synchronously at the top level of the worker, so
 * events that wake a stopped worker are delivered to it.
 */
import { adapterForUrl, webRequestPatterns } from '../protocols'
import type { Command } from '../shared/commands'
import { parseHookMessage } from '../shared/hook-messages'
import { bodyFromWebRequest, headersFromWebRequest } from './capture-update'
import { EXPIRY_ALARM } from './chrome-platform'
import type { Pipeline } from './pipeline'

export function listen(pipeline: Pipeline, scopeOfTab: (tabId: number) => Promise<string>, log: (error: unknown) => void): void {
  const filter: chrome.webRequest.RequestFilter = { urls: webRequestPatterns() }
  const submit = (update: Parameters<Pipeline['submit']>[0]): void => void pipeline.submit(update).catch(log)

  chrome.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (!adapterForUrl(details.url)) return undefined
      submit({
        kind: 'request', tabId: details.tabId, frameId: details.frameId, requestId: details.requestId, url: details.url,
        method: details.method, body: bodyFromWebRequest(details.requestBody ?? null), time: details.timeStamp, resourceType: details.type,
      })
      return undefined
    },
    filter,
    ['requestBody'],
  )
  chrome.webRequest.onBeforeSendHeaders.addListener(
    (details) => {
      if (adapterForUrl(details.url)) submit({ kind: 'request-headers', tabId: details.tabId, requestId: details.requestId, headers: headersFromWebRequest(details.requestHeaders) })
      return undefined
    },
    filter,
    ['requestHeaders', 'extraHeaders'],
  )
  chrome.webRequest.onHeadersReceived.addListener(
    (details) => {
      if (adapterForUrl(details.url)) {
        submit({
          kind: 'response', tabId: details.tabId, requestId: details.requestId, status: details.statusCode,
          statusText: statusText(details.statusLine), headers: headersFromWebRequest(details.responseHeaders),
        })
      }
      return undefined
    },
    filter,
    ['responseHeaders', 'extraHeaders'],
  )
  chrome.webRequest.onErrorOccurred.addListener((details) => {
    if (adapterForUrl(details.url)) submit({ kind: 'failed', tabId: details.tabId, requestId: details.requestId, error: details.error })
  }, filter)

  chrome.runtime.onMessage.addListener((message: unknown, sender, respond) => {
    if (sender.id !== chrome.runtime.id) return false
    if (isRelayMessage(message)) {
      const hook = parseHookMessage(message.message)
      // Tab and frame come from the browser, never from what the page wrote.
      if (hook && sender.tab?.id !== undefined && sender.frameId !== undefined) {
        const base = { tabId: sender.tab.id, frameId: sender.frameId }
        submit(hook.kind === 'request' ? { kind: 'hook-request', ...base, message: hook } : { kind: 'hook-response', ...base, message: hook })
      }
      return false
    }
    if (!isFromExtensionPage(sender)) return false
    void answer(message as Command).then(respond, (error: unknown) => respond({ error: error instanceof Error ? error.message : String(error) }))
    return true
  })

  chrome.alarms.onAlarm.addListener((alarm) => {
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
      case 'import-har':
        if (typeof command.name !== 'string' || typeof command.text !== 'string') throw new Error('an import needs a file name and its text')
        return pipeline.importHar(command.name.slice(0, 200), command.text)
      default:
        throw new Error('unknown command')
    }
  }
}

function isRelayMessage(message: unknown): message is { type: 'hook'; message: unknown } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'hook'
}

function isFromExtensionPage(sender: chrome.runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(`chrome-extension://${chrome.runtime.id}/`)
}

/** "HTTP/1.1 207 Multi-Status" → "Multi-Status" */
function statusText(statusLine: string): string {
  return statusLine.replace(/^\S+\s+\d+\s*/, '')
}
