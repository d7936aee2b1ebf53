/** The DevTools page: it only adds the panel. Capture runs in the worker whether or not DevTools is open. */
import { browser } from '../platform/browser'

// Both paths from the extension's root, as Firefox requires.
void browser.devtools.panels.create('Sessionscope', 'icons/icon-32.png', 'src/devtools/panel.html')
