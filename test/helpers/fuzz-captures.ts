/**
 * Mutated captures for the adapters: a real capture from the fixtures with its body, URL, headers, response or
 * WebSocket frames replaced by something hostile (truncated, binary, base64 garbage, deeply nested, huge, a field
 * retyped or given a `__proto__` sibling).
 */
import fc from 'fast-check'
import type { CapturedBody, CapturedRequest, WebSocketFrame } from '../../src/protocols/captured-request'
import { deepJson, hostileJsonText, hugeBody, jsonMutation, mutateAt, parsedOrNull, pathsOf, randomBytes, toJsonText, truncated, wrongTypeValue } from './fuzz-arbitraries'

type TextMutation = (text: string) => fc.Arbitrary<CapturedBody>

/** A JSON text with one field deleted, retyped, wrapped or given a prototype-named sibling. */
export function mutatedJsonText(text: string): fc.Arbitrary<string> {
  const value = parsedOrNull(text)
  const paths = pathsOf(value)
  if (paths.length === 0) return hostileJsonText
  return fc.record({ path: fc.constantFrom(...paths), mutation: jsonMutation }).map(({ path, mutation }) => toJsonText(mutateAt(value, path, mutation)))
}

const bodyMutations: Array<{ weight: number; make: TextMutation }> = [
  { weight: 6, make: (text) => mutatedJsonText(text).map((t) => ({ text: t })) },
  { weight: 2, make: (text) => truncated(fc.constant(text.length > 1 ? text : '{"a":1}')).map((t) => ({ text: t })) },
  { weight: 2, make: () => hostileJsonText.map((t) => ({ text: t })) },
  { weight: 1, make: () => randomBytes.map((bytes) => ({ text: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const })) },
  { weight: 1, make: () => randomBytes.map((bytes) => ({ text: Buffer.from(bytes).toString('latin1') })) },
  { weight: 1, make: (text) => fc.constant({ text: Buffer.from(text).toString('base64'), encoding: 'base64' as const }) },
  { weight: 1, make: () => fc.string({ maxLength: 30 }).map((t) => ({ text: t, encoding: 'base64' as const })) },
  { weight: 1, make: (text) => fc.nat().map((n) => ({ text: text.slice(0, n % (text.length + 1)), truncatedFrom: text.length + 1 })) },
  { weight: 1, make: () => deepJson.map((t) => ({ text: t })) },
]

/** A hostile body derived from `text` (the capture's own body, when it had one). */
export function mutatedBody(text: string, huge: boolean): fc.Arbitrary<CapturedBody> {
  const options = bodyMutations.map(({ weight, make }) => ({ weight, arbitrary: make(text) }))
  if (huge) options.push({ weight: 1, arbitrary: hugeBody.map((t) => ({ text: t })) })
  return fc.oneof(...options)
}

function mutatedUrl(url: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(url, `${url}${url.includes('?') ? '&' : '?'}__proto__[polluted]=1&constructor.prototype.polluted=1`, `${url}%`, `${url}/%E0%A4%A`, url.replace(/\?.*$/, '')),
    fc.tuple(fc.constantFrom(...['s:event:type', 'l:event:playhead', 'l:event:ts', 's:event:sid', 's:asset:type', 'roomId', 'secret', 'configId', '__proto__']), fc.string({ maxLength: 12 })).map(
      ([name, value]) => `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
    ),
    fc.tuple(fc.nat(), fc.string({ maxLength: 8 })).map(([at, insert]) => {
      const cut = at % (url.length + 1)
      return url.slice(0, cut) + insert + url.slice(cut)
    }),
  )
}

function mutatedFrames(frames: readonly WebSocketFrame[], huge: boolean): fc.Arbitrary<WebSocketFrame[]> {
  if (frames.length === 0) return fc.constant([])
  return fc.nat(frames.length - 1).chain((index) => {
    const target = frames[index]!
    const replaced = (frame: WebSocketFrame | null): WebSocketFrame[] => frames.map((f, i) => (i === index ? (frame as WebSocketFrame) : f))
    return fc.oneof<fc.Arbitrary<WebSocketFrame[]>[]>(
      mutatedBody(target.data, huge).map((body) => replaced({ ...target, data: body.text })),
      mutatedJsonText(target.data).map((data) => replaced({ ...target, data })),
      fc.constantFrom(0, 2, 9, 1.5).map((opcode) => replaced({ ...target, opcode })),
      fc.constant(replaced({ ...target, direction: target.direction === 'send' ? 'receive' : 'send' })),
      fc.constantFrom(Number.NaN, 0, -1, 1e15).map((time) => replaced({ ...target, time })),
      fc.constant([...frames.slice(0, index), ...frames.slice(index + 1)]),
      fc.constant([...frames, { ...target }]),
      // Not what the importer writes, but what a damaged store record could hold.
      fc.constant(replaced(null)),
    )
  })
}

/** A real capture of this protocol with one part made hostile. `huge` lets bodies grow to several MB. */
export function mutatedCapture(seeds: readonly CapturedRequest[], huge = false): fc.Arbitrary<CapturedRequest> {
  return fc.constantFrom(...seeds).chain((capture) => {
    const bodyText = capture.requestBody?.text ?? '{}'
    const responseText = capture.response?.body?.text ?? '{}'
    const parts: Array<fc.Arbitrary<CapturedRequest>> = [
      mutatedBody(bodyText, huge).map((requestBody) => ({ ...capture, requestBody })),
      mutatedBody(bodyText, huge).map((requestBody) => ({ ...capture, requestBody: { ...requestBody, mimeType: 'application/json' } })),
      fc.constant({ ...capture, requestBody: null }),
      mutatedUrl(capture.url).map((url) => ({ ...capture, url })),
      fc.record({ status: fc.constantFrom(0, -1, 200, 201, 204, 400, 404, 410, 500, 999), body: fc.option(mutatedBody(responseText, false), { nil: null }) }).map(({ status, body }) => ({
        ...capture,
        response: { status, headers: capture.response?.headers ?? [], body },
      })),
      fc.constant({ ...capture, response: null }),
      fc.array(fc.record({ name: fc.constantFrom('Authorization', 'authorization', 'Content-Type', 'Location', 'Origin', 'Content-Length', '__proto__'), value: fc.oneof(fc.string({ maxLength: 40 }), wrongTypeValue.map(String)) }), { maxLength: 4 }).map((requestHeaders) => ({ ...capture, requestHeaders })),
      fc.constantFrom(Number.NaN, 0, -1, 8.64e15).map((observedAt) => ({ ...capture, observedAt })),
    ]
    if (capture.frames) parts.push(mutatedFrames(capture.frames, huge).map((frames) => ({ ...capture, frames })))
    return fc.oneof(...parts)
  })
}
