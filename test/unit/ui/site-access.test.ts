import { describe, expect, it } from 'vitest'
import { ALL_SITES, siteAccessOf, siteOf } from '../../../src/ui/site-access'

/** The host permissions held: what chrome.permissions.contains would answer for them. */
const holding = (...held: string[]) => async (patterns: string[]) => patterns.every((pattern) => held.includes(pattern))

describe('siteOf', () => {
  it('gives the host, the origin and the pattern that covers it, port included', () => {
    expect(siteOf('https://www.example.com/watch?v=1#t')).toEqual({ host: 'www.example.com', origin: 'https://www.example.com', pattern: 'https://www.example.com/*' })
    expect(siteOf('http://localhost:8080/player')).toEqual({ host: 'localhost:8080', origin: 'http://localhost:8080', pattern: 'http://localhost:8080/*' })
  })

  it('is null for anything but a web page', () => {
    for (const url of ['chrome://newtab/', 'file:///tmp/a.html', 'chrome-extension://abc/popup.html', 'about:blank', 'not a url', '']) expect(siteOf(url)).toBeNull()
  })
})

describe('siteAccessOf', () => {
  const site = siteOf('https://player.example/watch')!

  it('is allowed where the site is held', async () => {
    expect(await siteAccessOf('https://player.example/watch', holding(site.pattern))).toEqual({ kind: 'allowed', site })
  })

  it('is withheld, with the site, where the address is shown but the site is not held (the tab lent by a click)', async () => {
    expect(await siteAccessOf('https://player.example/watch', holding('https://other.example/*'))).toEqual({ kind: 'withheld', site })
  })

  it('is withheld, without a site, where the address is hidden and not every site is held', async () => {
    expect(await siteAccessOf(undefined, holding(site.pattern))).toEqual({ kind: 'withheld', site: null })
    expect(await siteAccessOf('', holding())).toEqual({ kind: 'withheld', site: null })
  })

  it('is out of reach where the address is hidden although every site is held (a browser page)', async () => {
    expect(await siteAccessOf(undefined, holding(ALL_SITES))).toEqual({ kind: 'out-of-reach' })
  })

  it('says nothing of pages that are no web site', async () => {
    expect(await siteAccessOf('file:///tmp/a.html', holding())).toEqual({ kind: 'unknown' })
  })
})
