import { describe, expect, it } from 'vitest'
import { chosenTheme } from '../../../src/ui/theme'

describe('chosenTheme', () => {
  it("follows DevTools' theme in the panel: dark is dark, 'default' is light", () => {
    expect(chosenTheme('', 'dark')).toBe('dark')
    expect(chosenTheme('', 'default')).toBe('light')
  })

  it('lets ?theme= pin the theme over DevTools and the system', () => {
    expect(chosenTheme('?theme=light', 'dark')).toBe('light')
    expect(chosenTheme('?scope=tab%3A1&theme=dark', 'default')).toBe('dark')
    expect(chosenTheme('?theme=dark')).toBe('dark')
  })

  it('leaves the system preference in charge otherwise, and ignores unknown values', () => {
    expect(chosenTheme('')).toBeUndefined()
    expect(chosenTheme('?theme=<script>')).toBeUndefined()
    expect(chosenTheme('?theme=sepia', 'dark')).toBe('dark')
  })
})
