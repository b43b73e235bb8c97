// Interop: a scripted Conversations (tests/interop/conversations/form.mjs) and a web user of
// jinglegate call each other with real media (peer engine + web page in Chromium, relayed by
// coturn), on one domain and across a.test <-> b.test.
import { test, before, after } from 'node:test';
import * as form from './conversations/form.mjs';
import { World, stopWorld, callOut, callIn, assertMedia, peerHangup, webHangup } from './harness.mjs';

let world, alice, carol, bob;

before(async () => {
  world = await World.start();
  alice = await world.web('alice');
  carol = await world.peer(form, 'carol', 'a.test');
  bob = await world.peer(form, 'bob', 'b.test');
});

after(() => stopWorld(world));

test('conversations call out: web -> Conversations (JMI propose, receipt, proceed), audio+video flow, web hangup', async (t) => {
  const s = await callOut(carol, alice);
  await assertMedia(t, carol, alice, s);
  await webHangup(carol, alice, s);
});

test('conversations call in: Conversations -> web (propose, initiate with actpass, trickled udp candidates), audio+video flow, its hangup', async (t) => {
  const s = await callIn(carol, alice);
  await assertMedia(t, carol, alice, s);
  await peerHangup(carol, alice, s);
});

test('conversations audio: an audio-only call out keeps the proposed media in the session-initiate', async (t) => {
  const s = await callOut(carol, alice, { audio: true, video: false });
  await assertMedia(t, carol, alice, s);
  await webHangup(carol, alice, s);
});

test('conversations federation call out: web on call.a.test -> Conversations on b.test over s2s', async (t) => {
  const s = await callOut(bob, alice);
  await assertMedia(t, bob, alice, s);
  await webHangup(bob, alice, s);
});

test('conversations federation call in: Conversations on b.test -> web on call.a.test over s2s', async (t) => {
  const s = await callIn(bob, alice);
  await assertMedia(t, bob, alice, s);
  await peerHangup(bob, alice, s);
});
