/** `?theme=dark|light` overrides the system preference (for screenshots and tests); anything else leaves it to the system. */
export function themeFromQuery(search: string): 'dark' | 'light' | undefined {
  const theme = new URLSearchParams(search).get('theme')
  return theme === 'dark' || theme === 'light' ? theme : undefined
}
