/**
 * Commands from extension pages (panel, popup) to the worker: requests and answers. They never carry stored
 * data back (views read the store); an import carries the file, the one thing only the page has, and the worker
 * hands back captures as sent, the one thing only its memory has.
 */
import { browser } from '../platform/browser'
import type { CaptureRecord } from '../store/records'

export type Command =
  | { type: 'scope-of-tab'; tabId: number }
  | { type: 'clear-scope'; scope: string }
  /** The captures of `seqs` as sent, those the worker's memory still holds (the store may hold them redacted). */
  | { type: 'sent-captures'; scope: string; seqs: number[] }
  | { type: 'import-har-part'; upload: string; index: number; text: string }
  /** `text`, or the parts sent before under `upload` (har-upload.ts). */
  | { type: 'import-har'; name: string; text: string } | { type: 'import-har'; name: string; upload: string; parts: number }

export interface CommandAnswers {
  'scope-of-tab': string
  'clear-scope': true
  'sent-captures': CaptureRecord[]
  'import-har-part': true
  'import-har': string
}

export async function sendCommand<C extends Command>(command: C): Promise<CommandAnswers[C['type']]> {
  const answer: unknown = await browser.runtime.sendMessage(command)
  if (answer && typeof answer === 'object' && 'error' in answer) throw new Error(String(answer.error))
  return answer as CommandAnswers[C['type']]
}
