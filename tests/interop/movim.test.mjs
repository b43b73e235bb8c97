// Interop: a scripted Movim (tests/interop/movim/form.mjs: bare-JID initiator, responder on
// transport-info, network-id/network-cost candidates, JMI ringing and finish, max-bundle engine)
// and a web user of jinglegate call each other with real media, on one domain and across domains.
import { test, before, after } from 'node:test';
import * as form from './movim/form.mjs';
import { World, stopWorld, callOut, callIn, assertMedia, peerHangup, webHangup } from './harness.mjs';

let world, alice, carol, bob;

before(async () => {
  world = await World.start();
  alice = await world.web('alice');
  carol = await world.peer(form, 'carol', 'a.test');
  bob = await world.peer(form, 'bob', 'b.test');
});

after(() => stopWorld(world));

test('movim call out: web -> Movim (propose, JMI ringing, proceed), audio+video flow, web hangup', async (t) => {
  const s = await callOut(carol, alice);
  await assertMedia(t, carol, alice, s);
  await webHangup(carol, alice, s);
});

test('movim call in: Movim -> web (propose video-first, initiate with a bare-JID initiator, network-id candidates), audio+video flow, its hangup', async (t) => {
  const s = await callIn(carol, alice);
  await assertMedia(t, carol, alice, s);
  await peerHangup(carol, alice, s);
});

test('movim audio: an audio-only call out keeps the proposed media in the session-initiate', async (t) => {
  const s = await callOut(carol, alice, { audio: true, video: false });
  await assertMedia(t, carol, alice, s);
  await webHangup(carol, alice, s);
});

test('movim federation call out: web on call.a.test -> Movim on b.test over s2s', async (t) => {
  const s = await callOut(bob, alice);
  await assertMedia(t, bob, alice, s);
  await webHangup(bob, alice, s);
});

test('movim federation call in: Movim on b.test -> web on call.a.test over s2s', async (t) => {
  const s = await callIn(bob, alice);
  await assertMedia(t, bob, alice, s);
  await peerHangup(bob, alice, s);
});
