/**
 * Commands from extension pages (panel, popup) to the worker: requests and answers. They never carry stored
 * data back (views read the store); an import carries the file, the one thing only the page has.
 */
export type Command =
  | { type: 'scope-of-tab'; tabId: number }
  | { type: 'clear-scope'; scope: string }
  | { type: 'import-har-part'; upload: string; index: number; text: string }
  /** `text`, or the parts sent before under `upload` (har-upload.ts). */
  | { type: 'import-har'; name: string; text: string } | { type: 'import-har'; name: string; upload: string; parts: number }

export interface CommandAnswers {
  'scope-of-tab': string
  'clear-scope': true
  'import-har-part': true
  'import-har': string
}

export async function sendCommand<C extends Command>(command: C): Promise<CommandAnswers[C['type']]> {
  const answer: unknown = await chrome.runtime.sendMessage(command)
  if (answer && typeof answer === 'object' && 'error' in answer) throw new Error(String((answer as { error: unknown }).error))
  return answer as CommandAnswers[C['type']]
}
