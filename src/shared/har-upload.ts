/**
 * A HAR file goes from the panel to the worker in parts: Chrome refuses a runtime message over 64 MiB, and an
 * hour-long capture is larger than that. The page sends numbered parts of one upload, then the import command
 * naming the upload; the worker joins them.
 */

/** Characters per part: 4 Mi characters stay far under 64 MiB however the message serializes them. */
export const PART_CHARS = 4 * 1024 * 1024

/** The parts of `text`, in order (one part, possibly empty, for a short text). */
export function splitIntoParts(text: string, size = PART_CHARS): string[] {
  const parts: string[] = []
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size))
  return parts.length === 0 ? [''] : parts
}

/** Most characters the worker holds for uploads not yet imported (about 1 GiB as UTF-16). */
export const MAX_UPLOAD_CHARS = 512 * 1024 * 1024

/** The worker's side: parts kept per upload until the import takes them. */
export class UploadParts {
  private readonly uploads = new Map<string, string[]>()
  private held = 0

  add(upload: string, index: number, text: string): void {
    if (!Number.isInteger(index) || index < 0 || index > MAX_UPLOAD_CHARS / PART_CHARS) throw new Error('a part index must be a small whole number')
    if (this.held + text.length > MAX_UPLOAD_CHARS) {
      this.uploads.clear()
      this.held = 0
      throw new Error(`the file is larger than ${MAX_UPLOAD_CHARS / 1024 / 1024} Mi characters, more than an import can hold`)
    }
    const parts = this.uploads.get(upload) ?? []
    this.held += text.length - (parts[index]?.length ?? 0)
    parts[index] = text
    this.uploads.set(upload, parts)
  }

  /** The whole text of an upload of `count` parts, forgotten once taken; throws when a part is missing. */
  take(upload: string, count: number): string {
    const parts = this.uploads.get(upload)
    this.uploads.delete(upload)
    let complete = parts !== undefined && parts.length === count
    // By index: a part never sent is a hole, which some() and for…of would not report.
    for (let index = 0; parts && index < parts.length; index++) {
      const part = parts[index]
      if (part === undefined) complete = false
      else this.held -= part.length
    }
    if (!parts || !complete) {
      throw new Error('parts of the file were lost on the way (the service worker restarted?); import it again')
    }
    return parts.join('')
  }
}
