/** The DevTools page: it only adds the panel. Capture runs in the worker whether or not DevTools is open. */
void chrome.devtools.panels.create('Sessionscope', 'icons/icon-32.png', 'src/devtools/panel.html')
