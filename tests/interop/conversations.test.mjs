// Interop: a scripted Conversations (tests/interop/conversations/form.mjs) and a web user of
// jinglegate call each other with real media (peer engine + web page in Chromium, relayed by
// coturn), on one domain and across a.test <-> b.test.
import { test } from 'node:test';
import * as form from './conversations/form.mjs';
import assert from 'node:assert/strict';
import { callIn, assertMedia, peerHangup, assertProfiles, mediaCallOut, mediaCallIn } from './harness.mjs';
import { multiDeviceRing, iceRestartFromWeb, iceRestartFromPeer, upgradeFromPeer, webStopsVideo } from './cases.mjs';
import { clientSuite } from './suite.mjs';
import { NS } from './sdp.mjs';

let world, alice, carol, bob;
clientSuite(form, {
  title: 'Conversations',
  callOut: 'JMI propose, receipt, proceed',
  callIn: 'propose, initiate with actpass, trickled udp candidates',
  ready: (w) => { ({ world, alice, carol, bob } = w); },
});

test('conversations browser declines video: the session-accept still carries the video content (senders none), no content-remove, audio flows', async (t) => {
  const s = await callIn(carol, alice, { audio: true, video: true }, { declineVideo: true });
  // accept({ video: false }) stops the video transceiver: Chromium answers it inactive (port 9,
  // while stopping) or rejected (port 0); either is "no video" and must not end the call.
  const local = await alice.page.evaluate(() => window.t.call.pc.localDescription.sdp);
  const section = local.slice(local.indexOf('m=video'));
  assert.match(section, /^m=video 0 |\r\na=inactive\r\n/, `the page declined the video m= line:\n${section}`);
  const video = s.accept.jingle.getChildren('content').find((c) => c.getChildren('description').some((d) => d.getNamespace() === NS.rtp && d.attributes.media === 'video'));
  assert.equal(video?.attributes.senders, 'none', `video content of the session-accept: ${s.accept.xml}`);
  await assertMedia(t, carol, alice, { ...s, media: ['audio'] });
  await carol.jingles.nothing((j) => j.action === 'content-remove', 1000);
  await peerHangup(carol, alice, s);
});

test('conversations upgrade to video: its content-add (stub transport in the BUNDLE) on an audio call in, video flows both ways', async (t) => {
  await mediaCallIn(t, carol, alice, { media: { audio: true, video: false }, during: (s) => upgradeFromPeer(t, carol, alice, s) });
});

test('conversations ICE restart from the web: transport-info with new credentials for every content, its answer, media keeps flowing', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => iceRestartFromWeb(t, carol, alice, s) });
});

test('conversations ICE restart from Conversations: its restart transport-info reaches the page as an offer, the answer comes back as new credentials', async (t) => {
  await mediaCallIn(t, carol, alice, { media: { audio: true, video: false }, during: (s) => iceRestartFromPeer(t, carol, alice, s) });
});

test('conversations web stops video: the page stops its video mid-call, Conversations gets content-modify senders none (a content-remove would end its call), audio goes on', async (t) => {
  await mediaCallOut(t, carol, alice, { during: (s) => webStopsVideo(t, carol, alice, s) });
});

test('conversations multi-device ring: two tabs ring, the second answers, the first gets answered-elsewhere, media on the second', async (t) => {
  await multiDeviceRing(t, world, carol);
});

test('conversations profile: every call above is logged with profile=conversations and counted in /metrics', async () => {
  await assertProfiles(carol, bob);
});
