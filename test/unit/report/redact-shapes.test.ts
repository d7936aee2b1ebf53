/**
 * Redaction of every shape a capture's text can take (issue 16, item 2): numbers, bare words and arrays under secret
 * names, JSON inside JSON strings, forms, multipart bodies, URLs (userinfo, fragments, inside headers and text),
 * header lines, base64 data that is text (cut mid-character too), and text cut at the capture limit. What needs no
 * redaction stays byte for byte.
 */
import { describe, expect, it } from 'vitest'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import { bodyText } from '../../../src/protocols/json-body'
import { REDACTED, redactCapture, redactText, redactUrl } from '../../../src/report/redact'

const R = REDACTED
const RP = encodeURIComponent(REDACTED)
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIiwiZXhwIjoxfQ.c2lnbmF0dXJlLXNlY3JldA'
const CUT_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIiwiZXhwIjoxfQ.redacted'

function capture(parts: Partial<CapturedRequest>): CapturedRequest {
  return { seq: 0, url: 'https://api.example.com/v1/track', method: 'POST', requestHeaders: [], requestBody: null, response: null, observedAt: 0, tabId: 1, frameId: 0, ...parts }
}

describe('JSON', () => {
  it('replaces numbers, bare words and the items of arrays under secret names, and keeps true, false, null and empty strings', () => {
    expect(redactText('{"password": 12345678, "pin": 1}')).toBe(`{"password": "${R}", "pin": 1}`)
    expect(redactText('{"password": -1.5e3}')).toBe(`{"password": "${R}"}`)
    // A bare word stays no JSON value: the text stays as unreadable as it was, and redacts to itself again.
    expect(redactText('{"password": hunter2 two, "ok": 1}')).toBe(`{"password": ${R}, "ok": 1}`)
    expect(redactText(`{"password": ${R}, "tokens": [${R}, a]}`)).toBe(`{"password": ${R}, "tokens": [${R}, ${R}]}`)
    expect(redactText('{"tokens": ["a", 2, {"name": "kept"}, ["b"]], "ids": ["c"]}')).toBe(`{"tokens": ["${R}", "${R}", {"name": "kept"}, ["${R}"]], "ids": ["c"]}`)
    expect(redactText('{"password": true, "token": null, "secret": "", "apiKey": false}')).toBe('{"password": true, "token": null, "secret": "", "apiKey": false}')
  })

  it('redacts JSON inside JSON strings, at any depth, and writes it back escaped', () => {
    const inner = JSON.stringify({ password: 'hunter2', n: 1 })
    const twice = JSON.stringify({ data: JSON.stringify({ wrapped: inner }) })
    const redacted = redactText(twice)
    expect(redacted).not.toContain('hunter2')
    expect(JSON.parse(JSON.parse(JSON.parse(redacted).data).wrapped)).toEqual({ password: R, n: 1 })
  })

  it('reads keys written with escapes, and keeps a JWT’s claims under a secret name', () => {
    expect(redactText('{"pass\\u0077ord":"x"}')).toBe(`{"pass\\u0077ord":"${R}"}`)
    expect(redactText(`{"token":"${JWT}"}`)).toBe(`{"token":"${CUT_JWT}"}`)
  })

  it('redacts a body cut at the capture limit inside a secret, and JSON after a prefix (socket.io)', () => {
    expect(redactText('{"events":[{"accessToken":"abc\\"de')).toBe(`{"events":[{"accessToken":"${R}`)
    expect(redactText('{"password":')).toBe('{"password":')
    expect(redactText('42["join",{"token":"t-1","roomId":"r"}]')).toBe(`42["join",{"token":"${R}","roomId":"r"}]`)
  })

  it('leaves JSON without secrets byte for byte, however it is written', () => {
    const text = '{ "a" : 1.50, "b":"\\u00e9\\/x", "c": [ 1e3 ], "url": "https://x/?page=2" }\n'
    expect(redactText(text)).toBe(text)
  })
})

describe('forms and multipart bodies', () => {
  it('redacts form fields by name, and what a field holds (JSON, a URL) percent-encoded', () => {
    expect(redactText('a=1&api_key=k1&key=k2&b=2')).toBe(`a=1&api_key=${RP}&key=${RP}&b=2`)
    expect(redactText(`event=play&data=${encodeURIComponent('{"password":"p1","n":2}')}`)).toBe(`event=play&data=${encodeURIComponent(`{"password":"${R}","n":2}`)}`)
    expect(redactText(`next=${encodeURIComponent('https://x.example/cb?token=t1&page=2')}`)).toBe(`next=${encodeURIComponent(`https://x.example/cb?token=${RP}&page=2`)}`)
  })

  const multipart = (boundary: string) =>
    [
      `--${boundary}`, 'Content-Disposition: form-data; name="title"', '', 'a video',
      `--${boundary}`, 'Content-Disposition: form-data; name="password"', '', 'hunter2',
      `--${boundary}`, 'Content-Disposition: form-data; name="meta"', 'Content-Type: application/json', '', '{"apiKey":"k-1","n":1}',
      `--${boundary}`, 'Content-Disposition: form-data; name="upload"; filename="a.txt"', 'Authorization: Bearer part-secret', '', 'client_secret=s-1',
      `--${boundary}--`, '',
    ].join('\r\n')

  it("redacts each part: a secret field's value, its headers, and what its content holds", () => {
    const redacted = redactText(multipart('----b0undary'))
    for (const secret of ['hunter2', 'k-1', 'part-secret', 's-1']) expect(redacted).not.toContain(secret)
    expect(redacted).toBe(
      multipart('----b0undary').replace('hunter2', R).replace('"k-1"', `"${R}"`).replace('Bearer part-secret', `Bearer ${R}`).replace('client_secret=s-1', `client_secret=${RP}`),
    )
    expect(redacted).toContain('a video')
  })

  it('finds the boundary in the Content-Type when the body starts with a preamble', () => {
    const body = `preamble\r\n${multipart('xyz')}`
    const redacted = redactCapture(capture({ requestHeaders: [{ name: 'Content-Type', value: 'multipart/form-data; boundary="xyz"' }], requestBody: { text: body } }))
    expect(redacted.requestBody!.text).not.toContain('hunter2')
    expect(redacted.requestBody!.text).toContain('a video')
  })
})

describe('URLs', () => {
  it('removes userinfo, secret query and fragment parameters, in any spelling, and keeps the rest byte for byte', () => {
    expect(redactUrl('https://user:pa%3Ass@cdn.example.com/a?b=1')).toBe(`https://${RP}@cdn.example.com/a?b=1`)
    expect(redactUrl('https://AKIA123@x.example/')).toBe(`https://${RP}@x.example/`)
    expect(redactUrl('https://s3.example.com/o?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=ab12&X-Amz-Security-Token=t&X-Amz-Date=20260101T000000Z')).toBe(
      `https://s3.example.com/o?X-Amz-Credential=${RP}&X-Amz-Signature=${RP}&X-Amz-Security-Token=${RP}&X-Amz-Date=20260101T000000Z`,
    )
    for (const name of ['api_key', 'apikey', 'apiKey', 'API-KEY', 'key', 'sig', 'signature', 'sessionToken', 'id_token', 'access_token']) {
      expect(redactUrl(`https://x.example/a?${name}=v1&ok=1`), name).toBe(`https://x.example/a?${name}=${RP}&ok=1`)
    }
    expect(redactUrl('https://app.example/#access_token=t1&state=2')).toBe(`https://app.example/#access_token=${RP}&state=2`)
    expect(redactUrl('https://app.example/#/watch?key=k1')).toBe(`https://app.example/#/watch?key=${RP}`)
    const edge = 'https://edge.adobedc.net/ee/or2/va/v1/play?configId=d4b8c1f2&sessionId=e9f2c8a4&requestId=1:2'
    expect(redactUrl(edge)).toBe(edge)
  })

  it('removes them from URLs inside headers (Referer, Location, Origin, Link) and inside text', () => {
    const redacted = redactCapture(
      capture({
        requestHeaders: [
          { name: 'Referer', value: 'https://www.example.com/watch?token=t1&v=2' },
          { name: 'Origin', value: 'https://u:p1@www.example.com' },
          { name: 'Link', value: '<https://cdn.example.com/a.js?sig=s1>; rel=preload' },
        ],
        response: { status: 302, headers: [{ name: 'Location', value: '/callback?code=1&access_token=t2' }, { name: 'Content-Location', value: 'https://u2:p2@x.example/' }], body: null },
      }),
    )
    expect(redacted.requestHeaders.map((h) => h.value)).toEqual([`https://www.example.com/watch?token=${RP}&v=2`, `https://${RP}@www.example.com`, `<https://cdn.example.com/a.js?sig=${RP}>; rel=preload`])
    expect(redacted.response!.headers.map((h) => h.value)).toEqual([`/callback?code=1&access_token=${RP}`, `https://${RP}@x.example/`])
    expect(redactText("see 'https://u:p3@x.example/a?key=k3' or token=t4 and Password = p5")).toBe(`see 'https://${RP}@x.example/a?key=${RP}' or token=${RP} and Password = ${RP}`)
  })
})

describe('headers', () => {
  it('redacts key, token and signature headers in any case, keeps a scheme only where it is one', () => {
    const names = ['x-goog-api-key', 'API-Key', 'X-API-KEY', 'x-amz-security-token', 'X-Auth-Token', 'X-CSRF-Token']
    const redacted = redactCapture(capture({ requestHeaders: names.map((name) => ({ name, value: 'v-1' })) }))
    expect(redacted.requestHeaders.map((h) => h.value)).toEqual(names.map(() => R))
    const auth = (value: string) => redactCapture(capture({ requestHeaders: [{ name: 'Proxy-Authorization', value }] })).requestHeaders[0]!.value
    expect(auth('Basic dXNlcjpwYXNz')).toBe(`Basic ${R}`)
    expect(auth(`JWT ${JWT}`)).toBe(`JWT ${CUT_JWT}`)
    // A first word that is no scheme may be half of the secret.
    expect(auth('abc123 def456')).toBe(R)
  })

  it('redacts every cookie, a cookie without a name too, and header lines inside text', () => {
    const redacted = redactCapture(capture({ requestHeaders: [{ name: 'Cookie', value: 'sid=s1; 0ddc00k1e; theme=dark' }], response: { status: 200, headers: [{ name: 'set-cookie', value: 'a=s2; Path=/; Secure\nb=s3; Max-Age=60' }], body: null } }))
    expect(redacted.requestHeaders[0]!.value).toBe(`sid=${R}; ${R}; theme=${R}`)
    expect(redacted.response!.headers[0]!.value).toBe(`a=${R}; Path=/; Secure\nb=${R}; Max-Age=60`)
    expect(redactText('GET / HTTP/1.1\r\nX-Api-Key: k9\r\nCookie: a=c1\r\nAccept: */*\r\n')).toBe(`GET / HTTP/1.1\r\nX-Api-Key: ${R}\r\nCookie: a=${R}\r\nAccept: */*\r\n`)
  })

  it('keeps headers that are no secrets', () => {
    const headers = [
      { name: 'Sec-WebSocket-Key', value: 'dGhlIHNhbXBsZSBub25jZQ==' },
      { name: 'Content-Type', value: 'multipart/form-data; boundary=----x' },
      { name: 'Cache-Control', value: 'max-age=0' },
      { name: 'Referer', value: 'https://www.example.com/watch/1' },
    ]
    expect(redactCapture(capture({ requestHeaders: headers })).requestHeaders).toEqual(headers)
  })
})

describe('binary data', () => {
  const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64')

  it('redacts base64 bodies and binary frames that are text, and reads them back as the adapters do', () => {
    const body = { text: base64('{"password":"hunter2","ok":"é"}'), encoding: 'base64' as const }
    const redacted = redactCapture(capture({ requestBody: body, frames: [{ direction: 'send', time: 0, opcode: 2, data: base64('token=t-7&x=1') }] }))
    expect(bodyText(redacted.requestBody!)).toBe(`{"password":"${R}","ok":"é"}`)
    expect(redacted.requestBody!.encoding).toBe('base64')
    expect(Buffer.from(redacted.frames![0]!.data, 'base64').toString()).toBe(`token=${RP}&x=1`)
  })

  it('redacts a UTF-8 body cut at the capture limit in the middle of a character, and keeps the cut bytes', () => {
    const whole = Buffer.from('{"apiKey":"k-42","title":"€€"}'.slice(0, -2), 'utf8')
    const cut = whole.subarray(0, whole.length - 1)
    const redacted = redactCapture(capture({ requestBody: { text: base64(cut), encoding: 'base64', truncatedFrom: whole.length } }))
    const bytes = Buffer.from(redacted.requestBody!.text, 'base64')
    expect(bytes.toString('latin1')).not.toContain('k-42')
    expect(bytes.subarray(-2)).toEqual(cut.subarray(-2))
    expect(redacted.requestBody!.truncatedFrom).toBe(whole.length)
  })

  it('leaves binary data with no secret in it byte for byte', () => {
    const bytes = new Uint8Array(256).map((_, i) => (i * 37) % 256)
    const body = { text: base64(bytes), encoding: 'base64' as const }
    expect(redactCapture(capture({ requestBody: body })).requestBody).toBe(body)
  })
})
