// A player written for Media JS 3.x, running on the Web SDK's compatible tracker (getMediaAnalyticsTracker).
// It reports its playhead with updatePlayhead as a video element's timeupdate would; alloy sends the pings.
// The test drives it through window.player; `calls` runs several tracker calls in the same tick, as a real
// player's event handler does, so their fetches run in parallel.
;(() => {
  const video = window.createVideo()
  let Media = null
  let tracker = null
  let timeupdate = null

  const effects = {
    trackPlay: () => video.play(),
    trackPause: () => video.hold('paused'),
    BufferStart: () => video.hold('buffering'),
    BufferComplete: () => video.play(),
    AdBreakStart: () => video.hold('ad'),
  }

  /** Builds the tracker's info objects with the Media helpers. */
  function info(kind, args) {
    switch (kind) {
      case 'chapter': return Media.createChapterObject(...args)
      case 'adBreak': return Media.createAdBreakObject(...args)
      case 'ad': return Media.createAdObject(...args)
      case 'qoe': return Media.createQoEObject(...args)
      default: return undefined
    }
  }

  /**
   * One tracker call, described as data so the test can send it:
   * ['trackPlay'], ['trackEvent', 'ChapterStart', ['chapter', [name, position, length, startTime]], contextData].
   */
  function call([method, ...args]) {
    tracker.updatePlayhead(video.currentTime())
    if (method === 'trackEvent') {
      const [event, details, contextData] = args
      effects[event]?.()
      tracker.updatePlayhead(video.currentTime())
      return tracker.trackEvent(Media.Event[event], details ? info(details[0], details[1]) : undefined, contextData)
    }
    effects[method]?.()
    if (method === 'trackSessionStart') {
      const [name, id, length] = args[0]
      return tracker.trackSessionStart(Media.createMediaObject(name, id, length, Media.StreamType.VOD, Media.MediaType.Video), args[1])
    }
    return tracker[method]()
  }

  window.player = {
    async init() {
      await window.alloyReady
      Media = await window.alloy('getMediaAnalyticsTracker', {})
      tracker = Media.getInstance()
      tracker.updateQoEObject(Media.createQoEObject(2500, 1, 30, 0))
      timeupdate = setInterval(() => tracker.updatePlayhead(video.currentTime()), 250)
      return Media.version
    },
    /** Makes the calls in one tick; resolves when every request they started has completed. */
    async calls(list) {
      const results = list.map(call)
      const settled = await Promise.allSettled(results.map((r) => Promise.resolve(r)))
      return settled.map((s) => (s.status === 'fulfilled' ? 'ok' : String(s.reason)))
    },
    /** What trackSessionStart resolved with (the session ID alloy got from the handle). */
    async start(media, contextData) {
      const result = await call(['trackSessionStart', media, contextData])
      return result.sessionId
    },
    playhead: () => Math.floor(video.currentTime()),
    destroy() {
      clearInterval(timeupdate)
      tracker.destroy()
    },
  }
})()
