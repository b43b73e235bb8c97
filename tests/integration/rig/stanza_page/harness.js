// StanzaJS (npm `stanza`) in a Chromium page: an XMPP user over RFC 7395 WebSocket with its Jingle
// session manager (XEP-0166/0167/0176/0320, real WebRTC), driven by rig/stanza_browser.mjs through
// window.rig. Everything the page sees goes back to Node through window.rigEmit(kind, data).
import * as XMPP from 'stanza';

const calls = new Map();  // sid -> { session, pc, channel, stream }
let client = null;

const emit = (kind, data) => { window.rigEmit(kind, data); };

function entry(sid) {
  if (!calls.has(sid)) calls.set(sid, {});
  return calls.get(sid);
}

function known(sid) {
  const c = calls.get(sid);
  if (!c || !c.session) throw new Error(`no Jingle session ${sid}`);
  return c;
}

function watchChannel(sid, channel) {
  entry(sid).channel = channel;
  channel.onopen = () => emit('jingle', { event: 'datachannel', sid, value: 'open', label: channel.label });
  channel.onclose = () => emit('jingle', { event: 'datachannel', sid, value: 'closed', label: channel.label });
  channel.onmessage = (e) => emit('data', { sid, text: String(e.data) });
}

// Every session's RTCPeerConnection passes here, the incoming ones included: we keep it by sid and
// watch for the data channel the caller opens.
function createPeerConnection(session, config) {
  const pc = new RTCPeerConnection(config);
  entry(session.sid).pc = pc;
  pc.ondatachannel = (e) => watchChannel(session.sid, e.channel);
  pc.addEventListener('connectionstatechange', () =>
    emit('jingle', { event: 'pc', sid: session.sid, value: pc.connectionState }));
  return pc;
}

// Chromium's fake devices (--use-fake-device-for-media-stream): a beep and a test pattern.
async function localMedia({ audio = true, video = true }) {
  if (!audio && !video) return undefined;
  return navigator.mediaDevices.getUserMedia({ audio, video: video ? { width: 320, height: 240 } : false });
}

// Jingle reasons and errors as plain data (they cross to Node as JSON).
const plain = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

const JINGLE_EVENTS = ['outgoing', 'incoming', 'accepted', 'terminated', 'ringing', 'mute', 'unmute', 'hold', 'resumed'];

function wire(c) {
  c.on('raw:incoming', (xml) => emit('stanza', xml));
  for (const event of JINGLE_EVENTS) {
    c.on(`jingle:${event}`, (session, data) => {
      entry(session.sid).session = session;
      emit('jingle', { event, sid: session.sid, peer: session.peerID, data: plain(data) });
    });
  }
  c.jingle.on('connectionState', (session, value) => emit('jingle', { event: 'connectionState', sid: session.sid, value }));
  c.jingle.on('sessionState', (session, value) => emit('jingle', { event: 'sessionState', sid: session.sid, value }));
  c.jingle.on('log:error', (message, ...data) => emit('log', { message, data: plain(data.map(String)) }));
  c.on('disconnected', () => emit('disconnected', {}));
}

async function waitOpen(channel, timeoutMs) {
  if (channel.readyState === 'open') return;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`data channel not open after ${timeoutMs} ms`)), timeoutMs);
    channel.addEventListener('open', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

async function stats(sid) {
  const { pc } = known(sid);
  const out = { audio: 0, video: 0, framesDecoded: 0, dataMessagesReceived: 0, pair: null,
    state: pc.connectionState };
  const report = await pc.getStats();
  let pairId;
  report.forEach((r) => {
    if (r.type === 'inbound-rtp' && (r.kind === 'audio' || r.kind === 'video')) {
      out[r.kind] += r.bytesReceived || 0;
      out.framesDecoded += r.framesDecoded || 0;
    }
    if (r.type === 'data-channel') out.dataMessagesReceived += r.messagesReceived || 0;
    if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId;
  });
  const pair = pairId && report.get(pairId);
  if (pair) {
    const side = (id) => { const c = report.get(id); return c && { type: c.candidateType, address: c.address, port: c.port }; };
    out.pair = { local: side(pair.localCandidateId), remote: side(pair.remoteCandidateId) };
  }
  return out;
}

window.rig = {
  async login({ jid, password, wsUrl, resource, iceServers, iceTransportPolicy, presence }) {
    client = XMPP.createClient({ jid, password, resource, transports: { websocket: wsUrl, bosh: false },
      jingle: { iceServers, iceTransportPolicy, createPeerConnection } });
    wire(client);
    await new Promise((resolve, reject) => {
      client.once('session:started', resolve);
      client.once('disconnected', () => reject(new Error(`${jid}: disconnected before the session started`)));
      client.connect();
    });
    if (presence) client.sendPresence();
    return client.jid;
  },

  async sendRaw(xml) {
    await new Promise((resolve, reject) => client.transport.write(xml, 'utf8', (e) => (e ? reject(e) : resolve())));
  },

  async call(peer, opts) {
    const stream = await localMedia(opts);
    const session = client.jingle.createMediaSession(peer, undefined, stream);
    Object.assign(entry(session.sid), { session, stream });
    if (opts.data) watchChannel(session.sid, session.pc.createDataChannel(opts.data));
    await session.start();
    return session.sid;
  },

  async accept(sid, opts) {
    const c = known(sid);
    c.stream = await localMedia(opts);
    if (c.stream) await Promise.all(c.stream.getTracks().map((t) => c.session.addTrack(t, c.stream)));
    await c.session.accept();
  },

  hangup(sid, reason) { known(sid).session.end(reason); },

  // Any other MediaSession method (ring, mute, unmute, hold, resume, restartIce, ...).
  async invoke(sid, method, args) { await known(sid).session[method](...args); },

  // The callee's channel appears with the caller's first message or its open: wait for it.
  async sendData(sid, text, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (!known(sid).channel) {
      if (Date.now() > deadline) throw new Error(`session ${sid} has no data channel after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitOpen(known(sid).channel, Math.max(0, deadline - Date.now()));
    known(sid).channel.send(text);
  },

  stats,

  async disconnect() { if (client) await client.disconnect(); },
};
