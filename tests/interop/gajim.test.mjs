// Interop: Gajim (tests/interop/gajim/form.mjs, README.md): plain RTP without XEP-0320 and no
// XEP-0353, so no call can connect to a browser; each case asserts it ends cleanly instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as form from './gajim/form.mjs';
import { World, stopWorld, resetWeb, webDial, until } from './harness.mjs';
import { parseSdp } from './sdp.mjs';
import { nextId } from './peer.mjs';
import { attr } from '../integration/rig/xmpp.mjs';

const REFUSALS = ['security-error', 'incompatible-parameters', 'failed-application', 'unsupported-applications', 'decline'];
let world, alice, gajim, gajimNoAv;

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
  const reply = await gajim.iq(form.initiate({ to: alice.jid, id: nextId('ini'), sid, sdp: offer, peer: gajim }));
  const term = attr(reply, 'type') === 'error' ? null : await gajim.nextJingle('session-terminate', sid, 10000);
  if (term) assert.ok(REFUSALS.includes(gajim.reason(term)), term.xml);
  await new Promise((r) => setTimeout(r, 1000));
  const web = await alice.page.evaluate(() => ({ rang: !!window.t.incomingFrom, ended: window.t.ended }));
  assert.ok(!web.rang || web.ended !== null, `the web user rang without an end: ${JSON.stringify(web)}`);
  await gajim.engine.close();
});

test('gajim call out: a web call to a Gajim that announces no Jingle RTP ends at once with a JSON hangup reason', { todo: 'needs: refuse a call to a bare JID whose resources lack urn:xmpp:jingle:apps:rtp:1 (no JMI propose left unanswered)' }, async () => {
  await resetWeb(alice);
  await webDial(alice.page, gajimNoAv.bareJid, { audio: true, video: false });
  await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user', 10000);
  const ended = await alice.page.evaluate(() => window.t.ended);
  assert.equal(ended.remote, true);
});
