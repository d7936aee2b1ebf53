import { useEffect, useState } from 'preact/hooks'
import type { SettingsBrowser, Site, SiteAccessControl } from './site-access'
import { useFollowed } from './use-followed'
import './SiteAccessNotice.css'

/**
 * Says when the browser keeps the tab's site from Sessionscope, which is why nothing of it is captured, and how
 * to allow it: a button that asks the browser, and the steps in its settings. Once allowed from here, it asks
 * for a reload, since the page hook runs only from a page's start.
 */
export function SiteAccessNotice({ control }: { control: SiteAccessControl }) {
  const access = useFollowed(control)
  // Seen withheld in this view, so an allowed site is news worth a reload.
  const [withheldHere, setWithheldHere] = useState(false)
  useEffect(() => {
    if (access?.kind === 'withheld') setWithheldHere(true)
  }, [access])

  if (access?.kind === 'withheld') return <Withheld control={control} site={access.site} />
  if (access?.kind === 'allowed' && withheldHere) return <NowAllowed control={control} site={access.site} onReloaded={() => setWithheldHere(false)} />
  if (access?.kind === 'out-of-reach') {
    return (
      <p class="site-access-quiet" data-testid="site-access-notice" data-access="out-of-reach">
        {browserName(control.browser)} lets no extension see this page (its own pages, the extension store).
      </p>
    )
  }
  return null
}

function Withheld({ control, site }: { control: SiteAccessControl; site: Site | null }) {
  const [asking, setAsking] = useState(false)
  const [answer, setAnswer] = useState<string | null>(null)
  const name = browserName(control.browser)
  async function allow(pattern: string) {
    setAsking(true)
    setAnswer(null)
    try {
      // A grant arrives as a permission change, which turns this notice into the reload one.
      if (!(await control.request(pattern))) setAnswer(`${name} did not grant access.`)
    } catch (error) {
      setAnswer(`Could not ask ${name}: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setAsking(false)
    }
  }
  return (
    <section class="site-access" data-testid="site-access-notice" data-access="withheld" aria-labelledby="site-access-title">
      <h2 id="site-access-title">Sessionscope cannot see {site ? site.host : 'this page'}</h2>
      {site ? (
        <p>
          {name}'s site access for Sessionscope leaves this site out, so nothing of it is captured. Your click on the
          icon lends it this tab until the tab leaves the site: reload the page to capture it from the start, or allow
          the site for good.
        </p>
      ) : (
        <p>
          {name}'s site access for Sessionscope leaves this page's site out, so nothing of it is captured (or {name}{' '}
          keeps the page from every extension).
        </p>
      )}
      <div class="site-access-actions">
        {site && (
          <button type="button" data-testid="site-access-allow" disabled={asking} onClick={() => void allow(site.pattern)}>
            {asking ? `Answer ${name}'s dialog…` : `Allow on ${site.host}`}
          </button>
        )}
        {site && (
          <button type="button" data-testid="site-access-reload" onClick={() => void control.reloadTab()}>
            Reload page
          </button>
        )}
        {control.openSiteSettings && (
          <button type="button" data-testid="site-access-settings" onClick={control.openSiteSettings}>
            Site access settings
          </button>
        )}
      </div>
      {answer && (
        <p class="site-access-answer" role="status" data-testid="site-access-answer">
          {answer}
        </p>
      )}
      <SettingsSteps browser={control.browser} site={site} />
    </section>
  )
}

function NowAllowed({ control, site, onReloaded }: { control: SiteAccessControl; site: Site; onReloaded: () => void }) {
  return (
    <section class="site-access site-access-allowed" data-testid="site-access-notice" data-access="allowed" role="status">
      <p>
        Sessionscope can now see {site.host}. Reload the page so that it captures from the page's first request.
      </p>
      <div class="site-access-actions">
        <button type="button" data-testid="site-access-reload" onClick={() => void control.reloadTab().then(onReloaded)}>
          Reload page
        </button>
      </div>
    </section>
  )
}

/** Where the browser keeps an extension's site access, step by step. */
function SettingsSteps({ browser, site }: { browser: SettingsBrowser; site: Site | null }) {
  const address = site ? <code>{site.origin}</code> : "the site's address"
  if (browser === 'firefox') {
    return (
      <ol class="site-access-steps" data-testid="site-access-steps">
        <li>
          Open <code>about:addons</code>, then Sessionscope → <b>Permissions</b>.
        </li>
        <li>
          Turn on <b>Access your data for all websites</b>.
        </li>
        <li>Reload the page.</li>
      </ol>
    )
  }
  return (
    <ol class="site-access-steps" data-testid="site-access-steps">
      <li>
        Open <code>chrome://extensions</code> and click <b>Details</b> under Sessionscope (or <b>Site access settings</b>{' '}
        above).
      </li>
      <li>
        Under <b>Site access</b>, choose <b>On all sites</b>, or <b>On specific sites</b> and <b>Add</b> {address}.
      </li>
      <li>Reload the page.</li>
    </ol>
  )
}

function browserName(browser: SettingsBrowser): string {
  return browser === 'firefox' ? 'Firefox' : 'Chrome'
}
