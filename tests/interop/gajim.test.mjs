// Interop: Gajim (tests/interop/gajim/form.mjs, README.md): plain RTP without XEP-0320 and no
// XEP-0353, so no call can connect to a browser; each case asserts it ends cleanly instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as form from './gajim/form.mjs';
import { World, stopWorld, resetWeb, webDial, until } from './harness.mjs';
import { parseSdp } from './sdp.mjs';
import { subscribe, assertProfile } from './web.mjs';
import { nextId } from './peer.mjs';
import { attr } from '../integration/rig/xmpp.mjs';

const REFUSALS = ['security-error', 'incompatible-parameters', 'failed-application', 'unsupported-applications', 'decline'];
let world, alice, gajim, gajimNoAv, gajimCallIn;

before(async () => {
  world = await World.start({ domains: ['a.test'] });
  alice = await world.web('alice');
  gajim = await world.peer(form, 'carol', 'a.test');
  gajimNoAv = await world.peer({ ...form, caps: form.capsWithoutAv }, 'erin', 'a.test');
});

after(() => stopWorld(world));

test('gajim call in: its plain-RTP session-initiate (no fingerprint, no JMI) is refused with a session-terminate reason, and the web user is not left ringing', async () => {
  await resetWeb(alice);
  const offer = parseSdp(await gajim.engine.offer({ audio: true, video: false }));
  const sid = nextId('gajim');
  gajim.sessions.set(sid, { mids: {}, media: ['audio'] });
  gajimCallIn = sid;
  const reply = await gajim.iq(form.initiate({ to: alice.jid, id: nextId('ini'), sid, sdp: offer, peer: gajim }));
  const term = attr(reply, 'type') === 'error' ? null : await gajim.nextJingle('session-terminate', sid, 10000);
  if (term) assert.ok(REFUSALS.includes(gajim.reason(term)), term.xml);
  await new Promise((r) => setTimeout(r, 1000));
  const web = await alice.page.evaluate(() => ({ rang: !!window.t.incomingFrom, ended: window.t.ended }));
  assert.ok(!web.rang || web.ended !== null, `the web user rang without an end: ${JSON.stringify(web)}`);
  await gajim.engine.close();
});

// Issue 9 B: the web user is subscribed, so the gateway knows every resource's caps; none can
// take a browser's call (no DTLS-SRTP in any Gajim; no RTP at all in current Gajim).
for (const [what, peer] of [['current Gajim (no Jingle RTP features)', () => gajimNoAv], ['Gajim 2.4 with A/V (RTP without DTLS)', () => gajim]]) {
  test(`gajim call out, ${what}: the subscribed web user's call to its bare JID ends within 3 s with hangup unsupported-applications, no propose sent`, async () => {
    const p = peer();
    const presence = await subscribe(alice, p);
    assert.deepEqual(presence.caps, { audio: false, video: false, data: false, jmi: false });
    await resetWeb(alice);
    const started = Date.now();
    await webDial(alice.page, p.bareJid, { audio: true, video: false });
    await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user', 3000);
    assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'unsupported-applications', remote: true });
    assert.ok(Date.now() - started < 3000);
    await p.client.mailbox.nothing((x) => x.startsWith('<message') && x.includes('<propose'), 200);
  });
}

test('gajim profile: its call in was logged with profile=gajim (disco#info of the caller)', async () => {
  await assertProfile(alice, gajimCallIn, 'gajim');
});
