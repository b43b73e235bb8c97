// Interop: a scripted Movim (tests/interop/movim/form.mjs: bare-JID initiator, responder on
// transport-info, network-id/network-cost candidates, JMI ringing and finish, max-bundle engine)
// and a web user of jinglegate call each other with real media, on one domain and across domains.
import { test } from 'node:test';
import * as form from './movim/form.mjs';
import assert from 'node:assert/strict';
import { assertProfiles, mediaCallOut } from './harness.mjs';
import { multiDeviceRing, hold, upgradeFromWeb, iceRestartRefused } from './cases.mjs';
import { clientSuite } from './suite.mjs';

let world, alice, carol, bob;
clientSuite(form, {
  title: 'Movim',
  callOut: 'propose, JMI ringing, proceed',
  callIn: 'propose video-first, initiate with a bare-JID initiator, network-id candidates',
  ready: (w) => { ({ world, alice, carol, bob } = w); },
});

test('movim upgrade to video from the web: content-add, Movim answers with a second session-accept (taken as content-accept), video flows both ways', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => upgradeFromWeb(t, carol, alice, s) });
});

test('movim hold: its session-info <hold/> and <unhold/> reach the web user, the web user\'s hold reaches Movim', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => hold(carol, alice, s) });
});

test('movim ICE restart from the web is refused: Movim never restarts ICE; told so with the answer, jinglegate.js does not offer it, an offer sent anyway gets feature-not-implemented and is rolled back, nothing reaches Movim, media goes on', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => iceRestartRefused(t, carol, alice, s) });
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
