// The interop suite's harness: servers (Prosody per domain, coturn, a jinglegate per domain),
// one Chromium holding the web users (jinglegate's JS client) and the peer engines, scripted
// peers (peer.mjs) speaking a client's form, and the two call directions every client file runs.
import assert from 'node:assert/strict';
import { Federation, assertCleanExits } from '../integration/rig/federation.mjs';
import { startCoturn } from '../integration/rig/coturn.mjs';
import { launchBrowser } from '../integration/rig/browser.mjs';
import { attr } from '../integration/rig/xmpp.mjs';
import { webMedia, until } from '../integration/bridge_web.mjs';
import { openWeb, assertProfile, assertCounted } from './web.mjs';
import { Engine } from './engine.mjs';
import { Peer, nextId } from './peer.mjs';
import { parseSdp, jingleToSdp } from './sdp.mjs';
import { rtpMedia } from './forms.mjs';

export { until };
export const BYTES = { audio: 2000, video: 10000 };

// a.test (web user alice on call.a.test, client user carol) and b.test (client user bob).
export class World {
  static async start({ domains = ['a.test', 'b.test'] } = {}) {
    const w = new World();
    w.turn = await startCoturn();
    try {
      w.fed = await Federation.start({ domains, gateways: { turn: w.turn },
        users: { 'a.test': { alice: 'alice-pw', carol: 'carol-pw', erin: 'erin-pw' }, 'b.test': { bob: 'bob-pw' } } });
      w.browser = await launchBrowser();
      w.peers = [];
    } catch (e) { await w.stop(); throw e; }
    return w;
  }

  gateway(domain = 'a.test') { return this.fed.gateway(domain); }

  // A web user's tab; `opts`: openWeb's (autoAccept, tab).
  web(sub = 'alice', domain = 'a.test', opts = {}) { return openWeb(this.browser, this.gateway(domain), sub, opts); }

  // A scripted `form` client logged in as `user` on `domain`, with its own peer engine.
  async peer(form, user, domain, { resource } = {}) {
    const engine = await Engine.open(this.browser, `${this.gateway('a.test').url}/index.html`, `${form.name}-${user}${resource ?? ''}`, this.turn);
    const p = await Peer.start({ server: this.fed.server(domain), user, form, engine, resource });
    this.peers.push(p);
    return p;
  }

  // Stops everything; returns the gateways' exits for the caller to assert on.
  async stop() {
    for (const p of this.peers ?? []) p.close();
    await this.browser?.close();
    const exits = await this.fed?.stop();
    await this.turn?.stop();
    return exits;
  }
}

export async function stopWorld(world) {
  assertCleanExits(await world?.stop());
}

// Clears the web page's call state before a case.
export const resetWeb = (web) => web.page.evaluate(() => { Object.assign(window.t, { call: null, ended: null, errors: [], infos: [], incomingFrom: null, candidates: [], declineVideo: false }); });

// The web user calls `to` (a bare JID: jinglegate proposes to its devices) with fake media.
export function webDial(page, to, { audio = true, video = true } = {}) {
  return page.evaluate(async ([to, audio, video]) => {
    const t = window.t;
    const stream = await navigator.mediaDevices.getUserMedia({ audio, video });
    t.call = await t.gw.call(to, { audio, video, data: false, stream });
    t.call.on('ended', (e) => { t.ended = e; });
    t.call.on('info', (m) => t.infos.push(m));
    t.call.on('ringing', () => { t.rang = true; });
  }, [to, audio, video]);
}

// Content name -> ICE ufrag of a session-initiate/accept (a new one later is an ICE restart).
const ufrags = (jingle) => Object.fromEntries(jingle.getChildren('content').map((c) => [c.attributes.name, c.getChildren('transport')[0]?.attributes.ufrag]));
const mediaKinds = ({ audio, video }) => [audio && 'audio', video && 'video'].filter(Boolean);
const assertResult = (reply, what) => assert.equal(attr(reply, 'type'), 'result', `${what}: ${reply}`);

// web -> client. Jinglegate proposes (XEP-0353) or initiates; the client answers in its form from
// an SDP answer of its engine. Resolves with the session { sid, mids } once the client accepted.
// `o.to`: whom the web user dials (default the client's bare JID); `o.plain`: expect a plain
// session-initiate (no propose first); `o.proposeTo`: the JID the propose must be addressed to.
export async function callOut(peer, web, media = { audio: true, video: true }, o = {}) {
  const { form, engine } = peer;
  await resetWeb(web);
  await webDial(web.page, o.to ?? peer.bareJid, media);
  const session = { mids: {}, media: mediaKinds(media), weInitiated: false };
  let init;
  if (o.plain) {
    init = await peer.nextJingle('session-initiate', null);
    session.sid = init.sid;
    peer.sessions.set(session.sid, session);
  } else {
    const propose = await peer.nextMessage('propose', null, 15000);
    if (o.proposeTo) assert.equal(attr(propose, 'to'), o.proposeTo, `the propose's addressee: ${propose}`);
    session.sid = /<propose[^>]*\sid=['"]([^'"]+)['"]/.exec(propose)[1];
    session.caller = attr(propose, 'from');
    peer.sessions.set(session.sid, session);
    for (const x of form.answerPropose({ peer, propose, sid: session.sid, to: session.caller })) peer.send(x);
    init = await peer.nextJingle('session-initiate', session.sid);
  }
  session.initiate = init;
  session.remoteUfrags = ufrags(init.jingle);
  session.remote = init.from;
  for (const x of form.onInitiate?.({ peer, to: init.from, sid: session.sid }) ?? []) peer.send(x);
  const { sdp, error } = jingleToSdp(init.jingle, { ...form.view, weInitiated: false });
  assert.equal(error, undefined, `${form.name} could not read the session-initiate: ${error}\n${init.xml}`);
  const answer = parseSdp(await engine.answer(sdp, media, { bundlePolicy: form.bundlePolicy }));
  session.names = Object.fromEntries(rtpMedia(answer).map((m) => [m.mid, m.mid]));
  const ctx = { to: init.from, sid: session.sid, sdp: answer, offer: init.jingle, peer, session };
  assertResult(await peer.iq(form.accept({ ...ctx, id: nextId('acc') })), `${form.name} session-accept`);
  for (const ti of form.transportInfos(ctx)) assertResult(await peer.iq(ti), `${form.name} transport-info`);
  session.local = answer;
  peer.calls.push({ web, sid: session.sid });
  return session;
}

// client -> web. The client offers from its engine (after a JMI propose when the client uses
// XEP-0353), jinglegate rings the page, the page accepts, the client applies session-accept.
// `o.declineVideo`: the page accepts with accept({ video: false }) (its video transceiver stopped).
export async function callIn(peer, web, media = { audio: true, video: true }, o = {}) {
  const { form, engine } = peer;
  await resetWeb(web);
  if (o.declineVideo) await web.page.evaluate(() => { window.t.declineVideo = true; });
  const offer = parseSdp(await engine.offer(media, { bundlePolicy: form.bundlePolicy }));
  const session = { sid: form.sid ? form.sid() : nextId('s'), mids: {}, media: mediaKinds(media), weInitiated: true };
  for (const [i, m] of rtpMedia(offer).entries()) session.mids[form.contentName(m, i)] = m.mid;
  peer.sessions.set(session.sid, session);
  let to = web.jid;
  session.remote = to;
  if (form.jmi) {
    peer.send(form.propose({ peer, to: web.bareJid, sid: session.sid, media: session.media }));
    const proceed = await peer.nextMessage('proceed', session.sid, 15000);
    to = session.remote = attr(proceed, "from");
    for (const x of form.afterProceed?.({ peer, sid: session.sid, to }) ?? []) peer.send(x);
  }
  const ctx = { to, sid: session.sid, sdp: offer, peer, session };
  assertResult(await peer.iq(form.initiate({ ...ctx, id: nextId('ini') })), `${form.name} session-initiate`);
  for (const ti of form.transportInfos(ctx)) assertResult(await peer.iq(ti), `${form.name} transport-info`);
  const acc = await peer.nextJingle('session-accept', session.sid, 20000);
  const { sdp, error } = jingleToSdp(acc.jingle, { ...form.view, weInitiated: true, mids: session.mids });
  assert.equal(error, undefined, `${form.name} could not read the session-accept: ${error}\n${acc.xml}`);
  await engine.accept(sdp);
  session.accept = acc;
  session.remoteUfrags = ufrags(acc.jingle);
  session.local = offer;
  peer.calls.push({ web, sid: session.sid });
  return session;
}

// Media flows both ways: inbound-rtp bytes grow at the web page and at the client's engine.
export async function assertMedia(t, peer, web, session) {
  const want = { audio: session.media.includes('audio') ? BYTES.audio : 0, video: session.media.includes('video') ? BYTES.video : 0 };
  const w = await webMedia(web.page, { ...want, timeoutMs: 25000 });
  const e = await peer.engine.waitForMedia({ ...want, timeoutMs: 15000 });
  t.diagnostic(`bytes received: web audio ${w.audio} video ${w.video}; ${peer.form.name} audio ${e.audio} video ${e.video}`);
  assert.equal(w.local, 'relay');
  assert.deepEqual(e.errors, [], `${peer.form.name}'s engine could not add candidates jinglegate sent`);
  assert.deepEqual(peer.refusals, [], `${peer.form.name} refused what jinglegate sent`);
}

// The client hangs up: session-terminate <success/> (and what the client sends after it); the
// web user sees the hangup as remote success.
export async function peerHangup(peer, web, session, reason = 'success') {
  const { form } = peer;
  const reply = await peer.iq(form.terminate({ peer, to: session.remote, id: nextId('term'), sid: session.sid, reason }));
  assertResult(reply, `${form.name} session-terminate`);
  for (const x of form.afterTerminate?.({ peer, sid: session.sid, to: session.remote }) ?? []) peer.send(x);
  await until(web.page, () => window.t.ended !== null, 'the hangup at the web user', 10000);
  assert.deepEqual(await web.page.evaluate(() => window.t.ended), { reason, remote: true });
  await peer.engine.close();
}

// The web user hangs up: the client receives session-terminate with <success/>.
export async function webHangup(peer, web, session) {
  await web.page.evaluate(() => window.t.call.hangup());
  const term = await peer.nextJingle('session-terminate', session.sid, 10000);
  assert.equal(peer.reason(term), 'success', term.xml);
  await peer.engine.close();
}

// A whole call with media checked: placed by the web user (out) or by the client (in), `during`
// run while media flows, then hung up by the side that placed it.
export async function mediaCallOut(t, peer, web, { media, opts, during } = {}) {
  const s = await callOut(peer, web, media, opts);
  await assertMedia(t, peer, web, s);
  await during?.(s);
  await webHangup(peer, web, s);
}

export async function mediaCallIn(t, peer, web, { media, opts, during } = {}) {
  const s = await callIn(peer, web, media, opts);
  await assertMedia(t, peer, web, s);
  await during?.(s);
  await peerHangup(peer, web, s);
}

// Every call a case of this file made with `peers` was logged with the client's profile
// (`info call profile id=N sid=S profile=P`, for calls in and out) and /metrics counts them.
export async function assertProfiles(...peers) {
  for (const p of peers) {
    assert.ok(p.calls.length > 0, `no call with ${p.form.name} to check`);
    for (const { web, sid } of p.calls) await assertProfile(web, sid, p.form.profile);
    await assertCounted(p.calls[0].web, p.form.profile);
  }
}
