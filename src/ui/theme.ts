/**
 * Which theme a view uses. `?theme=dark|light` wins (screenshots and docs pin it); in the DevTools panel,
 * DevTools' own theme comes next, since users often run a dark DevTools on a light system; otherwise the
 * page is left to the system preference (undefined).
 */
export type Theme = 'dark' | 'light'

export function chosenTheme(search: string, devtoolsThemeName?: string): Theme | undefined {
  const asked = new URLSearchParams(search).get('theme')
  if (asked === 'dark' || asked === 'light') return asked
  if (devtoolsThemeName === undefined) return undefined
  return devtoolsThemeName === 'dark' ? 'dark' : 'light'
}

/** Sets html[data-theme], which base.css follows, when a theme is chosen. */
export function applyTheme(root: HTMLElement, theme: Theme | undefined): void {
  if (theme) root.dataset.theme = theme
}
