// A small client of ASP.NET Core SignalR's JSON hub protocol over one WebSocket, for the wargame pages. Served from this
// server like every other asset: no package, no CDN. It connects without negotiation (WebSockets only, which the server
// allows), sends the handshake, invokes hub methods and hands server events to handlers; the game cookie set on join
// travels with the WebSocket request, so the hub authorises the same way as the HTTP API.
'use strict';
window.BallastHub = (function () {
  const RS = '\u001e'; // record separator that ends every message of the JSON protocol
  const Invocation = 1, Completion = 3, Ping = 6, Close = 7;

  function connect(path) {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
    const handlers = {}, pending = {};
    let ws = null, nextId = 0, pinger = null, opened = null, closedByUs = false;
    const conn = {
      on(name, fn) { (handlers[name.toLowerCase()] = handlers[name.toLowerCase()] || []).push(fn); return conn; },
      onclose: null,
      invoke(target, ...args) {
        return opened.then(() => new Promise((resolve, reject) => {
          const id = String(nextId++);
          pending[id] = { resolve, reject };
          send({ type: Invocation, invocationId: id, target, arguments: args });
        }));
      },
      stop() { closedByUs = true; clearInterval(pinger); if (ws) ws.close(); },
    };
    function send(m) { ws.send(JSON.stringify(m) + RS); }
    function dispatch(m) {
      if (m.type === Invocation) (handlers[String(m.target).toLowerCase()] || []).forEach(fn => fn(...(m.arguments || [])));
      else if (m.type === Completion) {
        const p = pending[m.invocationId]; delete pending[m.invocationId];
        if (p) { if (m.error) p.reject(new Error(m.error)); else p.resolve(m.result); }
      } else if (m.type === Close) ws.close();
    }
    opened = new Promise((resolve, reject) => {
      let handshaken = false;
      ws = new WebSocket(url);
      ws.onopen = () => ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS);
      ws.onmessage = ev => {
        for (const frame of String(ev.data).split(RS)) {
          if (!frame) continue;
          const m = JSON.parse(frame);
          if (!handshaken) {
            handshaken = true;
            if (m.error) { reject(new Error(m.error)); ws.close(); return; }
            // The server drops a client it has not heard from in 30 s: keep-alive pings every 15 s.
            pinger = setInterval(() => { if (ws.readyState === WebSocket.OPEN) send({ type: Ping }); }, 15000);
            resolve();
            continue;
          }
          dispatch(m);
        }
      };
      ws.onerror = () => { if (!handshaken) reject(new Error('live updates: could not connect')); };
      ws.onclose = () => {
        clearInterval(pinger);
        Object.values(pending).forEach(p => p.reject(new Error('live updates: connection closed')));
        if (!closedByUs && conn.onclose) conn.onclose();
      };
    });
    conn.started = opened;
    return conn;
  }

  return { connect };
})();
