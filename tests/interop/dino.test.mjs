// Interop: a scripted Dino (tests/interop/dino/form.mjs: no BUNDLE, one ICE stream per content,
// component-2 candidates, SDES next to DTLS, one payload per content in its accept, transport-info
// one content at a time) and a web user of jinglegate call each other with real media.
import { test } from 'node:test';
import * as form from './dino/form.mjs';
import assert from 'node:assert/strict';
import { callOut, callIn, assertMedia, peerHangup, webHangup, assertProfiles, mediaCallOut, mediaCallIn } from './harness.mjs';
import { multiDeviceRing, hold, upgradeFromPeer, iceRestartRefused, webStopsVideo } from './cases.mjs';
import { clientSuite } from './suite.mjs';
import { subscribe } from './web.mjs';
import { NS } from './sdp.mjs';

// A Dino without XEP-0353 (the "psi"-like client of issue 9 B): RTP over ICE-UDP with DTLS, no JMI.
const noJmi = { ...form, name: 'dino-nojmi', jmi: false, caps: { ...form.caps, features: form.caps.features.filter((f) => f !== NS.jmi) } };

let world, alice, carol, bob, erin;
clientSuite(form, {
  title: 'Dino',
  callOut: 'propose, proceed, ringing session-info, unbundled accept',
  callIn: 'propose, initiate with SDES + DTLS, per-content transport-info',
  audioIn: true,
  ready: async (w) => {
    ({ world, alice, carol, bob } = w);
    erin = await world.peer(noJmi, 'erin', 'a.test');
  },
});

test('dino call in to a web app configured for max-bundle: the offer without BUNDLE makes jinglegate.js gather per m= line for this call, media flows', async (t) => {
  const maxb = await world.web('maxb', 'a.test', { bundlePolicy: 'max-bundle' });
  await mediaCallIn(t, carol, maxb);
  await maxb.page.close();
});

test('dino no component 2: the web page never gets an RTCP (component 2) candidate from Dino, call in and out', async (t) => {
  const comp2 = () => alice.page.evaluate(() => [...window.t.candidates, ...(window.t.call.pc.remoteDescription?.sdp.match(/a=candidate:.*/g) ?? [])]
    .filter((c) => c.replace(/^a=/, '').split(' ')[1] === '2'));
  let s = await callIn(carol, alice, { audio: true, video: false });
  await assertMedia(t, carol, alice, s);
  assert.deepEqual(await comp2(), [], 'component-2 candidates at the web page (call in)');
  await peerHangup(carol, alice, s);
  s = await callOut(carol, alice, { audio: true, video: false });
  await assertMedia(t, carol, alice, s);
  assert.deepEqual(await comp2(), [], 'component-2 candidates at the web page (call out)');
  await webHangup(carol, alice, s);
});

test('dino no-JMI fallback: the web user, subscribed to a Dino without XEP-0353, dials its bare JID: plain session-initiate to that resource, media flows', async (t) => {
  const p = await subscribe(alice, erin);
  assert.deepEqual(p.caps, { audio: true, video: true, data: false, jmi: false });
  const s = await callOut(erin, alice, { audio: true, video: true }, { plain: true });
  assert.equal(s.initiate.from.split('/')[0], alice.bareJid);
  await assertMedia(t, erin, alice, s);
  await webHangup(erin, alice, s);
});

test('dino hold: its session-info <hold/> and <unhold/> reach the web user, the web user\'s hold reaches Dino', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => hold(carol, alice, s) });
});

test('dino upgrade to video: its content-add (own ICE stream, senders = itself) on an audio call in, its video reaches the web user', async (t) => {
  await mediaCallIn(t, carol, alice, { media: { audio: true, video: false }, during: (s) => upgradeFromPeer(t, carol, alice, s, { videoAtClient: false }) });
});

test('dino ICE restart from the web is refused: Dino never restarts ICE; told so with the answer, jinglegate.js does not offer it, an offer sent anyway gets feature-not-implemented and is rolled back, nothing reaches Dino, media goes on', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => iceRestartRefused(t, carol, alice, s) });
});

test('dino web stops video: the page stops its video mid-call, Dino gets content-modify senders none (it refuses content-remove), audio goes on', async (t) => {
  await mediaCallOut(t, carol, alice, { during: (s) => webStopsVideo(t, carol, alice, s) });
});

test('dino multi-device ring: two tabs ring, the second answers, the first gets answered-elsewhere, media on the second', async (t) => {
  await multiDeviceRing(t, world, carol);
});

test('dino protocol: over all calls above, no BUNDLE group, content-reject/-remove or multi-content transport-info reached Dino', () => {
  assert.deepEqual([...carol.violations, ...bob.violations, ...erin.violations], []);
  assert.deepEqual([...carol.refusals, ...bob.refusals, ...erin.refusals], []);
});

test('dino profile: every call above is logged with profile=dino and counted in /metrics', async () => {
  await assertProfiles(carol, bob, erin);
});
