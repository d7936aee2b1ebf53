import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { METADATA_EVENTS, METADATA_KEY } from '../../protocols/adobe-media/vocabulary'
import { severest } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const RESERVED_PREFIX = /^(media|a)\./

const rule: Rule = {
  id: 'custom-metadata-invalid',
  severity: 'error',
  title: 'Custom metadata the vendor rejects, ignores or misreads',
  why:
    'Custom metadata travels only with sessionStart, adStart and chapterStart, its values must be strings and ' +
    'its keys letters, digits, "_" and "."; other requests are rejected. Keys starting with "media." can ' +
    'overwrite standard fields, and "a." is reserved.',
  fix: 'Send string values under plain keys, and only with sessionStart, adStart or chapterStart (session metadata lasts the whole session).',
  docs: ADOBE_DOCS.customMetadata,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent({ event }) {
    const entries = event.customMetadata
    if (!entries || entries.length === 0) return null
    const problems: Array<{ text: string; severity: 'error' | 'warning' }> = []
    if (!METADATA_EVENTS.has(event.type)) problems.push({ text: `${event.type} cannot carry custom metadata (only sessionStart, adStart and chapterStart can)`, severity: 'warning' })
    for (const { key, value } of entries) {
      if (!METADATA_KEY.test(key)) problems.push({ text: `key ${JSON.stringify(key)} may only use letters, digits, "_" and "."`, severity: 'error' })
      else if (RESERVED_PREFIX.test(key)) problems.push({ text: `key "${key}" uses a reserved prefix ("media." or "a.")`, severity: 'warning' })
      if (typeof value !== 'string') problems.push({ text: `the value of "${key}" must be a string, not ${value === null ? 'null' : typeof value}`, severity: 'error' })
    }
    if (problems.length === 0) return null
    const message = `Custom metadata: ${problems.map((p) => p.text).join('; ')}.`
    return { severity: severest(problems.map((p) => p.severity)), message, group: message }
  },
}
export default rule
