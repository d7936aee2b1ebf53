/**
 * The store holds captures in their at-rest form (at-rest.ts): redacted unless secrets may be kept on disk. The
 * engine judges that form, so what it derives holds no more than the store does.
 */
import { decodeCapture } from '../protocols'
import type { CaptureRecord } from '../store/records'
import { rewriteCaptures } from '../store/scrub'
import type { PipelineSettings } from './pipeline-settings'
import type { Platform } from './platform'
import type { ScopeState } from './scope-engine'
import { applyCapture, signatureOf } from './scope-engine'

/** Applies a capture as the store will hold it. Null: not a tracking capture. */
export async function applyAtRest(settings: PipelineSettings, state: ScopeState, capture: CaptureRecord, apply: typeof applyCapture = applyCapture): Promise<ReturnType<typeof applyCapture>> {
  return apply(state, (await settings.atRest()).capture(capture), await settings.engine())
}

/** Takes the tab's title and address, in their at-rest form. */
export async function describeTab(platform: Platform, settings: PipelineSettings, state: ScopeState, tabId: number, origin: string | undefined): Promise<void> {
  const info = await platform.tabInfo(tabId, origin).catch(() => null)
  if (info) {
    const form = await settings.atRest()
    state.record.title = form.text(info.title)
    state.record.url = form.text(info.url)
  }
}

/**
 * Once secrets may no longer be kept on disk (or the secret names grew), brings in line what is stored and what
 * waits to be (`writeFirst` stores the latter): the replay that follows a settings change then derives everything
 * anew from it.
 */
export type StoreScrubber = (held: Iterable<ScopeState>, writeFirst: () => Promise<void>) => Promise<void>

export function storeScrubber(settings: PipelineSettings): StoreScrubber {
  /** The at-rest choice the store was last brought in line with (null: not known since the worker started). */
  let scrubbedFor: string | null = null
  return async (held, writeFirst) => {
    const form = await settings.atRest()
    const choice = JSON.stringify(form.choice)
    if (form.choice.keepSecretsOnDisk || choice === scrubbedFor) return
    await writeFirst()
    const { hosts } = await settings.engine()
    // A capture's signature is what it decoded to, values included: it is taken again from the redacted form.
    const scrubbed = (capture: CaptureRecord): CaptureRecord => {
      const redacted = form.capture(capture)
      return capture.signature?.startsWith('{') ? { ...redacted, signature: signatureOf(decodeCapture(redacted, hosts)) } : redacted
    }
    for (const state of held) Object.assign(state.record, { url: form.text(state.record.url), title: form.text(state.record.title) })
    await rewriteCaptures({ capture: scrubbed, frame: form.frame, text: form.text })
    scrubbedFor = choice
  }
}
