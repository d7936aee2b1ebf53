// A site's service worker sending a Media Edge session (sessionStart, then pings), as told by its page.
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
self.addEventListener('message', (event) => {
  const [port] = event.ports
  event.waitUntil(track(event.data.pings).then((sessionId) => port.postMessage(sessionId), (error) => port.postMessage(`failed: ${error}`)))
})

async function track(pings) {
  const post = (action, xdm) => fetch(`/ee/va/v1/${action}?configId=sw`, { method: 'POST', body: JSON.stringify({ events: [{ xdm }] }) })
  const started = await post('sessionStart', {
    eventType: 'media.sessionStart', timestamp: new Date().toISOString(),
    mediaCollection: { playhead: 0, sessionDetails: { name: 'sw', friendlyName: 'sw', playerName: 'sw', contentType: 'VOD', length: 60, channel: 'sw', streamType: 'video' } },
  })
  const answer = await started.json()
  const sessionId = answer.handle.find((handle) => handle.type === 'media-analytics:new-session').payload[0].sessionId
  for (let i = 1; i <= pings; i++) await post('ping', { eventType: 'media.ping', timestamp: new Date().toISOString(), mediaCollection: { playhead: i, sessionID: sessionId } })
  return sessionId
}
