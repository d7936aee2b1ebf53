// Minimal Media Collection API and legacy heartbeat clients, driven by the end-to-end tests.
;(() => {
  let collectionSession = null
  const heartbeatSession = `${Date.now()}${Math.floor(Math.random() * 1e9)}`

  window.collection = {
    async start() {
      const response = await fetch(`${location.origin}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          playerTime: { playhead: 0, ts: Date.now() },
          eventType: 'sessionStart',
          params: {
            'analytics.trackingServer': 'example.sc.omtrdc.net', 'analytics.reportSuite': 'rsid', 'analytics.enableSSL': true,
            'visitor.marketingCloudOrgId': 'ABC@AdobeOrg', 'media.id': 'e2e-collection', 'media.name': 'Collection video',
            'media.length': 120, 'media.contentType': 'VOD', 'media.playerName': 'e2e-player', 'media.channel': 'e2e',
          },
        }),
      })
      collectionSession = response.headers.get('Location').split('/').pop()
      return collectionSession
    },
    async event(eventType, playhead) {
      const response = await fetch(`${location.origin}/api/v1/sessions/${collectionSession}/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ playerTime: { playhead, ts: Date.now() }, eventType }),
      })
      return response.status
    },
  }

  // VHL 2.x sends its calls as image requests; webRequest sees them, the page hook does not need to.
  window.heartbeat = {
    sessionId: heartbeatSession,
    send(type, playhead) {
      const query = new URLSearchParams({
        's:event:type': type, 's:event:sid': heartbeatSession, 'l:event:playhead': String(playhead), 'l:event:ts': String(Date.now()),
        'l:event:prev_ts': '-1', 'l:event:duration': '0', 's:asset:type': 'main', 's:asset:video_id': 'heartbeat-video',
        'l:asset:length': '120', 's:stream:type': 'vod', 's:sp:player_name': 'e2e-player', 's:sc:rsid': 'rsid',
      })
      return new Promise((resolve) => {
        const image = new Image()
        image.onload = image.onerror = () => resolve(true)
        image.src = `http://sample.hb.omtrdc.net/?${query.toString().replace(/%3A/g, ':')}`
      })
    },
  }
})()
