/**
 * Secrets planted in real captures, for the redaction property: a marked random secret under a secret name, spelled
 * in any case and with any separator, at every place a capture can hold one (headers, cookies, the URL's query and
 * userinfo, URLs inside headers, bodies of every content type, socket frames, the text a finding quotes, the export's
 * source), and every view of an export in which a secret could still be read.
 */
import fc from 'fast-check'
import type { CapturedBody, CapturedRequest, HttpHeader, WebSocketFrame } from '../../src/protocols/captured-request'
import { fixtureCaptures } from './fuzz-corpus'

/** A secret's value starts and ends with a marker that says which planting it came from. */
export function startMarker(index: number): string {
  return `ZqX${index}Q`
}
export function endMarker(index: number): string {
  return `Kz${index}W`
}
/** A secret number: 14 digits no capture holds by chance. */
export function secretNumber(index: number): number {
  return 97_531_086_420_000 + index
}

const FIELD_NAMES: string[][] = [
  ['password'], ['passwd'], ['secret'], ['token'], ['api', 'key'], ['api', 'secret'], ['client', 'secret'], ['access', 'token'],
  ['refresh', 'token'], ['id', 'token'], ['session', 'token'], ['auth', 'token'], ['csrf', 'token'], ['signature'], ['sig'],
  ['x', 'amz', 'signature'], ['x', 'amz', 'credential'], ['x', 'amz', 'security', 'token'], ['private', 'key'], ['new', 'password'], ['jwt'],
]
const PARAM_ONLY_NAMES: string[][] = [['key'], ['aws', 'access', 'key', 'id']]
const HEADER_NAMES: string[][] = [
  ['authorization'], ['proxy', 'authorization'], ['x', 'api', 'key'], ['api', 'key'], ['x', 'goog', 'api', 'key'], ['x', 'amz', 'security', 'token'],
  ['x', 'auth', 'token'], ['x', 'csrf', 'token'], ['x', 'access', 'token'],
]
type Spelling = 'camel' | 'pascal' | 'snake' | 'kebab' | 'upper' | 'lower' | 'dotted' | 'title-kebab'

function spell(words: readonly string[], spelling: Spelling): string {
  const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)
  switch (spelling) {
    case 'camel': return words.map((word, i) => (i === 0 ? word : capital(word))).join('')
    case 'pascal': return words.map(capital).join('')
    case 'snake': return words.join('_')
    case 'kebab': return words.join('-')
    case 'upper': return words.join('_').toUpperCase()
    case 'lower': return words.join('')
    case 'dotted': return words.join('.')
    case 'title-kebab': return words.map(capital).join('-')
  }
}

const spelling = fc.constantFrom<Spelling>('camel', 'pascal', 'snake', 'kebab', 'upper', 'lower', 'dotted', 'title-kebab')
const spelled = (names: string[][]): fc.Arbitrary<string> => fc.tuple(fc.constantFrom(...names), spelling).map(([words, how]) => spell(words, how))

/** A JSON field's name: every secret name, in any spelling. */
export const secretFieldName = spelled(FIELD_NAMES)
/** A URL or form parameter's name: the field names, and those that are secrets only as parameters (`key`). */
export const secretParamName = fc.oneof(secretFieldName, spelled(PARAM_ONLY_NAMES))
/** A header's name, in any case. */
export const secretHeaderName = fc.tuple(fc.constantFrom(...HEADER_NAMES), fc.constantFrom<Spelling>('kebab', 'title-kebab', 'upper')).map(([words, how]) => (how === 'upper' ? words.join('-').toUpperCase() : spell(words, how)))

/** The random middle of a secret: printable text, any Unicode, raw bytes as characters, base64 of bytes. */
const secretMiddle: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => String.fromCharCode(...bytes)),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) => Buffer.from(bytes).toString('base64')),
)

/** What a planting is given: its index (for the markers) and the random parts it spells the secret with. */
export interface Ingredients {
  index: number
  middle: string
  fieldName: string
  paramName: string
  headerName: string
  /** 0 to 1: where a choice falls (a seed, a depth, a cut). */
  pick: number
}

export function secretOf(ingredients: Ingredients, middle = ingredients.middle): string {
  return `${startMarker(ingredients.index)}${middle}${endMarker(ingredients.index)}`
}

/** For places that cannot hold a line break (a header, a multipart field). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, '')
}

function chosen<T>(list: readonly T[], pick: number): T {
  return list[Math.min(list.length - 1, Math.floor(pick * list.length))]!
}

const enc = encodeURIComponent

/** Adds a field at a random depth of a JSON body's objects (the top level when it has none). */
function withField(text: string | undefined, name: string, value: unknown, pick: number): string {
  let root: unknown
  try {
    root = JSON.parse(text ?? '')
  } catch {
    root = {}
  }
  if (root === null || typeof root !== 'object') root = { value: root }
  const objects: Array<Record<string, unknown>> = []
  const walk = (node: unknown): void => {
    if (objects.length > 200 || node === null || typeof node !== 'object') return
    if (!Array.isArray(node)) objects.push(node as Record<string, unknown>)
    for (const child of Object.values(node)) walk(child)
  }
  walk(root)
  const target = objects.length > 0 ? chosen(objects, pick) : (root as Record<string, unknown>)
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
  return JSON.stringify(root)
}

function withRequestHeader(capture: CapturedRequest, header: HttpHeader): CapturedRequest {
  return { ...capture, requestHeaders: [...capture.requestHeaders, header] }
}

function withResponseHeader(capture: CapturedRequest, header: HttpHeader): CapturedRequest {
  const response = capture.response ?? { status: 200, headers: [], body: null }
  return { ...capture, response: { ...response, headers: [...response.headers, header] } }
}

function withRequestBody(capture: CapturedRequest, body: CapturedBody): CapturedRequest {
  return { ...capture, requestBody: body }
}

function withFrame(capture: CapturedRequest, frame: Omit<WebSocketFrame, 'time'>): CapturedRequest {
  const frames = capture.frames ?? []
  return { ...capture, frames: [...frames, { time: (frames.at(-1)?.time ?? capture.observedAt) + 1, ...frame }] }
}

function withQuery(url: string, pair: string): string {
  const hash = url.indexOf('#')
  const base = hash === -1 ? url : url.slice(0, hash)
  return `${base}${base.includes('?') ? '&' : '?'}${pair}${hash === -1 ? '' : url.slice(hash)}`
}

function base64Of(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

/** A planting: a seed capture of the kind it needs, and how it puts the secret in. `quoted`: a finding must quote it. */
interface Planting {
  kind: string
  seeds: () => CapturedRequest[]
  plant: (capture: CapturedRequest, ingredients: Ingredients) => CapturedRequest
  quoted?: true
}

const anySeed = (): CapturedRequest[] => [...fixtureCaptures('adobe-media-edge'), ...fixtureCaptures('adobe-media-collection'), ...fixtureCaptures('adobe-heartbeat'), ...fixtureCaptures('gamesparks'), ...fixtureCaptures('videosdk')]
/** Media Edge calls whose path names the event: a body that is not JSON is still theirs, and a finding says so. */
const edgeSeed = (): CapturedRequest[] => fixtureCaptures('adobe-media-edge').filter((capture) => capture.requestBody !== null && /\/va\/v1\//.test(capture.url))
const socketSeed = (): CapturedRequest[] => fixtureCaptures('gamesparks').filter((capture) => capture.frames !== undefined)

const SCHEMES = ['Bearer ', 'Basic ', 'Token ', '']

export const PLANTINGS: readonly Planting[] = [
  { kind: 'request header', seeds: anySeed, plant: (c, g) => withRequestHeader(c, { name: g.headerName, value: `${chosen(SCHEMES, g.pick)}${oneLine(secretOf(g))}` }) },
  { kind: 'response header', seeds: anySeed, plant: (c, g) => withResponseHeader(c, { name: g.headerName, value: oneLine(secretOf(g)) }) },
  { kind: 'cookie', seeds: anySeed, plant: (c, g) => withRequestHeader(c, { name: 'Cookie', value: `theme=dark; sid=${enc(secretOf(g))}; lang=en` }) },
  { kind: 'cookie without a name', seeds: anySeed, plant: (c, g) => withRequestHeader(c, { name: 'cookie', value: `a=1; ${enc(secretOf(g))}` }) },
  { kind: 'set-cookie', seeds: anySeed, plant: (c, g) => withResponseHeader(c, { name: 'Set-Cookie', value: `session=${enc(secretOf(g))}; Path=/; HttpOnly` }) },
  { kind: 'query', seeds: anySeed, plant: (c, g) => ({ ...c, url: withQuery(c.url, `${g.paramName}=${enc(secretOf(g))}`) }) },
  { kind: 'userinfo', seeds: anySeed, plant: (c, g) => ({ ...c, url: c.url.replace('://', g.pick < 0.5 ? `://${enc(secretOf(g))}@` : `://user:${enc(secretOf(g))}@`) }) },
  { kind: 'Referer', seeds: anySeed, plant: (c, g) => withRequestHeader(c, { name: 'Referer', value: `https://www.example.com/watch/1?${g.paramName}=${enc(secretOf(g))}&t=12` }) },
  { kind: 'Location', seeds: anySeed, plant: (c, g) => withResponseHeader(c, { name: 'location', value: g.pick < 0.5 ? `https://${enc(secretOf(g))}@idp.example.com/cb` : `/callback?state=1&${g.paramName}=${enc(secretOf(g))}` }) },
  { kind: 'Origin', seeds: anySeed, plant: (c, g) => withRequestHeader(c, { name: 'Origin', value: `https://me:${enc(secretOf(g))}@www.example.com` }) },
  { kind: 'URL in another header', seeds: anySeed, plant: (c, g) => withRequestHeader(c, { name: 'Link', value: `<https://cdn.example.com/a.js?${g.paramName}=${enc(secretOf(g))}>; rel=preload` }) },
  {
    kind: 'JSON request body',
    seeds: anySeed,
    plant: (c, g) => {
      const value = g.pick < 0.2 ? secretNumber(g.index) : g.pick < 0.4 ? [secretOf(g)] : secretOf(g)
      return withRequestBody(c, { text: withField(c.requestBody?.text, g.fieldName, value, g.pick), mimeType: 'application/json' })
    },
  },
  {
    kind: 'JSON response body',
    seeds: anySeed,
    plant: (c, g) => {
      const response = c.response ?? { status: 200, headers: [], body: null }
      return { ...c, response: { ...response, body: { text: withField(response.body?.text, g.fieldName, g.pick < 0.3 ? secretNumber(g.index) : secretOf(g), g.pick) } } }
    },
  },
  {
    kind: 'JSON inside a JSON string',
    seeds: anySeed,
    plant: (c, g) => {
      const inner = JSON.stringify({ note: 'x', [g.fieldName]: secretOf(g) })
      return withRequestBody(c, { text: withField(c.requestBody?.text, 'payload', g.pick < 0.5 ? inner : JSON.stringify({ wrapped: inner }), g.pick) })
    },
  },
  { kind: 'form body', seeds: anySeed, plant: (c, g) => withRequestBody(c, { text: `a=1&${g.paramName}=${enc(secretOf(g))}&b=2`, mimeType: 'application/x-www-form-urlencoded' }) },
  {
    kind: 'JSON inside a form field',
    seeds: anySeed,
    plant: (c, g) => withRequestBody(c, { text: `event=play&data=${enc(JSON.stringify({ [g.fieldName]: secretOf(g) }))}`, mimeType: 'application/x-www-form-urlencoded' }),
  },
  {
    kind: 'multipart body',
    seeds: anySeed,
    plant: (c, g) => {
      const boundary = `----formdata-${g.index}-${Math.floor(g.pick * 1e6)}`
      const json = JSON.stringify({ [g.fieldName]: `${secretOf(g)}` })
      const secretField = g.pick < 0.5
      const text = [
        `--${boundary}`, 'Content-Disposition: form-data; name="title"', '', 'a video',
        `--${boundary}`, secretField ? `Content-Disposition: form-data; name="${g.paramName}"` : 'Content-Disposition: form-data; name="meta"\r\nContent-Type: application/json', '', secretField ? oneLine(secretOf(g)) : json,
        `--${boundary}--`, '',
      ].join('\r\n')
      const declared = `multipart/form-data; boundary=${boundary}`
      const where = Math.floor(g.pick * 6) % 3
      return withRequestBody(where === 1 ? withRequestHeader(c, { name: 'Content-Type', value: declared }) : c, { text, ...(where === 0 ? { mimeType: declared } : {}) })
    },
  },
  {
    kind: 'text body',
    seeds: anySeed,
    plant: (c, g) =>
      withRequestBody(c, {
        text: g.pick < 0.5 ? `client log\n${g.paramName}=${enc(secretOf(g))} at 12:00\nend` : `GET /a HTTP/1.1\r\n${g.headerName}: ${oneLine(secretOf(g))}\r\n\r\n`,
        mimeType: 'text/plain',
      }),
  },
  {
    kind: 'base64 body that is text',
    seeds: anySeed,
    plant: (c, g) => {
      const bytes = Buffer.from(JSON.stringify({ [g.fieldName]: secretOf(g), note: 'ü€😀'.repeat(3) }), 'utf8')
      // Cut at the capture limit in the middle of a character, or whole.
      const cut = g.pick < 0.5 ? bytes.length - 2 - Math.floor(g.pick * 4) : bytes.length
      return withRequestBody(c, { text: bytes.subarray(0, cut).toString('base64'), encoding: 'base64', ...(cut < bytes.length ? { truncatedFrom: bytes.length } : {}) })
    },
  },
  {
    kind: 'body cut inside the secret',
    seeds: anySeed,
    plant: (c, g) => {
      const text = `{"events":[{"${g.fieldName}":${JSON.stringify(secretOf(g))}}]}`
      const from = text.indexOf(startMarker(g.index)) + startMarker(g.index).length
      const cut = from + Math.floor(g.pick * (text.length - from))
      return withRequestBody(c, { text: text.slice(0, cut), truncatedFrom: text.length })
    },
  },
  { kind: 'text frame', seeds: socketSeed, plant: (c, g) => withFrame(c, { direction: 'send', opcode: 1, data: JSON.stringify({ '@class': '.LogEventRequest', eventKey: 'x', requestId: 'r9', [g.fieldName]: secretOf(g) }) }) },
  { kind: 'binary frame', seeds: socketSeed, plant: (c, g) => withFrame(c, { direction: 'receive', opcode: 2, data: base64Of(JSON.stringify({ '@class': '.LogEventResponse', [g.fieldName]: secretOf(g) })) }) },
  // What findings quote: a parse error quotes the text around the fault, a frame that is not JSON its start, an error response its fields.
  { kind: 'quoted: JSON parse error', seeds: edgeSeed, quoted: true, plant: (c, g) => withRequestBody(c, { text: `{"${g.fieldName}": ${startMarker(g.index)}${g.middle.replace(/[^A-Za-z0-9]/g, '')}${endMarker(g.index)}}` }) },
  { kind: 'quoted: frame that is not JSON', seeds: socketSeed, quoted: true, plant: (c, g) => withFrame(c, { direction: 'send', opcode: 1, data: `token=${enc(secretOf(g))}` }) },
  {
    kind: 'quoted: error response',
    seeds: socketSeed,
    quoted: true,
    plant: (c, g) => withFrame(c, { direction: 'receive', opcode: 1, data: JSON.stringify({ '@class': '.LogEventResponse', requestId: 'r1', error: { [g.fieldName]: secretOf(g) } }) }),
  },
]

export interface PlantedExport {
  captures: CapturedRequest[]
  /** Where the export says it came from: a tab's address with a secret. */
  source: string
  /** Markers of every secret planted, by planting; each must be gone from a redacted export. */
  markers: Array<{ kind: string; markers: string[]; quoted: boolean }>
}

const ingredients = (index: number): fc.Arbitrary<Ingredients> =>
  fc.record({ middle: secretMiddle, fieldName: secretFieldName, paramName: secretParamName, headerName: secretHeaderName, pick: fc.double({ min: 0, max: 0.999, noNaN: true }) }).map((parts) => ({ index, ...parts }))

/** Every planting once, each in a seed capture of its own, and a secret in the source; captures in shuffled order. */
export const plantedExport: fc.Arbitrary<PlantedExport> = fc
  .tuple(fc.tuple(...PLANTINGS.map((_, index) => fc.tuple(ingredients(index), fc.nat()))), ingredients(PLANTINGS.length), fc.nat())
  .map(([planted, sourceIngredients, shuffle]) => {
    const captures = PLANTINGS.map((planting, index) => {
      const [parts, seedIndex] = planted[index]!
      const seeds = planting.seeds()
      return planting.plant(seeds[seedIndex % seeds.length]!, parts)
    })
    const rotation = shuffle % captures.length
    const markers = PLANTINGS.map((planting, index) => ({ kind: planting.kind, markers: [startMarker(index), endMarker(index), String(secretNumber(index))], quoted: planting.quoted === true }))
    const s = sourceIngredients.index
    markers.push({ kind: 'source', markers: [startMarker(s), endMarker(s)], quoted: false })
    return {
      captures: [...captures.slice(rotation), ...captures.slice(0, rotation)].map((capture, seq) => ({ ...capture, seq })),
      source: `https://www.example.com/watch?${sourceIngredients.paramName}=${enc(secretOf(sourceIngredients))}`,
      markers,
    }
  })

/**
 * Every text of an export in which a secret could be read, joined by NUL: the file itself, and each string in it as
 * it is, URL-decoded, base64-decoded, and parsed again when it is JSON (recursively).
 */
export function readableViews(harText: string): string {
  const views = [harText]
  const seen = new Set<string>()
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      if (value.length < 4 || seen.has(value) || depth > 8) return
      seen.add(value)
      const decoded = urlDecoded(value)
      views.push(value, decoded)
      if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) views.push(Buffer.from(value, 'base64').toString('utf8'))
      for (const text of new Set([value, decoded])) if (/^\s*[{[]/.test(text)) visit(parsedOrUndefined(text), depth + 1)
      return
    }
    if (Array.isArray(value)) for (const item of value) visit(item, depth)
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) {
      visit(key, depth)
      visit(item, depth)
    }
  }
  visit(JSON.parse(harText), 0)
  return views.join('\u0000')
}

function urlDecoded(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Text nested in text the way readings overlap, each level holding two different copies of the one below: a form in
 * a percent-encoded form field, JSON in a JSON string, a URL's query in a URL, or all of them in turn, up to a few MB.
 * Work that multiplied per level and per reading would take minutes on these.
 */
export const nestedEncodings: fc.Arbitrary<string> = fc
  .record({ style: fc.constantFrom('form', 'json', 'url', 'mixed'), size: fc.integer({ min: 100_000, max: 2_000_000 }), name: secretParamName })
  .map(({ style, size, name }) => {
    let text = `${name}=s3cr3t`
    for (let level = 0; text.length < size && level < 40; level++) {
      const kind = style === 'mixed' ? (['form', 'json', 'url'] as const)[level % 3]! : style
      if (kind === 'form') text = `a=${encodeURIComponent(text)}&b=${encodeURIComponent(`${text}${level}`)}`
      else if (kind === 'json') text = JSON.stringify({ a: text, b: `${text}${level}`, [name]: level })
      else text = `see https://x.example/p?a=${encodeURIComponent(text)}&b=${encodeURIComponent(`${text}${level}`)} and ${name}=x`
    }
    return text
  })
