/**
 * Whether Sessionscope sees the site a tab shows. The user can narrow its site access in the browser ("On click",
 * "On specific sites"); on a site left out the browser injects no content script and webRequest reports nothing,
 * so the tab's tracking is simply not captured. A view finds out from what the browser tells an extension page:
 * the tab's address, which it hides where the extension has no access, and the host permissions held.
 */
import type { Followed } from './use-followed'

/** The pattern that stands for every site, as the manifest asks for it. */
export const ALL_SITES = '<all_urls>'

export interface Site {
  /** What the user recognises: `www.example.com`, `localhost:8080`. */
  host: string
  /** The origin: what the browser's site access settings take (`https://www.example.com`). */
  origin: string
  /** The host permission that covers the origin: `https://www.example.com/*`. */
  pattern: string
}

export type SiteAccess =
  /** Captured: the site's requests and its page hook reach Sessionscope. */
  | { kind: 'allowed'; site: Site }
  /**
   * Left out of the site access. `site` is known only while the browser lends the tab to Sessionscope (a click on
   * its icon does, until the tab leaves the site): it hides the address of a tab the extension may not see.
   */
  | { kind: 'withheld'; site: Site | null }
  /** A page the browser keeps from every extension (its own pages, the extension store). */
  | { kind: 'out-of-reach' }
  /** No tab, or no web page (a file, another extension's page): nothing to say. */
  | { kind: 'unknown' }

/** The site of a web page's address; null for anything but http and https. */
export function siteOf(url: string): Site | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  return { host: parsed.host, origin: parsed.origin, pattern: `${parsed.origin}/*` }
}

/**
 * What Sessionscope may see of the page at `url` (undefined when the browser hides it), given `holds`, which
 * says whether the extension holds all the host permissions it is given (the browser's permissions.contains).
 */
export async function siteAccessOf(url: string | undefined, holds: (patterns: string[]) => Promise<boolean>): Promise<SiteAccess> {
  if (!url) return (await holds([ALL_SITES])) ? { kind: 'out-of-reach' } : { kind: 'withheld', site: null }
  const site = siteOf(url)
  if (!site) return { kind: 'unknown' }
  return (await holds([site.pattern])) ? { kind: 'allowed', site } : { kind: 'withheld', site }
}

/** The browser whose settings the steps name. */
export type SettingsBrowser = 'chrome' | 'firefox'

/** What a view needs to tell the user about site access and to change it; the browser's in browser-site-access.ts. */
export interface SiteAccessControl extends Followed<SiteAccess> {
  browser: SettingsBrowser
  /** Asks the browser for access to `pattern` (its dialog needs the user's click); resolves with the answer. */
  request(pattern: string): Promise<boolean>
  /** Reloads the tab, so the page hook runs from the page's first request. */
  reloadTab(): Promise<void>
  /** Opens the browser's settings page for Sessionscope's site access, where there is one to open. */
  openSiteSettings?(): void
}
