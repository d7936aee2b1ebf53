/** Opens the options page (ping intervals, hosts, retention, redaction); nothing where there is none to open. */
export function SettingsButton({ openSettings }: { openSettings: (() => void) | undefined }) {
  if (!openSettings) return null
  return (
    <button type="button" data-testid="open-settings" onClick={openSettings} title="Ping intervals, hosts, retention and redaction">
      <span aria-hidden="true">⚙ </span>
      Settings
    </button>
  )
}
