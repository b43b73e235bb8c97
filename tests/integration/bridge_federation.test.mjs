// The bridge across domains: a.test and b.test federated over s2s (two Prosody instances), a
// jinglegate on each (call.a.test, call.b.test). A web user of call.a.test calls a StanzaJS user
// of b.test and is called back; then web users of call.a.test and call.b.test call each other
// through both bridges (XEP-0353 propose to a bare JID, Jingle with the jinglegate residual
// lines), and the far browser's remote SDP carries the near browser's local SDP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Federation, assertCleanExits } from './rig/federation.mjs';
import { startCoturn } from './rig/coturn.mjs';
import { StanzaBrowser } from './rig/stanza_browser.mjs';
import { webUser, webCall, webMedia, webSend, webGot, assertFlowing, until, MEDIA } from './bridge_web.mjs';

let fed, turn, sb, bob, alice, dave;

before(async () => {
  turn = await startCoturn();
  fed = await Federation.start({ gateways: { turn } });
  sb = await StanzaBrowser.launch({ turn });
  bob = await sb.login({ server: fed.server('b.test'), user: 'bob' });
  [alice, dave] = await Promise.all([webUser(sb.browser, fed.gateway('a.test'), 'alice'),
    webUser(sb.browser, fed.gateway('b.test'), 'dave')]);
});

after(async () => {
  await sb?.close();
  const exits = await fed?.stop();
  await turn?.stop();
  assertCleanExits(exits);
});

test('web@call.a.test calls a StanzaJS user of b.test over s2s: media and data both ways; the XMPP hangup ends both', async (t) => {
  await webCall(alice.page, bob.jid);
  const { sid, peer } = await bob.incoming({ timeoutMs: 15000 });
  assert.equal(peer, alice.jid);
  await bob.accept(sid);
  await assertFlowing(t, alice, bob, sid);
  await bob.hangup(sid, 'decline');
  await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user');
  assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'decline', remote: true });
});

test('a StanzaJS user of b.test calls web@call.a.test over s2s: the page answers, media flows; the web hangup ends both', async (t) => {
  const sid = await bob.call(alice.jid);
  await bob.nextEvent({ event: 'accepted', sid }, 15000);
  await assertFlowing(t, alice, bob, sid);
  await alice.page.evaluate(() => window.t.call.hangup());
  assert.equal((await bob.ended(sid)).condition, 'success');
});

// The SDP lines that matter for media, per m= section (o= and candidates aside: the o= line is
// the bridge's own, and candidates trickle separately).
function mediaLines(sdp) {
  return sdp.split(/\r?\n/).filter((l) => l && !l.startsWith('o=') && !l.startsWith('a=candidate')
    && !l.startsWith('a=end-of-candidates'));
}

test('web@call.a.test calls web@call.b.test through both bridges (JMI to the bare JID): media flows, and the far browser gets the near offer', async (t) => {
  await webCall(alice.page, 'dave@call.b.test');
  await until(alice.page, () => window.t.call?.state === 'active' || window.t.call?.pc?.remoteDescription, 'the answer at alice', 20000);
  await until(dave.page, () => window.t.call?.pc?.remoteDescription, 'the offer at dave', 20000);
  const [w1, w2] = await Promise.all([webMedia(alice.page, MEDIA), webMedia(dave.page, MEDIA)]);
  t.diagnostic(`bytes received: alice audio ${w1.audio} video ${w1.video}; dave audio ${w2.audio} video ${w2.video}`);
  await webSend(alice.page, 'hello dave');
  await webGot(dave.page, 'hello dave');
  const near = mediaLines(await alice.page.evaluate(() => window.t.call.pc.localDescription.sdp));
  const far = mediaLines(await dave.page.evaluate(() => window.t.call.pc.remoteDescription.sdp));
  const logA = fs.readFileSync(fed.gateway('a.test').logFile, 'utf8');
  assert.match(logA, /info call proposed .*peer=dave@call\.b\.test /, 'call.a.test proposed with XEP-0353');
  assert.match(logA, /info call initiated .*peer=dave@call\.b\.test\/.* profile=jinglegate /, 'the residual lines were on');
  const missing = near.filter((l) => !far.includes(l));
  const added = far.filter((l) => !near.includes(l));
  t.diagnostic(`near lines missing at the far end: ${JSON.stringify(missing)}; added: ${JSON.stringify(added)}`);
  assert.deepEqual(missing, []);
  await dave.page.evaluate(() => window.t.call.hangup('busy'));
  await until(alice.page, () => window.t.ended !== null, 'the hangup at alice');
  assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'busy', remote: true });
});
