// A minimal GameSparks JS client (handshake as in gamesparks.js) and VideoSDK REST calls, driven by the tests.
;(() => {
  let socket = null
  let counter = 0
  const pending = new Map()

  async function hmac(nonce, secret) {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(nonce)))
    return btoa(String.fromCharCode(...signature))
  }

  window.game = {
    /** Connects and completes the handshake; resolves with the session ID. */
    connect(secret) {
      return new Promise((resolve, reject) => {
        socket = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/device/exampleKey12`)
        socket.onerror = () => reject(new Error('socket error'))
        socket.onmessage = async (event) => {
          const message = JSON.parse(event.data)
          if (message['@class'] === '.AuthenticatedConnectResponse' && message.nonce) {
            socket.send(JSON.stringify({ '@class': '.AuthenticatedConnectRequest', hmac: await hmac(message.nonce, secret), platform: 'Chrome', os: 'Linux' }))
          } else if (message['@class'] === '.AuthenticatedConnectResponse' && message.sessionId) {
            resolve(message.sessionId)
          } else if (message.requestId && pending.has(message.requestId)) {
            pending.get(message.requestId)(message)
            pending.delete(message.requestId)
          }
        }
      })
    },
    /** Sends a request and resolves with its response (the SDK adds the leading dot and the requestId). */
    request(type, fields = {}) {
      const requestId = `${Date.now()}_${++counter}`
      return new Promise((resolve) => {
        pending.set(requestId, resolve)
        socket.send(JSON.stringify({ '@class': `.${type}`, requestId, ...fields }))
      })
    },
    keepAlive() {
      socket.send(' ')
    },
  }

  window.call = {
    async endSession(token, { prefix = '' } = {}) {
      const response = await fetch('/v2/sessions/end', {
        method: 'POST',
        headers: { Authorization: `${prefix}${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ roomId: 'abcd-efgh-lmno', sessionId: '62429766903bdf001299cac5' }),
      })
      return response.status
    },
  }
})()
