/**
 * The real-traffic corpus (test/fixtures/corpus): captures rebuilt request by request from what vendors' own SDK
 * test suites send and what their documentation shows, each with its provenance and with expectations written
 * from the vendor's documentation (never from Sessionscope's output). `corpus.test.ts` lints every case through
 * the path users take and writes `manifest.json`, the list people read.
 */
import type { Har } from 'har-format'
import type { LintOptions } from '../../src/library'
import type { ProtocolId } from '../../src/protocols/tracking-event'
import type { LifecycleState } from '../../src/session/session'

/** Where a case's requests come from. A case may rest on several sources (a test and the page it follows). */
export type Provenance =
  | {
      kind: 'sdk-test'
      /** `owner/name` on GitHub. */
      repository: string
      /** The 40-hex commit the file was read at. */
      commit: string
      path: string
      /** The test function or scenario inside the file. */
      test?: string
    }
  | {
      kind: 'docs'
      url: string
      /** The heading or example on that page. */
      section?: string
      /** Where the page's source lives, when it was read from a repository. */
      repository?: string
      commit?: string
      path?: string
    }

export interface CorpusFinding {
  rule: string
  severity: 'error' | 'warning' | 'info'
  /** HAR entry index of the (first) occurrence; null for a finding about a session as a whole. */
  entry: number | null
  /** Index in the entry's `_webSocketMessages`, when the finding points at a frame. */
  frame?: number | null
  /** For a finding that stands for repeated occurrences: every entry it covers, first included. */
  entries?: number[]
  /** Why the vendor's documentation says this finding is due, with the page or section. */
  reason: string
}

export interface CorpusSession {
  protocol: ProtocolId
  /** The vendor's session ID, or null when the capture never shows one. */
  sessionId: string | null
  state: LifecycleState
}

export interface CorpusCase {
  /** File name without `.har`: test/fixtures/corpus/<source>/<name>.har. */
  name: string
  protocol: ProtocolId
  /** Which HAR writer the capture imitates (the tool a user would capture this traffic with). */
  tool: 'chrome' | 'firefox' | 'charles' | 'proxyman' | 'mitmproxy' | 'playwright'
  provenance: Provenance[]
  /** What the client does in this case, in a sentence or two. */
  description: string
  /**
   * Set when the SDK's test misuses the API on purpose (or the documentation shows a mistake): what the misuse
   * is. Without it, the traffic is the vendor's own SDK used as documented, and it must lint with no error and no
   * warning.
   */
  misuse?: string
  /** Options the user would lint the capture with (the player's configured ping intervals). */
  options?: LintOptions
  /** Every finding, in report order, each with its reason. */
  expected: CorpusFinding[]
  /** Every session the report lists (compared as a set). */
  sessions: CorpusSession[]
  har: Har
}

/** One source folder's cases: test/fixtures/corpus/<source>/cases.ts exports `cases`. */
export type CorpusCases = readonly CorpusCase[]
