/** Every permission the manifest asks for is justified in the README, and those the README rules out stay out. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { permissions?: string[]; optional_permissions?: string[]; host_permissions?: string[]; optional_host_permissions?: string[] }
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** The README's "Permissions and privacy" section, up to the next section. */
function section(text: string): string {
  const start = text.indexOf('\n## Permissions and privacy\n')
  if (start < 0) throw new Error('README has no "Permissions and privacy" section')
  const end = text.indexOf('\n## ', start + 1)
  return text.slice(start, end < 0 ? undefined : end)
}

/** The first-column names (in backticks) of the markdown table whose header row starts with `| <first> |`. */
function tableNames(text: string, first: string): string[] {
  const lines = text.split('\n')
  const header = lines.findIndex((line) => line.startsWith(`| ${first} |`))
  if (header < 0) throw new Error(`no table headed "${first}"`)
  const rows: string[] = []
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break
    const cell = line.split('|')[1]!
    rows.push(...[...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!))
  }
  return rows
}

describe('README permissions', () => {
  const text = section(readme)
  const asked = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? []), ...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])]

  it('justifies exactly the permissions and host access the manifest asks for', () => {
    expect(asked.length).toBeGreaterThan(0)
    expect(tableNames(text, 'Permission | Why').sort()).toEqual([...asked].sort())
  })

  it('names the permissions it does without, and the manifest asks for none of them', () => {
    const without = tableNames(text, 'Permission | Why it is not needed')
    expect(without).toEqual(expect.arrayContaining(['tabs', 'scripting', 'webRequestBlocking', 'cookies']))
    expect(asked.filter((permission) => without.includes(permission))).toEqual([])
  })

  it('says where and when the content scripts run, as the manifest declares them', () => {
    const scripts = (manifest as { content_scripts?: Array<{ matches: string[]; run_at?: string; all_frames?: boolean; world?: string }> }).content_scripts ?? []
    expect(scripts.length).toBeGreaterThan(0)
    if (scripts.some((script) => script.matches.includes('<all_urls>'))) expect(text).toContain('Content scripts run on all sites')
    if (scripts.some((script) => script.all_frames)) expect(text).toContain('in every frame')
    if (scripts.some((script) => script.run_at === 'document_start')) expect(text).toContain('`document_start`')
    if (scripts.some((script) => script.world === 'MAIN')) expect(text).toMatch(/in the page's\s+world/)
  })
})
