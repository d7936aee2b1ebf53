import { describe, expect, it } from 'vitest'
import { splitIntoParts, UploadParts } from '../../../src/shared/har-upload'

describe('HAR uploads in parts', () => {
  it('splits a text into parts that join back to it, a short one into one part', () => {
    expect(splitIntoParts('abcdefg', 3)).toEqual(['abc', 'def', 'g'])
    expect(splitIntoParts('abc', 3)).toEqual(['abc'])
    expect(splitIntoParts('', 3)).toEqual([''])
  })

  it('joins the parts of an upload in index order, whatever order they came in, and forgets them', () => {
    const uploads = new UploadParts()
    uploads.add('u1', 1, 'def')
    uploads.add('u2', 0, 'other')
    uploads.add('u1', 0, 'abc')
    uploads.add('u1', 2, 'g')
    expect(uploads.take('u1', 3)).toBe('abcdefg')
    expect(() => uploads.take('u1', 3)).toThrow(/import it again/)
    expect(uploads.take('u2', 1)).toBe('other')
  })

  it('refuses an upload with a part missing (a worker restart lost it), and a bad index', () => {
    const uploads = new UploadParts()
    uploads.add('u', 0, 'abc')
    uploads.add('u', 2, 'g')
    expect(() => uploads.take('u', 3)).toThrow(/lost on the way/)
    expect(() => new UploadParts().take('never', 1)).toThrow(/lost on the way/)
    expect(() => uploads.add('u', -1, 'x')).toThrow(/whole number/)
    expect(() => uploads.add('u', 1.5, 'x')).toThrow(/whole number/)
  })
})
