import { describe, expect, it } from 'vitest'
import { exportNote } from '../../../src/ui/export-note'

const file = { fileName: 'a.har', har: '{}', report: '{}' }

describe('exportNote', () => {
  it('says whether secrets went with the export, and how many requests went without them', () => {
    expect(exportNote(file, false)).toBe('Saved a.har (secrets removed).')
    expect(exportNote({ ...file, secretsNotKept: 0 }, true)).toBe('Saved a.har, including secrets.')
    expect(exportNote({ ...file, secretsNotKept: 1 }, true)).toMatch(/^Saved a\.har, including secrets, but 1 request went with secrets removed: real values are kept in memory only, for open tabs/)
    expect(exportNote({ ...file, secretsNotKept: 1200 }, true)).toMatch(/but 1,200 requests went/)
  })
})
