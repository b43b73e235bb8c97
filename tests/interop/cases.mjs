// Feature cases of the interop suite shared by the client files: multi-device ring, hold, ICE
// restart both ways, upgrade to video from either side, and the browser declining the video of
// a call in. Each drives a call set up by harness.mjs callOut/callIn and asserts what both ends
// see; the client's form decides the stanzas (content-add, transport-info, session-accept ...).
import assert from 'node:assert/strict';
import { until, webMedia } from '../integration/bridge_web.mjs';
import { attr } from '../integration/rig/xmpp.mjs';
import { callIn, assertMedia, resetWeb, BYTES } from './harness.mjs';
import { nextId } from './peer.mjs';
import { NS, parseSdp, jingleToSdp } from './sdp.mjs';
import { jingleIq, rtpMedia } from './forms.mjs';

const assertResult = (reply, what) => assert.equal(attr(reply, 'type'), 'result', `${what}: ${reply}`);
const kids = (el, name, ns) => (el?.getChildren(name) ?? []).filter((c) => !ns || c.getNamespace() === ns);

// A Jingle element made of `base`'s contents updated by `change`'s (same name replaced, new ones
// appended) and the latest BUNDLE group: what a client holds after a content-add.
export function merged(base, change) {
  const added = kids(change, 'content');
  const contents = [...kids(base, 'content').filter((c) => !added.some((a) => a.attributes.name === c.attributes.name)), ...added];
  const group = kids(change, 'group', NS.group).length ? kids(change, 'group', NS.group) : kids(base, 'group', NS.group);
  return { getChildren: (n) => (n === 'content' ? contents : n === 'group' ? group : []) };
}

// Two tabs of one web user ring for a client's call; the second accepts, the first gets hangup
// answered-elsewhere; media flows on the accepting tab.
export async function multiDeviceRing(t, world, peer, sub = 'dave') {
  const tab1 = await world.web(sub, 'a.test', { autoAccept: false, tab: `${sub}-tab1` });
  const tab2 = await world.web(sub, 'a.test', { autoAccept: false, tab: `${sub}-tab2` });
  try {
    await resetWeb(tab1);
    const call = callIn(peer, tab2);
    call.catch(() => {});
    await until(tab1.page, () => window.t.incomingFrom !== null && window.t.incomingFrom !== undefined, 'the ring in tab 1', 15000);
    await until(tab2.page, () => window.t.incomingFrom !== null && window.t.incomingFrom !== undefined, 'the ring in tab 2', 15000);
    await tab2.page.evaluate(() => window.t.accept());
    const s = await call;
    await until(tab1.page, () => window.t.ended !== null, 'the end of the ring in tab 1', 10000);
    assert.deepEqual(await tab1.page.evaluate(() => window.t.ended), { reason: 'answered-elsewhere', remote: true });
    await assertMedia(t, peer, tab2, s);
    await peer.iq(peer.form.terminate({ peer, to: s.remote, id: nextId('term'), sid: s.sid, reason: 'success' }));
    await peer.engine.close();
  } finally {
    await tab1.page.close();
    await tab2.page.close();
  }
}

// The client puts the call on hold and back (XEP-0167 session-info <hold/>, <unhold/>): the web
// user gets `info hold` and `info unhold`; the web user's hold reaches the client as <hold/>.
export async function hold(peer, web, s) {
  const info = (el) => jingleIq({ to: s.remote, id: nextId('si'), action: 'session-info', sid: s.sid,
    attrs: peer.form.infoAttrs?.(peer, s) ?? '', body: `<${el} xmlns='${NS.info}'/>` });
  for (const el of ['hold', 'unhold']) {
    assertResult(await peer.iq(info(el)), `${peer.form.name} session-info ${el}`);
    await until(web.page, (x) => window.t.infos.some((m) => m.info === x), `info ${el} at the web user`, 5000, el);
  }
  await web.page.evaluate(() => window.t.call.info('hold'));
  const j = await peer.nextJingle('session-info', s.sid, 5000);
  assert.ok(kids(j.jingle, 'hold', NS.info).length === 1, `session-info <hold/> expected: ${j.xml}`);
}

// Both RTCPeerConnections keep receiving: each end's inbound bytes grow by `more`.
export async function assertMoreMedia(t, peer, web, { audio = BYTES.audio, video = 0 } = {}) {
  const [w, e] = [await webMedia(web.page, { audio: 0, video: 0 }), await peer.engine.stats()];
  const w2 = await webMedia(web.page, { audio: w.audio + audio, video: w.video + video, timeoutMs: 20000 });
  const e2 = await peer.engine.waitForMedia({ audio: e.audio + audio, video: e.video + video, timeoutMs: 15000 });
  t.diagnostic(`bytes received since: web audio ${w2.audio - w.audio} video ${w2.video - w.video}; ${peer.form.name} audio ${e2.audio - e.audio} video ${e2.video - e.video}`);
}

const withCreds = (sdp, tr) => sdp.replace(/a=ice-ufrag:.*/g, `a=ice-ufrag:${tr.attributes.ufrag}`).replace(/a=ice-pwd:.*/g, `a=ice-pwd:${tr.attributes.pwd}`);

// The web user restarts ICE (a call out, the client answered): the client gets a transport-info
// with new credentials for every content, answers with its own new ones and candidates; the web
// page's remote description carries them and media keeps flowing.
export async function iceRestartFromWeb(t, peer, web, s) {
  const { form } = peer;
  await web.page.evaluate(() => window.t.call.renegotiate({ iceRestart: true }));
  const ti = await peer.nextJingle('transport-info', s.sid, 10000);
  const tr = kids(kids(ti.jingle, 'content')[0], 'transport', NS.ice)[0];
  const { sdp, error } = jingleToSdp(s.initiate.jingle, { ...form.view, weInitiated: false });
  assert.equal(error, undefined);
  const answer = parseSdp(await peer.engine.reanswer(withCreds(sdp, tr)));
  await peer.release(s);
  const ctx = { to: s.remote, sid: s.sid, sdp: answer, peer, session: s };
  for (const x of form.restart(ctx)) assertResult(await peer.iq(x), `${form.name} restart transport-info`);
  for (const x of form.transportInfos(ctx)) assertResult(await peer.iq(x), `${form.name} transport-info`);
  const ufrag = rtpMedia(answer)[0].ufrag;
  await until(web.page, (u) => window.t.call.pc.remoteDescription?.sdp.includes(`a=ice-ufrag:${u}`), 'the client\'s new credentials at the web page', 10000, ufrag);
  await assertMoreMedia(t, peer, web);
}

// The client restarts ICE (a call in, the client offered): it sends new credentials and
// candidates; the web page answers through the gateway with new credentials of its own.
export async function iceRestartFromPeer(t, peer, web, s) {
  const { form } = peer;
  const offer = parseSdp(await peer.engine.reoffer({ iceRestart: true }));
  const ctx = { to: s.remote, sid: s.sid, sdp: offer, peer, session: s };
  for (const x of form.restart(ctx)) assertResult(await peer.iq(x), `${form.name} restart transport-info`);
  for (const x of form.transportInfos(ctx)) assertResult(await peer.iq(x), `${form.name} transport-info`);
  const ti = await peer.nextJingle('transport-info', s.sid, 10000);
  const tr = kids(kids(ti.jingle, 'content')[0], 'transport', NS.ice)[0];
  const { sdp, error } = jingleToSdp(s.accept.jingle, { ...form.view, weInitiated: true, mids: s.mids });
  assert.equal(error, undefined);
  await peer.engine.accept(withCreds(sdp, tr));
  await peer.release(s);
  await assertMoreMedia(t, peer, web);
}

// The client adds video to an audio call in (content-add from its new offer); the web page
// answers; the client applies the content-accept; video flows (both ways unless senders says).
export async function upgradeFromPeer(t, peer, web, s, { videoAtClient = true } = {}) {
  const { form } = peer;
  const offer = parseSdp(await peer.engine.reoffer({ addVideo: true }));
  const video = rtpMedia(offer).find((m) => m.kind === 'video');
  s.mids[form.contentName(video, 1)] = video.mid;
  const ctx = { to: s.remote, sid: s.sid, sdp: offer, peer, session: s, added: [video] };
  assertResult(await peer.iq(form.contentAdd({ ...ctx, id: nextId('ca') })), `${form.name} content-add`);
  const acc = await peer.nextJingle('content-accept', s.sid, 15000);
  const { sdp, error } = jingleToSdp(merged(s.accept.jingle, acc.jingle), { ...form.view, weInitiated: true, mids: s.mids });
  assert.equal(error, undefined, `${form.name} could not read the content-accept: ${error}\n${acc.xml}`);
  await peer.engine.accept(sdp);
  s.media = ['audio', 'video'];
  await assertMoreMedia(t, peer, web, { video: videoAtClient ? BYTES.video : 0 });
  const w = await webMedia(web.page, { audio: 0, video: BYTES.video, timeoutMs: 15000 });
  assert.ok(w.video >= BYTES.video);
}

// The web user adds video to an audio call out: the client gets content-add, answers in its form
// (form.answerContentAdd), the page gets its answer and video flows both ways.
export async function upgradeFromWeb(t, peer, web, s) {
  const { form } = peer;
  await web.page.evaluate(async () => {
    const v = await navigator.mediaDevices.getUserMedia({ video: true });
    window.t.call.pc.addTrack(v.getVideoTracks()[0], v);
    await window.t.call.renegotiate();
  });
  const add = await peer.nextJingle('content-add', s.sid, 10000);
  const all = merged(s.initiate.jingle, add.jingle);
  const { sdp, error } = jingleToSdp(all, { ...form.view, weInitiated: false });
  assert.equal(error, undefined, `${form.name} could not read the content-add: ${error}\n${add.xml}`);
  const answer = parseSdp(await peer.engine.reanswer(sdp, { addVideo: true }));
  s.initiate = { ...s.initiate, jingle: all };
  const ctx = { to: s.remote, sid: s.sid, sdp: answer, peer, session: s, add };
  assertResult(await peer.iq(form.answerContentAdd({ ...ctx, id: nextId('cacc') })), `${form.name} answer to content-add`);
  await until(web.page, () => window.t.call.pc.signalingState === 'stable', 'the answer at the web page', 10000);
  await assertMoreMedia(t, peer, web, { video: BYTES.video });
}

// The web user restarts ICE with a client that never restarts it (its profile says so). The
// gateway told the page with the call's offer or answer (`peer.iceRestart` false), so
// jinglegate.js refuses the restart before touching the connection. An offer sent anyway (the
// page placed the call: it can roll back) is refused by the gateway with feature-not-implemented
// naming the client, nothing reaches the client, and the page rolls back. Media keeps flowing.
export async function iceRestartRefused(t, peer, web, s) {
  const said = await web.page.evaluate(() => window.t.call.renegotiate({ iceRestart: true }).then(() => 'offered', (e) => e.message));
  assert.equal(said, `${peer.form.profile} does not restart ICE`);
  if (!s.weInitiated) {
    await web.page.evaluate(async () => {
      const call = window.t.call;
      await call.pc.setLocalDescription(await call.pc.createOffer({ iceRestart: true }));
      call.gateway.send({ type: 'offer', session: call.session, to: call.peer, sdp: call.pc.localDescription.sdp });
    });
    await until(web.page, () => window.t.errors.some((e) => e.code === 'feature-not-implemented'), 'the refusal of the ICE restart at the web page', 10000);
    const err = await web.page.evaluate(() => window.t.errors.find((e) => e.code === 'feature-not-implemented'));
    assert.match(err.message, new RegExp(`${peer.form.profile} does not restart ICE`), JSON.stringify(err));
  }
  await until(web.page, () => window.t.call.pc.signalingState === 'stable', 'a stable page', 5000);
  await peer.jingles.nothing((j) => j.sid === s.sid && j.action === 'transport-info', 1000);
  await assertMoreMedia(t, peer, web);
  assert.equal(await web.page.evaluate(() => window.t.ended), null, 'the call is still up');
}

// The web user stops sending and receiving video mid-call (its transceiver stopped, the re-offer
// has the m= line at port 0): a client that takes no content-remove of an accepted content gets
// content-modify senders='none' for it, the page's answer rejects the line, audio keeps flowing.
export async function webStopsVideo(t, peer, web, s) {
  await web.page.evaluate(async () => {
    for (const tr of window.t.call.pc.getTransceivers()) if (tr.receiver.track.kind === 'video') tr.stop();
    await window.t.call.renegotiate();
  });
  const modify = await peer.nextJingle('content-modify', s.sid, 10000);
  const contents = kids(modify.jingle, 'content');
  assert.equal(contents.length, 1, modify.xml);
  assert.equal(contents[0].attributes.senders, 'none', modify.xml);
  await until(web.page, () => window.t.call.pc.signalingState === 'stable', 'the answer at the web page', 10000);
  const remote = await web.page.evaluate(() => window.t.call.pc.remoteDescription.sdp);
  assert.match(remote, /\r\nm=video 0 /, 'the answer rejects the stopped video');
  assert.deepEqual(peer.refusals, [], `${peer.form.name} refused what jinglegate sent`);
  await assertMoreMedia(t, peer, web);
  await peer.jingles.nothing((j) => j.sid === s.sid && j.action === 'content-remove', 500);
}
