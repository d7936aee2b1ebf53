/**
 * Bad input is never accepted silently (issue 7, item 3). In real captures of every protocol, one field the adapter
 * reads is given a value of the wrong type (numbers as strings, arrays for objects, null, text for numbers), or a
 * required one is removed, or the whole body is made unreadable; the lint must then report `undecodable-request`,
 * or `missing-required-field` / `invalid-field-value` naming that field.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import type { ProtocolId } from '../../../src/protocols/tracking-event'
import { PROTOCOL_IDS } from '../../../src/protocols'
import { toJsonReport } from '../../../src/report/json-report'
import { replay } from '../../../src/session/replay'
import { mutateAt, parsedOrNull, randomBytes, toJsonText, truncated, wrongTypeValue } from '../../helpers/fuzz-arbitraries'
import { FUZZ_TEST_TIMEOUT_MS, checkProperty, reportCountsAfterAll } from '../../helpers/fuzz-config'
import { fixtureCaptures } from '../../helpers/fuzz-corpus'
import type { FieldTarget } from '../../helpers/fuzz-fields'
import { fieldTargets, hasType } from '../../helpers/fuzz-fields'

reportCountsAfterAll()
const FIELD_RULES = new Set(['missing-required-field', 'invalid-field-value'])

type Mutation = { delete: true } | { delete: false; value: unknown }

/** The capture with the target field removed or set to `value`. */
function retyped(capture: CapturedRequest, target: FieldTarget, mutation: Mutation): CapturedRequest {
  const op = mutation.delete ? { op: 'delete' as const } : { op: 'replace' as const, value: mutation.value }
  const { at } = target
  if (at.kind === 'body') return { ...capture, requestBody: { text: toJsonText(mutateAt(parsedOrNull(capture.requestBody!.text), at.path, op)) } }
  if (at.kind === 'frame') {
    return { ...capture, frames: capture.frames!.map((frame, i) => (i === at.frame ? { ...frame, data: toJsonText(mutateAt(parsedOrNull(frame.data), at.path, op)) } : frame)) }
  }
  const url = new URL(capture.url)
  if (mutation.delete) url.searchParams.delete(at.name)
  else url.searchParams.set(at.name, String(mutation.value))
  return { ...capture, url: url.toString() }
}

function findingsAt(capture: CapturedRequest, frame: number | null) {
  return toJsonReport(replay([capture])).findings.filter((f) => f.entry === capture.seq && (frame === null || f.frame === frame))
}

function mutationFor(target: FieldTarget): fc.Arbitrary<Mutation> {
  const options: Array<fc.Arbitrary<Mutation>> = []
  if (target.at.kind === 'query') {
    // URL parameters are text: a bad number is text that is not one; an empty value is no value.
    const texts = target.type === 'number' ? ['abc', '12px', '1,5', 'NaN', 'Infinity', '0x10', '--1'] : target.label === 's:asset:type' ? ['video', 'MAIN', 'null'] : []
    if (texts.length > 0) options.push(fc.constantFrom(...texts).map((value): Mutation => ({ delete: false, value })))
    if (target.required) options.push(fc.constant<Mutation>({ delete: false, value: '' }), fc.constant<Mutation>({ delete: true }))
  } else {
    options.push(wrongTypeValue.filter((value) => !hasType(value, target.type) && (target.required || value !== null)).map((value): Mutation => ({ delete: false, value })))
    if (target.required) options.push(fc.constant<Mutation>({ delete: true }))
  }
  return fc.oneof(...options)
}

function retypedCases(protocol: ProtocolId) {
  const cases = fixtureCaptures(protocol).flatMap((capture) => fieldTargets(protocol, capture).map((target) => ({ capture, target })))
  return fc.constantFrom(...cases).chain(({ capture, target }) => mutationFor(target).map((mutation) => ({ capture, target, mutation })))
}

describe.each(PROTOCOL_IDS.map((id) => [id] as const))('%s: a retyped or missing field is reported by name', { timeout: FUZZ_TEST_TIMEOUT_MS }, (protocol) => {
  it('names the field in missing-required-field or invalid-field-value, or refuses the request', () => {
    checkProperty(`findings ${protocol}`, retypedCases(protocol), ({ capture, target, mutation }) => {
      const findings = findingsAt(retyped(capture, target, mutation), target.at.kind === 'frame' ? target.at.frame : null)
      const named = findings.some((f) => f.rule === 'undecodable-request' || (FIELD_RULES.has(f.rule) && f.message.includes(target.label)))
      if (!named) throw new Error(`${target.label} ${JSON.stringify(mutation)} was accepted silently; findings: ${JSON.stringify(findings.map((f) => `${f.rule}: ${f.message}`))}`)
    }, 250)
  })
})

/** Captures whose body is the protocol's JSON, sent where only that protocol's traffic goes. */
function jsonBodyCaptures(protocol: ProtocolId): CapturedRequest[] {
  return fixtureCaptures(protocol).filter((capture) => {
    if (protocol === 'gamesparks' && capture.frames) return capture.frames.length > 0
    if (capture.requestBody === null || parsedOrNull(capture.requestBody.text) === null) return false
    if (protocol === 'adobe-media-edge') return /\/va\/v1\//.test(capture.url)
    if (protocol === 'adobe-media-collection') return /\.hb-api\.omtrdc\.net\//.test(capture.url)
    // A Cloud Code callback carries the game's own payload, whatever it is; REST calls carry a request.
    return protocol === 'videosdk' || /\/rs\//.test(capture.url)
  })
}

/** The capture with its body, or one of its WebSocket frames, replaced by `text`. */
function unreadable(capture: CapturedRequest, text: string, base64: boolean, pick: number): { capture: CapturedRequest; frame: number | null } {
  if (capture.frames) {
    const frame = pick % capture.frames.length
    return { capture: { ...capture, frames: capture.frames.map((f, i) => (i === frame ? { ...f, opcode: 1, data: text } : f)) }, frame }
  }
  const body = base64 ? { text: Buffer.from(text, 'latin1').toString('base64'), encoding: 'base64' as const } : { text }
  return { capture: { ...capture, requestBody: body }, frame: null }
}

// Never blank: an empty body is no body, which the adapters judge differently.
const unreadableText = fc.oneof(
  truncated(fc.constantFrom('{"events":[{"xdm":{"eventType":"media.play"}}]}', '{"eventType":"play","playerTime":{"playhead":1}}', '{"roomId":"abc"}')),
  randomBytes.map((bytes) => `\u0000${Buffer.from(bytes).toString('latin1')}`),
  fc.constantFrom('{', '[1,', 'undefined', "{'a':1}", '{"a":1}}', '<html>', 'NaN'),
).filter((text) => text.trim() !== '')

describe('an unreadable body is reported, never accepted', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it.each(['adobe-media-edge', 'adobe-media-collection', 'gamesparks'] as const)('%s: undecodable-request', (protocol) => {
    const seeds = jsonBodyCaptures(protocol)
    expect(seeds.length).toBeGreaterThan(0)
    checkProperty(`findings ${protocol}`, fc.record({ seed: fc.constantFrom(...seeds), text: unreadableText, base64: fc.boolean(), pick: fc.nat() }), ({ seed, text, base64, pick }) => {
      const { capture, frame } = unreadable(seed, text, base64, pick)
      const findings = findingsAt(capture, frame)
      if (!findings.some((f) => f.rule === 'undecodable-request')) throw new Error(`an unreadable body was accepted: ${JSON.stringify(findings.map((f) => f.rule))}`)
    }, 60)
  })

  it('videosdk: a body that is not JSON is reported as such (videosdk-request-not-json)', () => {
    const seeds = jsonBodyCaptures('videosdk').filter((capture) => capture.method === 'POST')
    expect(seeds.length).toBeGreaterThan(0)
    checkProperty('findings videosdk', fc.record({ capture: fc.constantFrom(...seeds), text: unreadableText }), ({ capture, text }) => {
      const findings = findingsAt({ ...capture, requestBody: { text } }, null)
      if (!findings.some((f) => f.rule === 'videosdk-request-not-json' || f.rule === 'undecodable-request')) throw new Error(`an unreadable body was accepted: ${JSON.stringify(findings.map((f) => f.rule))}`)
    }, 60)
  })
})
