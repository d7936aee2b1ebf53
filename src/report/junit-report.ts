/**
 * JUnit XML as CI systems read it (GitLab, Jenkins, GitHub Actions reporters): one <testsuite> per HAR file,
 * one <testcase> per session and one for findings attached to no session, a <failure> per finding at or above
 * `--fail-on`, and the findings below it in their testcase's <system-out>. Counts are of testcases, so
 * `failures` never exceeds `tests`. Page data may hold anything: every string is escaped, and characters that
 * XML 1.0 does not allow are written as visible `\uXXXX`. Pure.
 */
import type { Severity } from '../session/finding'
import { escapeInvisible } from '../protocols/json-body'
import { atLeast } from '../session/finding'
import type { JsonFinding, JsonReport } from './json-report'
import { occurrences } from './json-report'
import type { FileReport } from './text-report'

export type FailOn = Severity | 'never'

interface Counts {
  tests: number
  failures: number
}

export function toJunitReport(files: readonly FileReport[], failOn: FailOn): string {
  const total: Counts = { tests: 0, failures: 0 }
  const suites = files.map(({ file, report }) => {
    const cases = testcases(report).map(({ name, findings }) => {
      const fails = (f: JsonFinding): boolean => failOn !== 'never' && atLeast(f.severity, failOn)
      return { name, failing: findings.filter(fails), passing: findings.filter((f) => !fails(f)) }
    })
    const counts: Counts = { tests: cases.length, failures: cases.filter((c) => c.failing.length > 0).length }
    total.tests += counts.tests
    total.failures += counts.failures
    const body = cases.flatMap(({ name, failing, passing }) => {
      const open = `    <testcase name="${attribute(name)}" classname="${attribute(file)}"`
      if (failing.length === 0 && passing.length === 0) return [`${open}/>`]
      return [
        `${open}>`,
        ...failing.map((f) => `      <failure message="${attribute(`${f.rule}: ${f.message}`)}" type="${attribute(f.rule)}">${text(failureBody(f))}</failure>`),
        ...(passing.length > 0 ? [`      <system-out>${text(passing.map(belowThreshold).join('\n\n'))}</system-out>`] : []),
        '    </testcase>',
      ]
    })
    return [`  <testsuite name="${attribute(file)}" ${countAttributes(counts)}>`, ...body, '  </testsuite>']
  })
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="sessionscope" ${countAttributes(total)}>`, ...suites.flat(), '</testsuites>', ''].join('\n')
}

/** One testcase per session, in report order, then one for the findings that belong to no session. */
function testcases(report: JsonReport): Array<{ name: string; findings: JsonFinding[] }> {
  const bySession = new Map<string, JsonFinding[]>(report.sessions.map((session) => [session.key, []]))
  const loose: JsonFinding[] = []
  for (const finding of report.findings) ((finding.sessionKey === null ? undefined : bySession.get(finding.sessionKey)) ?? loose).push(finding)
  const cases = report.sessions.map((session) => ({
    name: `${session.protocol} ${session.sessionId ?? session.key}${session.name === undefined ? '' : ` "${session.name}"`}`,
    findings: bySession.get(session.key)!,
  }))
  if (loose.length > 0) cases.push({ name: 'findings not attached to a session', findings: loose })
  return cases
}

function countAttributes({ tests, failures }: Counts): string {
  return `tests="${tests}" failures="${failures}" errors="0" skipped="0"`
}

function failureBody(finding: JsonFinding): string {
  return [`${finding.rule}: ${finding.message}`, `severity: ${finding.severity}`, `${finding.count === undefined ? 'entry' : 'occurrences'}: ${where(finding)}`, `docs: ${finding.docs}`].join('\n')
}

function belowThreshold(finding: JsonFinding): string {
  return `${finding.severity} ${finding.rule} (${finding.count === undefined ? 'entry ' : ''}${where(finding)}): ${finding.message}\ndocs: ${finding.docs}`
}

function where(finding: JsonFinding): string {
  const repeated = occurrences(finding)
  if (repeated !== null) return repeated
  if (finding.entry === null) return 'none (about the session as a whole)'
  return finding.frame === null ? String(finding.entry) : `${finding.entry}, WebSocket frame ${finding.frame}`
}

/**
 * Anything outside XML 1.0's Char production (C0 controls but tab, newline and carriage return; lone
 * surrogates; U+FFFE, U+FFFF), plus DEL and the C1 controls that XML 1.0 discourages.
 */
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

/** Allowed XML that would still make a CI log read otherwise than it is: bidi controls and invisible characters. */
function visible(value: string): string {
  return escapeInvisible(value.replace(NOT_XML, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`))
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' }

/** Element content: markup characters escaped (`>` too, so `]]>` cannot occur); a carriage return as a reference, so parsers keep it. */
function text(value: string): string {
  return visible(value).replace(/[&<>\r]/g, (c) => ENTITIES[c]!)
}

/** Attribute values: also newlines and tabs as references, which attribute-value normalisation would turn into spaces. */
function attribute(value: string): string {
  return visible(value).replace(/[&<>"'\r\n\t]/g, (c) => ENTITIES[c]!)
}
