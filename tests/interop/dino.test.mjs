// Interop: a scripted Dino (tests/interop/dino/form.mjs: no BUNDLE, one ICE stream per content,
// component-2 candidates, SDES next to DTLS, one payload per content in its accept, transport-info
// one content at a time) and a web user of jinglegate call each other with real media.
import { test, before, after } from 'node:test';
import * as form from './dino/form.mjs';
import { World, stopWorld, callOut, callIn, assertMedia, peerHangup, webHangup } from './harness.mjs';

let world, alice, carol, bob;

before(async () => {
  world = await World.start();
  alice = await world.web('alice');
  carol = await world.peer(form, 'carol', 'a.test');
  bob = await world.peer(form, 'bob', 'b.test');
});

after(() => stopWorld(world));

test('dino call out: web -> Dino (propose, proceed, ringing session-info, unbundled accept), audio+video flow, web hangup', async (t) => {
  const s = await callOut(carol, alice);
  await assertMedia(t, carol, alice, s);
  await webHangup(carol, alice, s);
});

test('dino call in: Dino -> web (propose, initiate with SDES + DTLS, per-content transport-info), audio+video flow, its hangup', async (t) => {
  const s = await callIn(carol, alice);
  await assertMedia(t, carol, alice, s);
  await peerHangup(carol, alice, s);
});

test('dino audio: an audio-only call in', async (t) => {
  const s = await callIn(carol, alice, { audio: true, video: false });
  await assertMedia(t, carol, alice, s);
  await peerHangup(carol, alice, s);
});

test('dino federation call out: web on call.a.test -> Dino on b.test over s2s', async (t) => {
  const s = await callOut(bob, alice);
  await assertMedia(t, bob, alice, s);
  await webHangup(bob, alice, s);
});

test('dino federation call in: Dino on b.test -> web on call.a.test over s2s', async (t) => {
  const s = await callIn(bob, alice);
  await assertMedia(t, bob, alice, s);
  await peerHangup(bob, alice, s);
});
