// Plays Media Edge sessions whose strings come from the test (window.hostile.play(strings)): each string the
// page controls (title, query, a header, session details, ad and chapter names, custom metadata, field names,
// event types, session IDs) carries a payload, so the test can check every view shows them as text and runs nothing.
;(() => {
  const base = `${location.origin}/ee/va/v1`
  const pause = () => new Promise((wake) => setTimeout(wake, 40))

  async function send(type, mediaCollection, s, eventType = `media.${type}`) {
    const query = `configId=e2e&note=${encodeURIComponent(s.query)}`
    const body = JSON.stringify({ events: [{ xdm: { eventType, timestamp: new Date().toISOString(), mediaCollection } }] })
    // Header values must be Latin-1: the ASCII payloads only.
    const response = await fetch(`${base}/${encodeURIComponent(type)}?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hostile-Note': s.header },
      body,
    })
    await pause()
    return response
  }

  window.hostile = {
    async play(s) {
      document.title = s.title
      const start = await send('sessionStart', {
        playhead: 0,
        sessionDetails: {
          name: s.contentId, friendlyName: s.contentName, playerName: s.playerName, contentType: 'VOD', length: 120,
          channel: s.channel, streamType: 'video', show: s.show, author: s.author, appVersion: s.appVersion,
        },
        customMetadata: s.metadata.map(([name, value]) => ({ name, value })),
        // A field no schema has, named by the page.
        [s.fieldName]: s.fieldValue,
      }, s)
      const sessionID = (await start.json()).handle.find((h) => h.type === 'media-analytics:new-session').payload[0].sessionId
      await send('play', { playhead: 0, sessionID }, s)
      await send('adBreakStart', { playhead: 0, sessionID, advertisingPodDetails: { friendlyName: s.podName, index: 0, offset: 0 } }, s)
      await send('adStart', { playhead: 0, sessionID, advertisingDetails: { name: s.adId, friendlyName: s.adName, length: 15, podPosition: 1, playerName: s.playerName } }, s)
      await send('adComplete', { playhead: 0, sessionID }, s)
      await send('adBreakComplete', { playhead: 0, sessionID }, s)
      await send('chapterStart', { playhead: 1, sessionID, chapterDetails: { friendlyName: s.chapterName, index: 1, offset: 0, length: 60 } }, s)
      // An event type no vendor defines, in the path and in the body.
      await send(s.eventType, { playhead: 2, sessionID }, s, `media.${s.eventType}`)
      await send('sessionEnd', { playhead: 3, sessionID }, s)
      // After the end: a finding that quotes the session.
      await send('ping', { playhead: 3, sessionID }, s)
      // A session the page names itself: its ID is a payload too.
      await send('ping', { playhead: 5, sessionID: s.sessionId }, s)
      return sessionID
    },
  }
})()
