// Interop: a scripted Monal (tests/interop/monal/form.mjs: JMI only, rel_port, generation
// required, tcp candidates without tcptype, JMI ringing and finish) and a web user of jinglegate
// call each other with real media, on one domain and across a.test <-> b.test.
import { test, before, after } from 'node:test';
import * as form from './monal/form.mjs';
import { World, stopWorld, assertProfiles, mediaCallOut, mediaCallIn } from './harness.mjs';
import { multiDeviceRing } from './cases.mjs';

let world, alice, carol, bob;

before(async () => {
  world = await World.start();
  alice = await world.web('alice');
  carol = await world.peer(form, 'carol', 'a.test');
  bob = await world.peer(form, 'bob', 'b.test');
});

after(() => stopWorld(world));

test('monal call out: web -> Monal (propose, JMI ringing, proceed), audio+video flow, web hangup', async (t) => {
  await mediaCallOut(t, carol, alice);
});

test('monal call in: Monal -> web (propose, initiate, transport-info with rel_port and a tcp candidate without tcptype), audio+video flow, its hangup and JMI finish', async (t) => {
  await mediaCallIn(t, carol, alice);
});

test('monal audio: an audio-only call out keeps the proposed media in the session-initiate', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: false } });
});

test('monal federation call out: web on call.a.test -> Monal on b.test over s2s', async (t) => {
  await mediaCallOut(t, bob, alice);
});

test('monal federation call in: Monal on b.test -> web on call.a.test over s2s', async (t) => {
  await mediaCallIn(t, bob, alice);
});

test('monal full-JID call out: a web call to a Monal full JID starts with a JMI propose to that JID, the session-initiate follows its proceed, media flows', async (t) => {
  await mediaCallOut(t, carol, alice, { media: { audio: true, video: true }, opts: { to: carol.jid, proposeTo: carol.jid } });
});

test('monal multi-device ring: two tabs ring, the second answers, the first gets answered-elsewhere, media on the second', async (t) => {
  await multiDeviceRing(t, world, carol);
});

test('monal profile: every call above is logged with profile=monal and counted in /metrics', async () => {
  await assertProfiles(carol, bob);
});
