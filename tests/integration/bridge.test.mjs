// The bridge end to end on one domain: a web user (the gateway's own JS client in headless
// Chromium, logged in to call.a.test) and an XMPP user (StanzaJS in headless Chromium on a.test)
// call each other with real WebRTC relayed by coturn on 127.0.0.1: audio, video and a data
// channel flow both ways, and a hangup on either side ends both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSingleDomain } from './rig/federation.mjs';
import { startCoturn } from './rig/coturn.mjs';
import { StanzaBrowser } from './rig/stanza_browser.mjs';
import { webUser, webCall, assertFlowing, until } from './bridge_web.mjs';

let fed, turn, sb, carol, alice;

before(async () => {
  turn = await startCoturn();
  fed = await startSingleDomain({ gateways: { turn } });
  sb = await StanzaBrowser.launch({ turn });
  carol = await sb.login({ server: fed.server('a.test'), user: 'carol' });
  alice = await webUser(sb.browser, fed.gateway('a.test'), 'alice');
});

after(async () => {
  await sb?.close();
  const exits = fed ? await Promise.all(Object.values(fed.gateways).map((g) => g.stop())) : [];
  await fed?.stop();
  await turn?.stop();
  for (const exit of exits) assert.equal(exit.code, 0, `jinglegate exited with ${JSON.stringify(exit)}`);
});

test('the web user calls a StanzaJS user (full JID, plain session-initiate): media and data both ways; the web hangup ends both', async (t) => {
  await webCall(alice.page, carol.jid);
  const { sid, peer } = await carol.incoming({ timeoutMs: 15000 });
  assert.equal(peer, alice.jid);
  await carol.accept(sid);
  await assertFlowing(t, alice, carol, sid);
  await alice.page.evaluate(() => window.t.call.hangup());
  assert.equal((await carol.ended(sid)).condition, 'success');
  assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'success', remote: false });
  assert.deepEqual(await alice.page.evaluate(() => window.t.errors), []);
});

test('a StanzaJS user calls the web user (session-initiate without JMI): the web page rings, accepts, media flows; the XMPP hangup ends both', async (t) => {
  const sid = await carol.call(alice.jid);
  await carol.nextEvent({ event: 'accepted', sid }, 15000);
  assert.equal(await alice.page.evaluate(() => window.t.incomingFrom), carol.jid);
  await assertFlowing(t, alice, carol, sid);
  await carol.hangup(sid, 'busy');
  assert.equal((await carol.ended(sid)).condition, 'busy');
  await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user');
  assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'busy', remote: true });
});
