// The bridge end to end on one domain: a web user (the gateway's own JS client in headless
// Chromium, logged in to call.a.test) and an XMPP user (StanzaJS in headless Chromium on a.test)
// call each other with real WebRTC relayed by coturn on 127.0.0.1: audio, video and a data
// channel flow both ways, and a hangup on either side ends both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSingleDomain } from './rig/federation.mjs';
import { startCoturn } from './rig/coturn.mjs';
import { StanzaBrowser } from './rig/stanza_browser.mjs';
import { newPage } from './rig/browser.mjs';

const MEDIA = { audio: 2000, video: 10000, timeoutMs: 20000 };

let fed, turn, sb, gw, carol, web, webJid;

before(async () => {
  turn = await startCoturn();
  fed = await startSingleDomain({ gateways: { turn } });
  gw = fed.gateway('a.test');
  sb = await StanzaBrowser.launch({ turn });
  carol = await sb.login({ server: fed.server('a.test'), user: 'carol' });
  web = await newPage(sb.browser, `${gw.url}/index.html`, 'alice-web');
  webJid = await web.evaluate(async (token) => {
    const { connect } = await import('/jinglegate.js');
    const t = window.t = { got: [], ended: null, errors: [], calls: 0 };
    t.gw = await connect(`ws://${location.host}/ws`, token, { rtcConfig: { iceTransportPolicy: 'relay' } });
    t.gw.on('error', (m) => t.errors.push(m));
    return t.gw.jid;
  }, gw.token('alice'));
});

after(async () => {
  await sb?.close();
  const exits = fed ? await Promise.all(Object.values(fed.gateways).map((g) => g.stop())) : [];
  await fed?.stop();
  await turn?.stop();
  for (const exit of exits) if (exit) assert.equal(exit.code, 0, `jinglegate exited with ${JSON.stringify(exit)}`);
});

async function until(page, fn, what, timeout = 20000) {
  try {
    await page.waitForFunction(fn, null, { timeout, polling: 100 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}: ${e.message}\njinglegate log: ${gw.logFile}`);
  }
}

// Inbound audio+video bytes in the web page's call, and the selected local candidate type.
function webStats() {
  return web.evaluate(async () => {
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

async function assertFlowing(t, sid) {
  // Polled from Node: page.waitForFunction takes an async predicate's Promise as truthy at once.
  const deadline = Date.now() + MEDIA.timeoutMs;
  let w = await webStats();
  while (w.audio < MEDIA.audio || w.video < MEDIA.video) {
    if (Date.now() > deadline) throw new Error(`web user's media below ${MEDIA.audio}/${MEDIA.video}: ${JSON.stringify(w)}`);
    await new Promise((r) => setTimeout(r, 200));
    w = await webStats();
  }
  const b = await carol.waitForMedia(sid, MEDIA);
  t.diagnostic(`bytes received: web audio ${w.audio} video ${w.video}; StanzaJS audio ${b.audio} video ${b.video}`);
  assert.equal(w.local, 'relay');
  assert.equal(b.pair.local.type, 'relay');
  assert.ok(b.framesDecoded > 0, 'StanzaJS decoded video frames');
  await until(web, () => window.t.call.dataChannel?.readyState === 'open' || window.t.channel?.readyState === 'open',
    'the data channel at the web user');
  await web.evaluate(() => (window.t.call.dataChannel ?? window.t.channel).send('ping from web'));
  assert.equal(await carol.nextData(sid), 'ping from web');
  await carol.sendData(sid, 'pong from stanza');
  await until(web, () => window.t.got.includes('pong from stanza'), 'the data-channel message at the web user');
}

test('the web user calls a StanzaJS user (full JID, plain session-initiate): media and data both ways; the web hangup ends both', async (t) => {
  await web.evaluate(async (to) => {
    const t = window.t;
    t.ended = null;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    t.call = await t.gw.call(to, { audio: true, video: true, data: true, stream });
    t.call.on('ended', (e) => { t.ended = e; });
    t.call.dataChannel.onmessage = (ev) => t.got.push(ev.data);
  }, carol.jid);
  const { sid, peer } = await carol.incoming({ timeoutMs: 15000 });
  assert.equal(peer, webJid);
  await carol.accept(sid);
  await assertFlowing(t, sid);
  await web.evaluate(() => window.t.call.hangup());
  assert.equal((await carol.ended(sid)).condition, 'success');
  assert.deepEqual(await web.evaluate(() => window.t.ended), { reason: 'success', remote: false });
  assert.deepEqual(await web.evaluate(() => window.t.errors), []);
});

test('a StanzaJS user calls the web user (session-initiate without JMI): the web page rings, accepts, media flows; the XMPP hangup ends both', async (t) => {
  await web.evaluate(() => {
    const t = window.t;
    t.ended = null;
    t.got = [];
    t.gw.on('incoming', async (call) => {
      t.call = call;
      t.incomingFrom = call.peer;
      call.on('datachannel', (ch) => { t.channel = ch; ch.onmessage = (ev) => t.got.push(ev.data); });
      call.on('ended', (e) => { t.ended = e; });
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      call.accept({ stream });
    });
  });
  const sid = await carol.call(webJid);
  await carol.nextEvent({ event: 'accepted', sid }, 15000);
  assert.equal(await web.evaluate(() => window.t.incomingFrom), carol.jid);
  await assertFlowing(t, sid);
  await carol.hangup(sid, 'busy');
  assert.equal((await carol.ended(sid)).condition, 'busy');
  await until(web, () => window.t.ended !== null, 'the hangup at the web user');
  assert.deepEqual(await web.evaluate(() => window.t.ended), { reason: 'busy', remote: true });
});
