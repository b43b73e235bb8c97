// Interop: a scripted Conversations (tests/interop/conversations/form.mjs) and a web user of
// jinglegate call each other with real media (peer engine + web page in Chromium, relayed by
// coturn), on one domain and across a.test <-> b.test.
import { test, before, after } from 'node:test';
import * as form from './conversations/form.mjs';
import assert from 'node:assert/strict';
import { World, stopWorld, callIn, assertMedia, peerHangup, assertProfiles, mediaCallOut, mediaCallIn } from './harness.mjs';
import { multiDeviceRing, iceRestartFromWeb, iceRestartFromPeer, upgradeFromPeer } from './cases.mjs';
import { NS } from './sdp.mjs';

let world, alice, carol, bob;

before(async () => {
  world = await World.start();
  alice = await world.web('alice');
  carol = await world.peer(form, 'carol', 'a.test');
  bob = await world.peer(form, 'bob', 'b.test');
});

after(() => stopWorld(world));

test('conversations call out: web -> Conversations (JMI propose, receipt, proceed), audio+video flow, web hangup', async (t) => {
  await mediaCallOut(t, carol, alice);
});

test('conversations call in: Conversations -> web (propose, initiate with actpass, trickled udp candidates), audio+video flow, its hangup', async (t) => {
  await mediaCallIn(t, carol, alice);
});

test('conversations audio: an audio-only call out keeps the proposed media in the session-initiate', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false } });
});

test('conversations federation call out: web on call.a.test -> Conversations on b.test over s2s', async (t) => {
  await mediaCallOut(t, bob, alice);
});

test('conversations federation call in: Conversations on b.test -> web on call.a.test over s2s', async (t) => {
  await mediaCallIn(t, bob, alice);
});

test('conversations browser declines video: the session-accept still carries the video content (senders none), no content-remove, audio flows', { todo: 'harness: the page does not yet reject video with port 0: RTCRtpTransceiver.stop() before createAnswer gives a=inactive on port 9 in Chromium 156 (the bridge already answers inactive with senders=none); a port-0 answer needs another way' }, async (t) => {
  const s = await callIn(carol, alice, { audio: true, video: true }, { declineVideo: true });
  assert.match(await alice.page.evaluate(() => window.t.call.pc.localDescription.sdp), /m=video 0 /, 'the page rejected the video m= line');
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

test('conversations multi-device ring: two tabs ring, the second answers, the first gets answered-elsewhere, media on the second', async (t) => {
  await multiDeviceRing(t, world, carol);
});

test('conversations profile: every call above is logged with profile=conversations and counted in /metrics', async () => {
  await assertProfiles(carol, bob);
});
