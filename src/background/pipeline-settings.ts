import type { AtRest } from './at-rest'
import { atRestForm, DEFAULT_AT_REST_CHOICE } from './at-rest'
import type { EngineSettings } from '../session/settings'
import type { Platform } from './platform'

/** The settings the pipeline works with, read once and again after they change. */
export interface PipelineSettings {
  engine(): Promise<EngineSettings>
  /** The form captures take in the store (at-rest.ts). */
  atRest(): Promise<AtRest>
  /** The settings changed: the next use reads them anew. */
  reload(): void
}

export function pipelineSettings(platform: Platform): PipelineSettings {
  let engine: EngineSettings | null = null
  let atRest: AtRest | null = null
  return {
    async engine() {
      engine ??= await platform.settings()
      return engine
    },
    async atRest() {
      atRest ??= atRestForm((await platform.secretsAtRest?.()) ?? DEFAULT_AT_REST_CHOICE)
      return atRest
    },
    reload() {
      engine = null
      atRest = null
    },
  }
}
