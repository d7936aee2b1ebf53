// A minimal Media Edge API client, driven step by step by the end-to-end tests through window.player.
;(() => {
  const base = `${location.origin}/ee`
  const configId = 'e2e-datastream'
  let sessionId = null
  // Added to the client clock of every event, so tests can open gaps without waiting for them.
  let skew = 0

  function body(type, playhead, extra) {
    const mediaCollection = { playhead, ...extra }
    if (type !== 'sessionStart') mediaCollection.sessionID = sessionId
    return JSON.stringify({ events: [{ xdm: { eventType: `media.${type}`, timestamp: new Date(Date.now() + skew).toISOString(), mediaCollection } }] })
  }
  const url = (type) => `${base}/va/v1/${type}?configId=${configId}`

  window.player = {
    async start(name = 'E2E video') {
      const response = await fetch(url('sessionStart'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body('sessionStart', 0, {
          sessionDetails: { name, friendlyName: name, playerName: 'scripted-player', contentType: 'VOD', length: 120, channel: 'e2e', streamType: 'video' },
        }),
      })
      const json = await response.json()
      sessionId = json.handle.find((h) => h.type === 'media-analytics:new-session').payload[0].sessionId
      return sessionId
    },
    // `extra`: more mediaCollection fields (advertisingPodDetails, chapterDetails…).
    async fetch(type, playhead, extra) {
      const response = await fetch(url(type), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body(type, playhead, extra) })
      return response.status
    },
    xhr(type, playhead) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest()
        xhr.open('POST', url(type))
        xhr.setRequestHeader('Content-Type', 'application/json')
        xhr.onload = () => resolve(xhr.status)
        xhr.onerror = () => reject(new Error('xhr failed'))
        xhr.send(body(type, playhead))
      })
    },
    beacon(type, playhead) {
      return navigator.sendBeacon(url(type), new Blob([body(type, playhead)], { type: 'application/json' }))
    },
    // Fires `count` events spread evenly over `withinMs`, alternating fetch and XHR, without waiting for
    // answers in between (a load test). Resolves with when the first and the last left, and every status.
    async burst(count, withinMs, type = 'ping') {
      const firstAt = Date.now()
      const sent = []
      for (let i = 0; i < count; i++) {
        const due = firstAt + (i * withinMs) / count
        if (Date.now() < due) await new Promise((resolve) => setTimeout(resolve, due - Date.now()))
        sent.push(i % 2 === 0 ? this.fetch(type, i) : this.xhr(type, i))
      }
      const lastAt = Date.now()
      return { firstAt, lastAt, statuses: await Promise.all(sent) }
    },
    sessionId: () => sessionId,
    skew(ms) {
      skew += ms
    },
  }
})()
