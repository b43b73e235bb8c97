// jinglegate.js: browser client of the jinglegate signaling protocol (docs/protocol.md).
// A plain ES module, no build step. WebRTC with trickle ICE; ICE servers come from `welcome` (and
// fresh ones from `ice-servers` before they expire) unless the caller's RTCConfiguration names its own.
//
//   import { connect } from '/jinglegate.js';
//   const gw = await connect('wss://gw.example.org/ws', token);
//   gw.on('incoming', call => call.accept({ stream }));   // { stream, video: false }: audio only
//   const call = await gw.call('bob@call.example.org', { audio: true, video: true, data: true });
//   call.on('track', ev => video.srcObject = ev.streams[0]);
//   call.hangup();
//   gw.on('shutdown', m => …);   // the gateway is going away: reconnect later

const SUBPROTOCOL = 'jinglegate.v1';

class Emitter {
  #handlers = new Map();
  on(name, fn) {
    if (!this.#handlers.has(name)) this.#handlers.set(name, new Set());
    this.#handlers.get(name).add(fn);
    return () => this.#handlers.get(name).delete(fn);
  }
  emit(name, ...args) {
    for (const fn of this.#handlers.get(name) ?? []) {
      try { fn(...args); } catch (e) { console.error('jinglegate handler', name, e); }
    }
  }
}

let sessionCounter = 0;
function newSessionId() {
  const rnd = crypto.getRandomValues(new Uint32Array(2));
  return `s${Date.now().toString(36)}-${(++sessionCounter).toString(36)}-${rnd[0].toString(36)}${rnd[1].toString(36)}`;
}

// One call: the RTCPeerConnection and the messages of its session.
export class Call extends Emitter {
  constructor(gateway, { session, peer, media, incoming }) {
    super();
    this.gateway = gateway;
    this.session = session;
    this.peer = peer;              // the other party's JID (full once known)
    this.media = media;            // {audio, video, data}
    this.incoming = incoming;
    this.state = incoming ? 'ringing' : 'calling';  // -> active -> ended
    this.pc = null;
    this.dataChannel = null;
    this.localStream = null;
    this.endReason = null;
    this.pendingCandidates = [];   // remote candidates that arrived before the remote description
    this.declined = new Set();     // media kinds the callee declined (accept)
    this.peerInfo = null;          // {client, iceRestart} of a bridged call's XMPP peer (offer/answer `peer`)
  }

  // Callee: take the call. The gateway then delivers the caller's offer. `audio`/`video` false
  // declines that medium of the offer (e.g. answering a video call with audio only): its
  // transceivers are stopped before the answer, which the gateway carries to the peer as the
  // content declined (senders='none'), not as a failed call.
  accept({ stream = null, audio = true, video = true } = {}) {
    if (this.state !== 'ringing') throw new Error(`cannot accept a call in state ${this.state}`);
    this.localStream = stream;
    this.declined = new Set([!audio && 'audio', !video && 'video'].filter(Boolean));
    this.state = 'accepting';
    this.gateway.send({ type: 'accept', session: this.session });
  }

  reject(reason = 'decline') {
    if (this.state !== 'ringing') return;
    this.gateway.send({ type: 'reject', session: this.session, reason });
    this.end(reason, false);
  }

  ringing() { this.gateway.send({ type: 'ringing', session: this.session }); }

  // XEP-0167 session-info: 'mute' | 'unmute' (of one m= section, `mid`, or all), 'hold' | 'unhold' | 'active'.
  info(info, mid = undefined) {
    this.gateway.send({ type: 'info', session: this.session, info, ...(mid !== undefined ? { mid } : {}) });
  }

  // A new offer within the call (after adding or stopping a track, or to restart ICE). An ICE
  // restart the peer cannot take is refused here, before the connection is touched: rolling back
  // a refused restart costs Chromium its transport when it answered the call.
  async renegotiate({ iceRestart = false } = {}) {
    if (iceRestart && this.peerInfo?.iceRestart === false) throw new Error(`${this.peerInfo.client} does not restart ICE`);
    const pc = this.pc;
    await pc.setLocalDescription(await pc.createOffer({ iceRestart }));
    this.gateway.send({ type: 'offer', session: this.session, to: this.peer, sdp: pc.localDescription.sdp });
  }

  hangup(reason = 'success') {
    if (this.state === 'ended') return;
    this.gateway.send({ type: 'hangup', session: this.session, reason });
    this.end(reason, false);
  }

  end(reason, remote) {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.endReason = reason;
    this.pc?.close();
    this.gateway.calls.delete(this.session);
    this.emit('ended', { reason, remote });
  }

  // `remoteSdp`: the peer's offer, when it comes first. An offer without BUNDLE (Dino and other
  // peers without XEP-0338 run one ICE stream per content) cannot be answered under
  // 'max-bundle': this call gathers per m= line ('balanced') whatever the app configured.
  makePeerConnection(remoteSdp) {
    const config = { ...this.gateway.rtcConfig };
    if (!config.iceServers) config.iceServers = this.gateway.iceServers;
    if (remoteSdp && config.bundlePolicy === 'max-bundle' && !/\r?\na=group:BUNDLE /.test(remoteSdp)) config.bundlePolicy = 'balanced';
    const pc = new RTCPeerConnection(config);
    this.pc = pc;
    pc.onicecandidate = ev => {
      if (this.state === 'ended') return;
      // null = end of candidates; RTCIceCandidate.toJSON() gives the RTCIceCandidateInit.
      this.gateway.send({ type: 'candidate', session: this.session, candidate: ev.candidate ? ev.candidate.toJSON() : null });
    };
    pc.ontrack = ev => this.emit('track', ev);
    pc.ondatachannel = ev => { this.dataChannel = ev.channel; this.emit('datachannel', ev.channel); };
    pc.onconnectionstatechange = () => {
      this.emit('connectionstate', pc.connectionState);
      if (pc.connectionState === 'failed') this.hangup('connectivity-error');
    };
    if (this.localStream) for (const t of this.localStream.getTracks()) pc.addTrack(t, this.localStream);
    return pc;
  }

  async start(to) {
    const pc = this.makePeerConnection();
    if (this.media.data) {
      this.dataChannel = pc.createDataChannel('data');
      this.emit('datachannel', this.dataChannel);
    }
    // With no local stream, still ask to receive what the call carries.
    if (!this.localStream) {
      if (this.media.audio) pc.addTransceiver('audio', { direction: 'recvonly' });
      if (this.media.video) pc.addTransceiver('video', { direction: 'recvonly' });
    }
    await pc.setLocalDescription(await pc.createOffer());
    this.gateway.send({ type: 'offer', session: this.session, to, sdp: pc.localDescription.sdp, media: this.media });
  }

  // A description the browser cannot apply ends a call still being set up, and the other side
  // hears why, rather than leaving it in "connecting"; in an active call it is a warning (a
  // renegotiation the gateway times out).
  async onMessage(m) {
    try {
      return await this.handle(m);
    } catch (e) {
      this.emit('warning', e);
      if (this.state !== 'active' && (m.type === 'offer' || m.type === 'answer')) this.hangup('incompatible-parameters');
    }
  }

  async handle(m) {
    switch (m.type) {
      case 'offer': return this.onOffer(m);
      case 'answer':
        this.peer = m.from;
        if (m.peer) this.peerInfo = m.peer;
        await this.pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
        this.state = 'active';
        this.emit('answered', m);
        return this.flushCandidates();
      case 'candidate':
        if (!this.pc || !this.pc.remoteDescription) return void this.pendingCandidates.push(m.candidate);
        return this.addCandidate(m.candidate);
      case 'ringing': return this.emit('ringing', m);
      case 'info': return this.emit('info', m);
      case 'hangup': return this.end(m.reason, true);
    }
  }

  // The gateway refused our offer (e.g. the peer declined a renegotiation): back to the last
  // agreed description.
  async onError(m) {
    this.emit('error', m);
    if (this.pc && this.pc.signalingState === 'have-local-offer' && this.state === 'active') {
      try { await this.pc.setLocalDescription({ type: 'rollback' }); } catch (e) { this.emit('warning', e); }
    }
  }

  async onOffer(m) {
    this.peer = m.from;
    if (m.peer) this.peerInfo = m.peer;
    // A re-offer reuses the connection; one crossing ours rolls ours back implicitly (JSEP §5.7).
    const first = !this.pc;
    const pc = this.pc ?? this.makePeerConnection(m.sdp);
    await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
    if (first && this.declined?.size) {
      for (const tr of pc.getTransceivers()) if (this.declined.has(tr.receiver.track.kind)) tr.stop();
    }
    await pc.setLocalDescription(await pc.createAnswer());
    this.gateway.send({ type: 'answer', session: this.session, sdp: pc.localDescription.sdp });
    this.state = 'active';
    await this.flushCandidates();
  }

  async flushCandidates() {
    const queued = this.pendingCandidates.splice(0);
    for (const c of queued) await this.addCandidate(c);
  }

  async addCandidate(c) {
    try {
      await this.pc.addIceCandidate(c ?? undefined);  // undefined = end of candidates
    } catch (e) {
      this.emit('warning', e);
    }
  }
}

// RTCIceServer has no `expires`: the gateway renews credentials itself (`ice-servers`).
function stripExpires(servers) {
  return (servers ?? []).map(({ expires, ...server }) => server);
}

export class Gateway extends Emitter {
  constructor(ws, { rtcConfig = {} } = {}) {
    super();
    this.ws = ws;
    this.rtcConfig = rtcConfig;   // e.g. { iceTransportPolicy: 'relay' }; iceServers here win over welcome's
    this.jid = null;
    this.iceServers = [];
    this.limits = {};
    this.calls = new Map();       // session -> Call
    this.nextId = 1;
    this.pending = new Map();     // id -> message, for errors
    ws.onmessage = ev => this.onMessage(JSON.parse(ev.data));
    this.shutdownMessage = null;  // set when the gateway said it is going away
    ws.onclose = ev => {
      for (const call of [...this.calls.values()]) call.end('gone', true);
      this.emit('close', { code: ev.code, reason: ev.reason });
    };
  }

  send(message) {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ ...message, id }));
    return id;
  }

  // Caller: place a call. `to` is a bare JID (rings every connection) or a full JID.
  async call(to, { audio = true, video = false, data = false, stream = null } = {}) {
    const media = { audio, video, data };
    const call = new Call(this, { session: newSessionId(), peer: to, media, incoming: false });
    call.localStream = stream ?? ((audio || video) ? await navigator.mediaDevices.getUserMedia({ audio, video }) : null);
    this.calls.set(call.session, call);
    await call.start(to);
    return call;
  }

  close() { this.ws.close(1000); }

  // Calls in progress take renewed credentials for their next ICE gathering (an ICE restart);
  // a call whose RTCConfiguration names its own servers keeps them.
  updateCallsIceServers() {
    if (this.rtcConfig.iceServers) return;
    for (const call of this.calls.values()) {
      if (!call.pc || call.pc.signalingState === 'closed') continue;
      try {
        call.pc.setConfiguration({ ...call.pc.getConfiguration(), iceServers: this.iceServers });
      } catch (e) {
        call.emit('warning', e);
      }
    }
  }

  async onMessage(m) {
    switch (m.type) {
      case 'welcome':
        this.jid = m.jid;
        this.iceServers = stripExpires(m.iceServers);
        this.limits = m.limits ?? {};
        return this.emit('welcome', m);
      case 'ice-servers':
        this.iceServers = stripExpires(m.iceServers);
        this.updateCallsIceServers();
        return this.emit('iceservers', this.iceServers);
      case 'shutdown':
        this.shutdownMessage = m.message;
        return this.emit('shutdown', m);
      case 'incoming': {
        const call = new Call(this, { session: m.session, peer: m.from, media: m.media, incoming: true });
        this.calls.set(m.session, call);
        return this.emit('incoming', call);
      }
      case 'error': {
        const call = m.session && this.calls.get(m.session);
        if (call) await call.onError(m);
        return this.emit('error', m);
      }
      default: {
        // Messages of no call (presence, roster, directory…) are events of their own type.
        if (m.session === undefined) return this.emit(m.type, m);
        const call = this.calls.get(m.session);
        if (call) await call.onMessage(m);
      }
    }
  }
}

// Opens the WebSocket and resolves with a Gateway once `welcome` arrived.
// tokenIn: 'subprotocol' (default), 'message' (first message) or 'query' (leaks into logs).
export function connect(url, token, { rtcConfig = {}, tokenIn = 'subprotocol', resource = '' } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url, location.href);
    if (resource) u.searchParams.set('resource', resource);
    if (tokenIn === 'query') u.searchParams.set('token', token);
    const protocols = tokenIn === 'subprotocol' ? [SUBPROTOCOL, `jwt.${token}`] : [SUBPROTOCOL];
    const ws = new WebSocket(u.href, protocols);
    const gw = new Gateway(ws, { rtcConfig });
    let welcomed = false;
    gw.on('welcome', () => { welcomed = true; resolve(gw); });
    gw.on('error', m => { if (!welcomed) reject(Object.assign(new Error(m.message), { code: m.code })); });
    gw.on('close', ev => { if (!welcomed) reject(Object.assign(new Error(`closed ${ev.code} ${ev.reason}`), ev)); });
    if (tokenIn === 'message') ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
  });
}
