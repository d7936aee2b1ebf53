/**
 * Which names hold secrets: what keys, signatures and tokens are called in practice, in any case and with any
 * separator; and, as much, the names that trackers use for what the checks read, which must survive.
 */
import { describe, expect, it } from 'vitest'
import { REDACTED, redactText, redactUrl } from '../../../src/report/redact'
import { isSecretName } from '../../../src/report/secret-names'

describe('secret names', () => {
  it('match keys, signatures and tokens as they are called, across case and separators', () => {
    const names = [
      'token', 'apiKey', 'api_key', 'api-key', 'APIKEY', 'Api.Key', 'sessionToken', 'session_token', 'id_token', 'idToken', 'access_token',
      'refresh_token', 'sig', 'signature', 'X-Amz-Signature', 'x_amz_signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'password',
      'newPassword', 'client_secret', 'clientSecret', 'csrfToken', 'authToken', 'privateKey', 'jwt',
    ]
    for (const name of names) for (const place of ['field', 'param', 'header'] as const) expect(isSecretName(name, place), `${name} as a ${place}`).toBe(true)
    for (const header of ['x-goog-api-key', 'api-key', 'x-api-key', 'x-amz-security-token', 'proxy-authorization', 'Authorization', 'X-Auth-Token']) {
      expect(isSecretName(header, 'header'), header).toBe(true)
    }
  })

  it('take `key` for a secret only as a URL or form parameter', () => {
    expect(isSecretName('key', 'param')).toBe(true)
    expect(isSecretName('KEY', 'param')).toBe(true)
    expect(isSecretName('key', 'field')).toBe(false)
    expect(isSecretName('key', 'header')).toBe(false)
  })

  it('leave what the checks read: session IDs, config IDs, timer keys, nonces, request and event names', () => {
    const kept = ['sessionID', 'sessionId', 'session_id', 'configId', 'requestId', 'eventKey', 'hmac', 'nonce', 'authentication', 'tokenType', 'roomId', 'playerName', 'Sec-WebSocket-Key', 'keyId']
    for (const name of kept) for (const place of ['field', 'param', 'header'] as const) expect(isSecretName(name, place), `${name} as a ${place}`).toBe(false)
  })

  it('count the extra names in any spelling', () => {
    expect(isSecretName('device_key', 'field', ['deviceKey'])).toBe(true)
    expect(isSecretName('DEVICE-KEY', 'header', ['deviceKey'])).toBe(true)
    expect(isSecretName('deviceId', 'field', ['deviceKey'])).toBe(false)
  })
})

describe('what survives redaction', () => {
  it('a GameSparks AnalyticsRequest keeps its timer key, a Media Edge event its sessionID and configId', () => {
    const analytics = '{"@class":".AnalyticsRequest","key":"LEVEL_1","start":true,"requestId":"r1"}'
    expect(redactText(analytics)).toBe(analytics)
    const edge = '{"events":[{"xdm":{"eventType":"media.ping","mediaCollection":{"playhead":7,"sessionID":"e9f2c8a4"}}}],"meta":{"state":{"entries":[{"key":"kndctr_id","value":"CiY"}]}}}'
    expect(redactText(edge)).toBe(edge)
    const url = 'https://edge.adobedc.net/ee/va/v1/ping?configId=d4b8c1f2-0a1b&sessionId=e9f2c8a4'
    expect(redactUrl(url)).toBe(url)
  })

  it('a VideoSDK JWT keeps its header and claims wherever it is, and loses its signature', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')
    const claims = Buffer.from('{"apikey":"k","permissions":["allow_join"],"version":2,"roles":["crawler"],"exp":1900000000}').toString('base64url')
    const jwt = `${header}.${claims}.c2lnbmF0dXJl`
    const cut = `${header}.${claims}.redacted`
    expect(redactUrl(`wss://api.videosdk.live/?roomId=r&secret=${jwt}`)).toBe(`wss://api.videosdk.live/?roomId=r&secret=${cut}`)
    expect(redactText(`{"token":"${jwt}","roomId":"r"}`)).toBe(`{"token":"${cut}","roomId":"r"}`)
    expect(redactText(`{"tokens":["${jwt}"]}`)).toBe(`{"tokens":["${cut}"]}`)
    expect(redactText(`{"note":"sent ${jwt} twice"}`)).toBe(`{"note":"sent ${cut} twice"}`)
    expect(redactText(`{"token":"not-a-jwt"}`)).toBe(`{"token":"${REDACTED}"}`)
  })
})
