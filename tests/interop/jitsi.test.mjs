// Interop: Jitsi Meet's P2P Jingle dialect (tests/interop/jitsi/form.mjs): no XEP-0353, candidates
// inside the session-initiate, <source name videoType><ssrc-info/>, and source-add mid-call, which
// jinglegate must map to a renegotiation or refuse with a clean XEP-0166 error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as form from './jitsi/form.mjs';
import { World, stopWorld, callIn, assertMedia, peerHangup, assertProfiles, mediaCallIn } from './harness.mjs';
import { iceRestartRefused } from './cases.mjs';
import { nextId } from './peer.mjs';
import { attr } from '../integration/rig/xmpp.mjs';

let world, alice, jitsi;

before(async () => {
  world = await World.start({ domains: ['a.test'] });
  alice = await world.web('alice');
  jitsi = await world.peer(form, 'carol', 'a.test');
});

after(() => stopWorld(world));

test('jitsi call in: a P2P session-initiate straight to the full JID (no JMI) rings the web user, audio+video flow, its hangup', async (t) => {
  await mediaCallIn(t, jitsi, alice);
});

test('jitsi source-add: mid-call it is mapped (result) or refused with a XEP-0166 error, and the call keeps its media', async (t) => {
  const s = await callIn(jitsi, alice);
  await assertMedia(t, jitsi, alice, s);
  const reply = await jitsi.iq(form.sourceAdd({ to: s.remote, id: nextId('sa'), sid: s.sid, peer: jitsi }));
  t.diagnostic(`source-add answered: ${reply}`);
  if (attr(reply, 'type') === 'error') assert.match(reply, /<(feature-not-implemented|bad-request|unsupported-info|not-acceptable)\b/);
  else assert.equal(attr(reply, 'type'), 'result');
  const before = await jitsi.engine.stats();
  await jitsi.engine.waitForMedia({ audio: before.audio + 1000, video: before.video + 5000, timeoutMs: 10000 });
  assert.equal(await alice.page.evaluate(() => window.t.ended), null, 'the call is still up');
  await peerHangup(jitsi, alice, s);
});

test('jitsi ICE restart from the web is refused: lib-jitsi-meet never restarts a P2P session (an ICE failure ends it), told so with the offer (peer.iceRestart false), jinglegate.js does not offer it (a callee rolling back would cost Chromium its transport), media goes on', async (t) => {
  await mediaCallIn(t, jitsi, alice, { during: (s) => iceRestartRefused(t, jitsi, alice, s) });
});

test('jitsi profile: its calls are logged with profile=jitsi (lib-jitsi-meet has no disco identity: caps node and http://jitsi.org features) and counted', async () => {
  await assertProfiles(jitsi);
});
