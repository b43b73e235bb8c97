// Interop: a scripted Movim (tests/interop/movim/form.mjs: bare-JID initiator, responder on
// transport-info, network-id/network-cost candidates, JMI ringing and finish, max-bundle engine)
// and a web user of jinglegate call each other with real media, on one domain and across domains.
import { test, before, after } from 'node:test';
import * as form from './movim/form.mjs';
import assert from 'node:assert/strict';
import { World, stopWorld, assertProfiles, mediaCallOut, mediaCallIn } from './harness.mjs';
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
  await mediaCallOut(t, carol, alice);
});

test('movim call in: Movim -> web (propose video-first, initiate with a bare-JID initiator, network-id candidates), audio+video flow, its hangup', async (t) => {
  await mediaCallIn(t, carol, alice);
});

test('movim audio: an audio-only call out keeps the proposed media in the session-initiate', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false } });
});

test('movim federation call out: web on call.a.test -> Movim on b.test over s2s', async (t) => {
  await mediaCallOut(t, bob, alice);
});

test('movim federation call in: Movim on b.test -> web on call.a.test over s2s', async (t) => {
  await mediaCallIn(t, bob, alice);
});

test('movim upgrade to video from the web: content-add, Movim answers with a second session-accept (taken as content-accept), video flows both ways', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => upgradeFromWeb(t, carol, alice, s) });
});

test('movim hold: its session-info <hold/> and <unhold/> reach the web user, the web user\'s hold reaches Movim', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => hold(carol, alice, s) });
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
