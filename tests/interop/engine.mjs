// The peer engine of the interop suite: a real Chromium RTCPeerConnection (relay-only ICE through
// the rig's coturn) that provides what a scripted client's templates leave open (ICE credentials,
// DTLS fingerprint, candidates, SSRCs, payloads), so media really flows to the web user.
import { newPage } from '../integration/rig/browser.mjs';

// Installed in the page: one call at a time, candidates gathered to completion before the SDP
// is handed out (the forms decide whether they go inline or trickled).
function install() {
  const gathered = (pc) => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const timer = setTimeout(resolve, 8000);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') { clearTimeout(timer); resolve(); }
    });
  });
  const e = window.eng = { pc: null, pending: [], errors: [] };
  // Candidates trickled before the remote description wait in e.pending (kept across reset: an
  // answerer's may arrive before the offer is applied).
  e.reset = async (config, { audio, video }) => {
    e.pc?.close();
    e.errors = [];
    e.pc = new RTCPeerConnection(config);
    e.pc.ontrack = () => {};
    if (audio || video) {
      e.stream = await navigator.mediaDevices.getUserMedia({ audio: !!audio, video: !!video });
      for (const t of e.stream.getTracks()) e.pc.addTrack(t, e.stream);
    }
  };
  e.offer = async (config, media) => {
    e.pending = [];
    await e.reset(config, media);
    await e.pc.setLocalDescription(await e.pc.createOffer());
    await gathered(e.pc);
    return e.pc.localDescription.sdp;
  };
  e.answer = async (config, media, sdp) => {
    await e.reset(config, media);
    await e.pc.setRemoteDescription({ type: 'offer', sdp });
    await e.pc.setLocalDescription(await e.pc.createAnswer());
    await e.flush();
    await gathered(e.pc);
    return e.pc.localDescription.sdp;
  };
  e.accept = async (sdp) => { await e.pc.setRemoteDescription({ type: 'answer', sdp }); await e.flush(); };
  // Within the call: a new offer of ours (a video track added, or an ICE restart) ...
  e.reoffer = async ({ addVideo = false, iceRestart = false }) => {
    if (addVideo) {
      const s = await navigator.mediaDevices.getUserMedia({ video: true });
      e.pc.addTrack(s.getVideoTracks()[0], e.stream);
    }
    await e.pc.setLocalDescription(await e.pc.createOffer({ iceRestart }));
    // A new transport (an unbundled m= line, an ICE restart) starts gathering after the state
    // still says 'complete' from the first offer: give it a moment to switch.
    await new Promise((r) => setTimeout(r, 200));
    await gathered(e.pc);
    return e.pc.localDescription.sdp;
  };
  // ... or the answer to the peer's new offer; a video m= section we do not send on yet gets a
  // camera when `addVideo`.
  e.reanswer = async (sdp, { addVideo = false }) => {
    await e.pc.setRemoteDescription({ type: 'offer', sdp });
    if (addVideo) {
      for (const tr of e.pc.getTransceivers()) {
        if (tr.receiver.track.kind !== 'video' || tr.sender.track) continue;
        const s = await navigator.mediaDevices.getUserMedia({ video: true });
        await tr.sender.replaceTrack(s.getVideoTracks()[0]);
        tr.direction = 'sendrecv';
      }
    }
    await e.pc.setLocalDescription(await e.pc.createAnswer());
    await e.flush();
    await gathered(e.pc);
    return e.pc.localDescription.sdp;
  };
  e.remoteSdp = () => e.pc?.remoteDescription?.sdp ?? null;
  e.flush = async () => { for (const c of e.pending.splice(0)) await e.add(c); };
  e.add = async (c) => {
    if (!e.pc?.remoteDescription) return void e.pending.push(c);
    try { await e.pc.addIceCandidate(c); } catch (err) { e.errors.push(`${c.candidate}: ${err.message}`); }
  };
  e.stats = async () => {
    const out = { audio: 0, video: 0, state: e.pc?.connectionState ?? 'none', errors: e.errors };
    if (!e.pc) return out;
    (await e.pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp') out[s.kind] += s.bytesReceived ?? 0; });
    return out;
  };
  e.close = () => { e.pc?.close(); e.pc = null; e.pending = []; };
}

export class Engine {
  // `url`: any loopback page (a secure context for getUserMedia), e.g. the gateway's index.html.
  static async open(browser, url, name, turn) {
    const e = new Engine();
    e.name = name;
    e.page = await newPage(browser, url, name);
    e.turn = turn;
    await e.page.evaluate(install);
    return e;
  }

  config(bundlePolicy) {
    return { iceServers: [this.turn.iceServer(this.name)], iceTransportPolicy: 'relay', bundlePolicy };
  }

  offer(media, { bundlePolicy = 'balanced' } = {}) {
    return this.page.evaluate(([c, m]) => window.eng.offer(c, m), [this.config(bundlePolicy), media]);
  }

  answer(sdp, media, { bundlePolicy = 'balanced' } = {}) {
    return this.page.evaluate(([c, m, s]) => window.eng.answer(c, m, s), [this.config(bundlePolicy), media, sdp]);
  }

  accept(sdp) { return this.page.evaluate((s) => window.eng.accept(s), sdp); }

  reoffer(o = {}) { return this.page.evaluate((x) => window.eng.reoffer(x), o); }

  reanswer(sdp, o = {}) { return this.page.evaluate(([s, x]) => window.eng.reanswer(s, x), [sdp, o]); }

  remoteSdp() { return this.page.evaluate(() => window.eng.remoteSdp()); }

  // `line`: "candidate:..." for the m= section `mid`.
  addCandidate(mid, line) { return this.page.evaluate((c) => window.eng.add(c), { candidate: line, sdpMid: mid }); }

  stats() { return this.page.evaluate(() => window.eng.stats()); }

  close() { return this.page.evaluate(() => window.eng.close()); }

  async waitForMedia({ audio = 0, video = 0, timeoutMs = 20000 }) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.stats();
      if (s.audio >= audio && s.video >= video) return s;
      if (Date.now() > deadline) throw new Error(`${this.name}: media below ${audio}/${video} bytes: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
