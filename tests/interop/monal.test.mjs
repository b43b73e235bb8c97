// Interop: a scripted Monal (tests/interop/monal/form.mjs: JMI only, rel_port, generation
// required, tcp candidates without tcptype, JMI ringing and finish) and a web user of jinglegate
// call each other with real media, on one domain and across a.test <-> b.test.
import { test } from 'node:test';
import * as form from './monal/form.mjs';
import { assertProfiles, mediaCallOut } from './harness.mjs';
import { multiDeviceRing, iceRestartRefused } from './cases.mjs';
import { clientSuite } from './suite.mjs';

let world, alice, carol, bob;
clientSuite(form, {
  title: 'Monal',
  callOut: 'propose, JMI ringing, proceed',
  callIn: 'propose, initiate, transport-info with rel_port and a tcp candidate without tcptype, JMI finish after its hangup',
  ready: (w) => { ({ world, alice, carol, bob } = w); },
});

test('monal full-JID call out: a web call to a Monal full JID starts with a JMI propose to that JID, the session-initiate follows its proceed, media flows', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: true }, opts: { to: carol.jid, proposeTo: carol.jid } });
});

test('monal ICE restart from the web is refused: Monal never restarts ICE; told so with the answer, jinglegate.js does not offer it, an offer sent anyway gets feature-not-implemented and is rolled back, nothing reaches Monal, media goes on', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false }, during: (s) => iceRestartRefused(t, carol, alice, s) });
});

test('monal multi-device ring: two tabs ring, the second answers, the first gets answered-elsewhere, media on the second', async (t) => {
  await multiDeviceRing(t, world, carol);
});

test('monal profile: every call above is logged with profile=monal and counted in /metrics', async () => {
  await assertProfiles(carol, bob);
});
