// A hostile page, driven by test/e2e/forged-messages.e2e.test.ts through window.forger. It knows how the
// page hook and relay talk (event names, message shapes) and tries every way in: the hook's old CustomEvent
// channel, window.postMessage, grabbing the relay's port, hijacking the hook's port, and an about:blank frame.
;(() => {
  const HOOK_EVENT = '__sessionscope_hook__'
  const HOOK_READY_EVENT = '__sessionscope_hook_ready__'
  const RELAY_PORT_EVENT = '__sessionscope_relay_port__'
  const mediaUrl = (type, configId) => `${location.origin}/ee/va/v1/${type}?configId=${configId}`

  /** Well-formed hook messages that claim another tab, frame and scope, and aim at its session. */
  function forgedMessages(victim, n) {
    const time = Date.now()
    const body = (type) => JSON.stringify({ events: [{ xdm: { eventType: `media.${type}`, timestamp: new Date(time).toISOString(), mediaCollection: { playhead: 99, sessionID: victim.sessionId } } }] })
    const id = `forged-${n}`
    const claims = { tabId: victim.tabId, frameId: 0, scope: victim.scope }
    return [
      { kind: 'request', id, via: 'fetch', url: mediaUrl('sessionEnd', 'forged'), method: 'POST', body: { text: body('sessionEnd') }, time },
      { kind: 'request', id: `${id}-claims`, via: 'xhr', url: mediaUrl('ping', 'forged'), method: 'POST', body: { text: body('ping') }, time, ...claims },
      { kind: 'response', id, status: 200, statusText: 'OK', headers: [['content-type', 'application/json']], body: { text: '{"handle":[]}' } },
      { kind: 'ws-open', id: `${id}-ws`, url: 'wss://forged.example.test/ws', time },
      { kind: 'ws-frame', id: `${id}-ws`, direction: 'send', opcode: 1, data: '{"@class":".LogEventRequest"}', time },
    ]
  }

  /** Garbage: wrong types, unknown kinds, prototype keys, deep nesting, binary-ish strings. */
  function garbage(n) {
    let deep = {}
    for (let i = 0; i < 2000; i++) deep = { kind: 'request', nested: deep }
    return [
      null, 42, 'request', [], { kind: 'nope' }, { kind: 'request', id: n, url: {}, time: 'now' },
      JSON.parse(`{"__proto__":{"polluted":true},"kind":"request","id":"p${n}","via":"fetch","url":"${mediaUrl('play', 'proto')}","method":"POST","body":null,"time":1}`),
      deep, '\u0000\uffff\ud800', { type: 'hook', message: { kind: 'request' } },
    ]
  }

  function dispatchDetail(target, detail) {
    target.dispatchEvent(new CustomEvent(HOOK_EVENT, { detail }))
  }

  /** Tries to obtain the relay's port in `doc`; whatever it gets, it floods with forged messages. */
  function grabPort(doc, victim) {
    let port = null
    const take = (event) => {
      if (event.ports && event.ports[0]) {
        port = event.ports[0]
        event.preventDefault()
      }
    }
    doc.addEventListener(RELAY_PORT_EVENT, take, true)
    doc.dispatchEvent(new Event(HOOK_READY_EVENT))
    doc.dispatchEvent(new Event(HOOK_READY_EVENT))
    doc.removeEventListener(RELAY_PORT_EVENT, take, true)
    if (port) for (const message of forgedMessages(victim, 'port')) port.postMessage(message)
    return port !== null
  }

  /** Offers the hook a port of ours, to read its reports of this page's real requests. */
  function hijackHook(doc) {
    const channel = new MessageChannel()
    const heard = []
    channel.port1.onmessage = (event) => heard.push(event.data)
    const taken = !doc.dispatchEvent(new MessageEvent(RELAY_PORT_EVENT, { ports: [channel.port2], cancelable: true }))
    return { taken, heard }
  }

  let hijack = null

  window.forger = {
    /** Runs every attack once, `flood` forged and garbage messages per channel; returns what got through to the page. */
    attack(victim, flood) {
      hijack = hijackHook(document)
      const frame = document.createElement('iframe')
      document.body.append(frame)
      const portInMain = grabPort(document, victim)
      const portInFrame = grabPort(frame.contentDocument, victim)
      const frameHijack = hijackHook(frame.contentDocument)
      for (let i = 0; i < flood; i++) {
        const forged = forgedMessages(victim, i)
        const junk = garbage(i)
        const message = i % 2 === 0 ? forged[i % forged.length] : junk[i % junk.length]
        dispatchDetail(document, JSON.stringify(message))
        dispatchDetail(frame.contentDocument, JSON.stringify(message))
        window.postMessage({ type: 'hook', message }, '*')
        if (i % 1000 === 0) dispatchDetail(document, 'x'.repeat(5 * 1024 * 1024))
      }
      // A message too large for any bound, and one the relay would have to parse.
      dispatchDetail(document, `{"kind":"request","id":"huge","via":"fetch","url":"${mediaUrl('play', 'huge')}","method":"POST","body":{"text":"${'y'.repeat(20 * 1024 * 1024)}"},"time":1}`)
      return { portInMain, portInFrame, hookTaken: hijack.taken || frameHijack.taken }
    },
    /** One real Media Edge request from this page; resolves with its status. */
    async realRequest() {
      const body = JSON.stringify({ events: [{ xdm: { eventType: 'media.sessionStart', timestamp: new Date().toISOString(), mediaCollection: { playhead: 0, sessionDetails: { name: 'Hostile video', contentType: 'VOD', length: 10, channel: 'e2e', playerName: 'hostile', streamType: 'video' } } } }] })
      const response = await fetch(mediaUrl('sessionStart', 'hostile'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
      await response.text()
      return response.status
    },
    /** How many of the hook's reports the hijack port received (none, if the hook's channel is private). */
    heard: () => (hijack ? hijack.heard.length : 0),
    polluted: () => ({}).polluted === true,
  }
})()
