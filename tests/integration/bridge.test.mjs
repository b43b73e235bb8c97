// The bridge end to end on one domain: a web user (the gateway's own JS client in headless
// Chromium, logged in to call.a.test) and an XMPP user (StanzaJS in headless Chromium on a.test)
// call each other with real WebRTC relayed by coturn on 127.0.0.1: audio, video and a data
// channel flow both ways, and a hangup on either side ends both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSingleDomain, assertCleanExits } from './rig/federation.mjs';
import { startCoturn } from './rig/coturn.mjs';
import { StanzaBrowser } from './rig/stanza_browser.mjs';
import { webUser, webCall, assertFlowing, until } from './bridge_web.mjs';

let fed, turn, sb, carol, alice;

before(async () => {
  turn = await startCoturn();
  fed = await startSingleDomain({ gateways: { turn } });
  sb = await StanzaBrowser.launch({ turn });
  carol = await sb.login({ server: fed.server('a.test'), user: 'carol' });
  alice = await webUser(sb.browser, fed.gateway('a.test'), 'alice');
});

after(async () => {
  await sb?.close();
  const exits = await fed?.stop();
  await turn?.stop();
  assertCleanExits(exits);
});

test('the web user calls a StanzaJS user (full JID, plain session-initiate): media and data both ways; the web hangup ends both', async (t) => {
  await webCall(alice.page, carol.jid);
  const { sid, peer } = await carol.incoming({ timeoutMs: 15000 });
  assert.equal(peer, alice.jid);
  await carol.accept(sid);
  await assertFlowing(t, alice, carol, sid);
  await alice.page.evaluate(() => window.t.call.hangup());
  assert.equal((await carol.ended(sid)).condition, 'success');
  assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'success', remote: false });
  assert.deepEqual(await alice.page.evaluate(() => window.t.errors), []);
});

test('a StanzaJS user calls the web user (session-initiate without JMI): the web page rings, accepts, media flows; the XMPP hangup ends both', async (t) => {
  const sid = await carol.call(alice.jid);
  await carol.nextEvent({ event: 'accepted', sid }, 15000);
  assert.equal(await alice.page.evaluate(() => window.t.incomingFrom), carol.jid);
  await assertFlowing(t, alice, carol, sid);
  await carol.hangup(sid, 'busy');
  assert.equal((await carol.ended(sid)).condition, 'busy');
  await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user');
  assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'busy', remote: true });
});

// StanzaJS applies an ICE restart only as the responder (a restart transport-info from its
// responder fails its setRemoteDescription and it ends the session), so the web user calls here.
test('during a call to StanzaJS: its session-info mute reaches the page as info, and an ICE restart from the page keeps media flowing', async (t) => {
  await webCall(alice.page, carol.jid);
  const { sid } = await carol.incoming({ timeoutMs: 15000 });
  await carol.accept(sid);
  await assertFlowing(t, alice, carol, sid);
  await carol.invoke(sid, 'mute', 'initiator', '0');
  await until(alice.page, () => window.t.infos.length > 0, 'the mute at the web user', 10000);
  const info = await alice.page.evaluate(() => window.t.infos[0]);
  t.diagnostic(`info at the web user: ${JSON.stringify(info)}`);
  assert.equal(info.info, 'mute');
  const before = await carol.stats(sid);
  const ufrag = () => alice.page.evaluate(() => /a=ice-ufrag:(\S+)/.exec(window.t.call.pc.remoteDescription.sdp)[1]);
  const oldUfrag = await ufrag();
  await alice.page.evaluate(() => window.t.call.renegotiate({ iceRestart: true }));
  await until(alice.page, () => window.t.call.pc.signalingState === 'stable', 'the restart answer at the web user', 10000);
  assert.notEqual(await ufrag(), oldUfrag, 'StanzaJS answered the restart with new credentials');
  await carol.waitForMedia(sid, { audio: before.audio + 2000, video: before.video + 10000, timeoutMs: 15000 });
  assert.deepEqual(await alice.page.evaluate(() => window.t.errors), []);
  await carol.hangup(sid);
  await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user');
});
