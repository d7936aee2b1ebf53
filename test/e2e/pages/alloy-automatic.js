// A player that uses the Web SDK's Streaming Media commands in automatic mode: it names a playerId and gives
// getPlayerDetails, so alloy adds playhead, QoE data and the session ID to every event and sends the pings.
// The test drives it step by step through window.player.
;(() => {
  const playerId = 'e2e-automatic-player'
  const video = window.createVideo()

  const getPlayerDetails = () => ({
    playhead: video.currentTime(),
    qoeDataDetails: { bitrate: 2500, droppedFrames: 0, framesPerSecond: 30, timeToStart: 1 },
  })

  /** What the player does to its video before telling alloy. */
  const effects = {
    play: () => video.play(),
    pauseStart: () => video.hold('paused'),
    bufferStart: () => video.hold('buffering'),
    adBreakStart: () => video.hold('ad'),
  }

  window.player = {
    async start() {
      await window.alloyReady
      const result = await window.alloy('createMediaSession', {
        playerId,
        getPlayerDetails,
        xdm: {
          mediaCollection: {
            sessionDetails: { name: 'e2e-vod-automatic', friendlyName: 'E2E automatic-mode video', length: 120, contentType: 'vod', streamType: 'video' },
          },
        },
      })
      return result.sessionId
    },
    /** Sends media.<type>; resolves once alloy's request completed. */
    async send(type, mediaCollection) {
      effects[type]?.()
      const xdm = { eventType: `media.${type}` }
      if (mediaCollection) xdm.mediaCollection = mediaCollection
      await window.alloy('sendMediaEvent', { playerId, xdm })
    },
    playhead: () => Math.floor(video.currentTime()),
  }
})()
