// Helpers of the bridge tests for a web user: the gateway's own JS client (component/web/client/
// jinglegate.js) in a headless Chromium page, with what the tests assert on kept in window.t.
import assert from 'node:assert/strict';
import { newPage } from './rig/browser.mjs';

// Enough bytes for a few hundred ms of Chromium's fake beep and test pattern, not RTCP alone.
export const MEDIA = { audio: 2000, video: 10000, timeoutMs: 20000 };

// Opens the gateway's page in `browser` and logs in as web user `sub` with relay-only ICE; an
// incoming call is answered with fake audio+video (window.t.call). Resolves with { page, jid }.
export async function webUser(browser, gw, sub) {
  const page = await newPage(browser, `${gw.url}/index.html`, `${sub}-web`);
  const jid = await page.evaluate(async (token) => {
    const { connect } = await import('/jinglegate.js');
    const t = window.t = { got: [], ended: null, errors: [], infos: [] };
    t.gw = await connect(`ws://${location.host}/ws`, token, { rtcConfig: { iceTransportPolicy: 'relay' } });
    t.gw.on('error', (m) => t.errors.push(m));
    t.gw.on('incoming', async (call) => {
      t.call = call;
      t.incomingFrom = call.peer;
      t.ended = null;
      call.on('datachannel', (ch) => { t.channel = ch; ch.onmessage = (ev) => t.got.push(ev.data); });
      call.on('ended', (e) => { t.ended = e; });
      call.on('info', (m) => t.infos.push(m));
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      call.accept({ stream });
    });
    return t.gw.jid;
  }, gw.token(sub));
  return { page, jid, gw };
}

// Places a call from the page to `to` with fake audio+video and a data channel.
export function webCall(page, to) {
  return page.evaluate(async (to) => {
    const t = window.t;
    t.ended = null;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    t.call = await t.gw.call(to, { audio: true, video: true, data: true, stream });
    t.call.on('ended', (e) => { t.ended = e; });
    t.call.on('info', (m) => t.infos.push(m));
    t.channel = t.call.dataChannel;
    t.call.dataChannel.onmessage = (ev) => t.got.push(ev.data);
  }, to);
}

export async function until(page, fn, what, timeout = 20000, arg = null) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}: ${e.message}`);
  }
}

// Inbound audio+video bytes of the page's call and the selected local candidate type.
export function webStats(page) {
  return page.evaluate(async () => {
    const stats = await window.t.call.pc.getStats();
    const out = { audio: 0, video: 0, local: null };
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp') out[s.kind] += s.bytesReceived ?? 0;
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        const pair = stats.get(s.selectedCandidatePairId);
        out.local = stats.get(pair.localCandidateId)?.candidateType ?? null;
      }
    });
    return out;
  });
}

// Polled from Node: page.waitForFunction takes an async predicate's Promise as truthy at once.
export async function webMedia(page, { audio, video, timeoutMs = 20000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await webStats(page);
    if (s.audio >= audio && s.video >= video) return s;
    if (Date.now() > deadline) throw new Error(`web media below ${audio}/${video} bytes: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Sends `text` on the page's data channel once it is open.
export async function webSend(page, text) {
  await until(page, () => window.t.channel?.readyState === 'open', 'the data channel');
  await page.evaluate((text) => window.t.channel.send(text), text);
}

export async function webGot(page, text, timeout = 20000) {
  await page.waitForFunction((x) => window.t.got.includes(x), text, { timeout, polling: 100 });
}

// Relayed audio and video both ways, and a data-channel message each way.
export async function assertFlowing(t, web, xuser, sid) {
  const w = await webMedia(web.page, MEDIA);
  const x = await xuser.waitForMedia(sid, MEDIA);
  t.diagnostic(`bytes received: web audio ${w.audio} video ${w.video}; StanzaJS audio ${x.audio} video ${x.video}`);
  assert.equal(w.local, 'relay');
  assert.equal(x.pair.local.type, 'relay');
  assert.ok(x.framesDecoded > 0, 'StanzaJS decoded video frames');
  await webSend(web.page, 'ping from web');
  assert.equal(await xuser.nextData(sid), 'ping from web');
  await xuser.sendData(sid, 'pong from stanza');
  await webGot(web.page, 'pong from stanza');
}

