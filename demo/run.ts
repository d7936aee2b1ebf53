/**
 * `npm run demo`: with a display, opens Chromium with the extension and the demo player (and the panel for
 * its tab) and waits until the window is closed; without one, drives the demo itself, prints the report and
 * saves screenshots (see headless-run.ts).
 */
import { resolve } from 'node:path'
import { startDemo } from './demo-browser'
import { runHeadless } from './headless-run'

/** Where the headless run writes its screenshots (gitignored). */
export const OUTPUT = resolve(import.meta.dirname, '../demo-output')

export async function main(): Promise<number> {
  if (process.env.DISPLAY) return headful()
  console.info('No display ($DISPLAY is unset): running the demo headless. This takes about 40 seconds.')
  const result = await runHeadless(OUTPUT, { color: process.stdout.isTTY === true, log: (line) => console.info(`  ${line}`) })
  console.info(`\n${result.text}`)
  console.info(`Screenshots of the panel and the popup: ${OUTPUT}`)
  for (const file of result.screenshots) console.info(`  ${file}`)
  return 0
}

async function headful(): Promise<number> {
  const demo = await startDemo({ headless: false })
  const panel = await demo.browser.context.newPage()
  await panel.goto(`chrome-extension://${demo.browser.extensionId}/src/devtools/panel.html?tabId=${demo.tabId}`)
  await demo.page.bringToFront()
  console.info(`Demo player: ${demo.site.url} (its Sessionscope panel is open in the next tab; the toolbar popup works too).`)
  console.info('Press Play, then the mistake buttons. Close the browser window to stop.')
  await new Promise((closed) => demo.browser.context.once('close', closed))
  // Closing an already closed context is a no-op; this also removes the temporary profile.
  await demo.close()
  return 0
}
