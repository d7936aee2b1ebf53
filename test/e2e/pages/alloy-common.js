// Shared by the alloy test pages: configures the real Adobe Web SDK (loaded by Adobe's base code from
// /vendor/alloy.js) against the stand-in Edge, and simulates a video element whose playhead follows real time.
;(() => {
  const params = new URLSearchParams(location.search)

  window.alloyReady = window.alloy('configure', {
    datastreamId: 'e2e-datastream',
    orgId: 'ABC@AdobeOrg',
    // Mapped to the stand-in server by Chromium's --host-resolver-rules; alloy always uses https.
    edgeDomain: 'edge.example.test',
    thirdPartyCookiesEnabled: false,
    idMigrationEnabled: false,
    defaultConsent: 'in',
    debugEnabled: params.has('debug'),
    streamingMedia: {
      channel: 'e2e-channel',
      playerName: 'e2e-html5-player',
      appVersion: '1.0.0',
      mainPingInterval: 10,
      // Ad pings every second, as Adobe's own ad timelines do; keeps the test short.
      adPingInterval: 1,
    },
  })

  /**
   * A stand-in for an HTML5 video element: the content playhead runs with real time while playing and stands
   * still while paused, buffering or in an ad break.
   */
  window.createVideo = () => {
    let base = 0
    let since = null
    const video = {
      state: 'idle',
      /** The content playhead in seconds (fractional, like HTMLMediaElement.currentTime). */
      currentTime() {
        return since === null ? base : base + (performance.now() - since) / 1000
      },
      play() {
        if (since === null) since = performance.now()
        video.state = 'playing'
      },
      /** Stops the content playhead: pause, buffering, ad break. */
      hold(state) {
        base = video.currentTime()
        since = null
        video.state = state
      },
    }
    return video
  }

  window.sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
})()
