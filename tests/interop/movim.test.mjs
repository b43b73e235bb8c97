// Interop: a scripted Movim (tests/interop/movim/form.mjs: bare-JID initiator, responder on
// transport-info, network-id/network-cost candidates, JMI ringing and finish, max-bundle engine)
// and a web user of jinglegate call each other with real media, on one domain and across domains.
import { test, before, after } from 'node:test';
import * as form from './movim/form.mjs';
import assert from 'node:assert/strict';
import { World, stopWorld, callOut, callIn, assertMedia, peerHangup, webHangup, assertProfiles } from './harness.mjs';
import { multiDeviceRing, hold, upgradeFromWeb } from './cases.mjs';

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

test('movim upgrade to video from the web: content-add, Movim answers with a second session-accept (taken as content-accept), video flows both ways', async (t) => {
  const s = await callOut(carol, alice, { audio: true, video: false });
  await assertMedia(t, carol, alice, s);
  await upgradeFromWeb(t, carol, alice, s);
  await webHangup(carol, alice, s);
});

test('movim hold: its session-info <hold/> and <unhold/> reach the web user, the web user\'s hold reaches Movim', async (t) => {
  const s = await callOut(carol, alice, { audio: true, video: false });
  await assertMedia(t, carol, alice, s);
  await hold(carol, alice, s);
  await webHangup(carol, alice, s);
});

test('movim multi-device ring: two tabs ring, the second answers, the first gets answered-elsewhere, media on the second', async (t) => {
  await multiDeviceRing(t, world, carol);
});

test('movim protocol: over all calls above, no candidate with network-cost reached Movim', () => {
  assert.deepEqual([...carol.violations, ...bob.violations], []);
});

test('movim profile: every call above is logged with profile=movim and counted in /metrics', async () => {
  await assertProfiles(carol, bob);
});
