// The demo player: a real <video> playing a clip recorded from a canvas at page load (no video file to ship),
// tracked with the Web SDK's Streaming Media commands in manual mode: the page names the session ID and
// playhead and sends its own pings every 10 s, so the "ping late" button can hold them back. alloy itself is
// configured by alloy-common.js, shared with the end-to-end tests.
;(() => {
  const video = document.getElementById('video')
  const log = document.getElementById('log')
  const buttons = Object.fromEntries([...document.querySelectorAll('button')].map((b) => [b.id, b]))
  const PING_EVERY_MS = 10_000
  const LATE_PING_SILENCE_MS = 22_000
  const CLIP_MS = 4_000

  let sessionId = null
  /** 'none' | 'live' | 'ended' | 'expired': what the page believes of its current session. */
  let state = 'none'
  let lastSentAt = 0
  let quietUntil = 0
  let busy = 0

  /** Draws a moving test pattern on a canvas and records CLIP_MS of it to a WebM blob. */
  async function recordClip() {
    const canvas = document.createElement('canvas')
    canvas.width = 320
    canvas.height = 180
    const context = canvas.getContext('2d')
    const started = performance.now()
    const draw = () => {
      const t = (performance.now() - started) / 1000
      const bars = ['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0']
      bars.forEach((colour, i) => {
        context.fillStyle = colour
        context.fillRect(i * 46, 0, 46, 180)
      })
      context.fillStyle = '#000'
      context.fillRect(0, 120, 320, 60)
      context.fillStyle = '#fff'
      context.font = '28px sans-serif'
      context.fillText(`Sessionscope demo ${t.toFixed(1)} s`, 12, 160)
      context.fillRect(((t * 80) % 340) - 20, 100, 20, 20)
    }
    draw()
    // A timer rather than requestAnimationFrame: background and headless tabs throttle animation frames.
    const timer = setInterval(draw, 1000 / 30)
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm;codecs=vp8' })
    const chunks = []
    recorder.ondataavailable = (event) => chunks.push(event.data)
    const stopped = new Promise((done) => { recorder.onstop = done })
    recorder.start()
    await new Promise((done) => setTimeout(done, CLIP_MS))
    recorder.stop()
    await stopped
    clearInterval(timer)
    return URL.createObjectURL(new Blob(chunks, { type: 'video/webm' }))
  }

  function note(text) {
    const item = document.createElement('li')
    item.textContent = `${new Date().toLocaleTimeString()} ${text}`
    log.append(item)
  }

  /** Runs a button's work; body[data-busy] tells a driver (the headless demo) when the page is done. */
  async function task(work) {
    busy++
    document.body.dataset.busy = 'true'
    try {
      await work()
    } catch (error) {
      note(`failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      busy--
      document.body.dataset.busy = String(busy > 0)
    }
  }

  async function send(type, details = {}, id = sessionId) {
    lastSentAt = Date.now()
    const mediaCollection = { playhead: Math.floor(video.currentTime), sessionID: id, ...details }
    await window.alloy('sendMediaEvent', { xdm: { eventType: `media.${type}`, mediaCollection } })
    note(`media.${type}${state === 'live' ? '' : ` (session ${state})`}`)
  }

  async function startSession() {
    lastSentAt = Date.now()
    const result = await window.alloy('createMediaSession', {
      xdm: {
        mediaCollection: {
          playhead: Math.floor(video.currentTime),
          sessionDetails: { name: 'sessionscope-demo-clip', friendlyName: 'Sessionscope demo clip', length: 60, contentType: 'vod', streamType: 'video' },
        },
      },
    })
    sessionId = result.sessionId
    state = 'live'
    document.body.dataset.session = sessionId
    note(`media.sessionStart → session ${sessionId}`)
  }

  // Pings while the session is open, paused included, unless "ping late" holds them back.
  setInterval(() => {
    if (state !== 'live' || Date.now() < quietUntil || Date.now() - lastSentAt < PING_EVERY_MS) return
    void task(() => send('ping'))
  }, 500)

  buttons.play.addEventListener('click', () => task(async () => {
    if (state !== 'live') await startSession()
    await video.play()
    await send('play')
  }))
  buttons.pause.addEventListener('click', () => task(async () => {
    video.pause()
    if (state === 'live') await send('pauseStart')
  }))
  buttons['ad-outside-break'].addEventListener('click', () => task(async () => {
    if (state !== 'live') await startSession()
    // The mistake: adStart with no adBreakStart before it.
    await send('adStart', { advertisingDetails: { friendlyName: 'Demo ad', name: 'demo-ad-1', length: 15, podPosition: 1, playerName: 'sessionscope-demo' } })
    await send('adComplete')
    await send('play')
  }))
  buttons['ping-late'].addEventListener('click', () => task(async () => {
    if (state !== 'live') await startSession()
    await send('ping')
    // The mistake: a ping timer that stalls (a throttled background tab, a blocked main thread).
    quietUntil = Date.now() + LATE_PING_SILENCE_MS
    note(`holding pings back for ${LATE_PING_SILENCE_MS / 1000} s…`)
    await new Promise((done) => setTimeout(done, LATE_PING_SILENCE_MS))
    await send('ping')
  }))
  buttons['after-end'].addEventListener('click', () => task(async () => {
    if (state !== 'live') await startSession()
    await send('sessionEnd')
    state = 'ended'
    // The mistake: the player's handlers keep reporting with the ended session's ID.
    await send('play')
    await send('ping')
  }))
  buttons['idle-expiry'].addEventListener('click', () => task(async () => {
    if (state !== 'live') await startSession()
    // Nobody waits 10 minutes in a demo: the demo's launcher moves Sessionscope's clock past Adobe's idle
    // timeout (the extension's test hook), as if the tab had sat silent in the background. No event is sent
    // afterwards: its real arrival time would lie before the moment the clock was moved to.
    const minutes = await window.sessionscopeDemoFastForward(11)
    state = 'expired'
    note(`Sessionscope's clock moved ${minutes} minutes on: Adobe has closed the session; anything sent with its ID now is lost.`)
  }))

  void task(async () => {
    await window.alloyReady
    video.src = await recordClip()
    document.getElementById('clip-status').textContent = `Demo clip ready (${CLIP_MS / 1000} s, looped).`
    for (const button of Object.values(buttons)) button.disabled = false
    // Only a page opened by the demo's launcher can move the extension's clock.
    if (typeof window.sessionscopeDemoFastForward !== 'function') {
      buttons['idle-expiry'].disabled = true
      buttons['idle-expiry'].title = 'Only available when opened by npm run demo'
    }
  })
})()
