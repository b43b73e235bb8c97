// Issue 6 on ejabberd 23.01 (one run): subscriptions both ways, presence with caps reaching each
// side and verifying, call capability, unsubscribe, and the roster after a restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ejabberd } from './rig/ejabberd.mjs';
import { Jinglegate, randomSecret } from './rig/jinglegate.mjs';
import { xmppUser, nextPresence, until, item, rosterPush, presenceOf, attr, JINGLE_FEATURES } from './rig/presence.mjs';

const secret = randomSecret();
let ejabberd;
let jg;
let alice;
const xmpp = {};

before(async () => {
  ejabberd = await Ejabberd.start({ secret, users: { bob: 'bob-pw', dave: 'dave-pw' } });
  jg = await Jinglegate.start({ port: ejabberd.ports.component, secret });
  alice = await jg.login('alice', { resource: 'w' });
  await alice.next('roster');
});

after(async () => {
  for (const c of Object.values(xmpp)) c.close();
  alice?.close();
  if (jg) await jg.stop();
  if (ejabberd) await ejabberd.stop();
});

test('the web user subscribes to a Jingle client on ejabberd and sees it can take calls', async () => {
  xmpp.bob = await xmppUser(ejabberd, 'bob', 'bob-pw', { features: JINGLE_FEATURES, name: 'Dino-like' });
  alice.send({ type: 'subscribe', to: 'bob@a.test' });
  assert.equal((await rosterPush(alice, 'bob@a.test')).ask, 'subscribe');
  const req = await nextPresence(xmpp.bob, { type: 'subscribe' });
  assert.equal(attr(req, 'from'), 'alice@call.a.test');
  xmpp.bob.send("<presence to='alice@call.a.test' type='subscribed'/>");
  await until(alice, 'roster', (r) => item(r, 'bob@a.test')?.subscription === 'to');
  const p = await presenceOf(alice, 'bob@a.test/rig');
  assert.deepEqual(p.caps, { audio: true, video: true, data: false, jmi: true });
});

test('an ejabberd user subscribes to the web user, is approved and gets presence with our caps', async () => {
  xmpp.dave = await xmppUser(ejabberd, 'dave', 'dave-pw');
  xmpp.dave.send("<presence to='alice@call.a.test' type='subscribe'/>");
  assert.equal((await alice.next('subscription-request')).from, 'dave@a.test');
  alice.send({ type: 'approve', jid: 'dave@a.test' });
  await nextPresence(xmpp.dave, { type: 'subscribed', from: 'alice@call.a.test' });
  const p = await nextPresence(xmpp.dave, { from: 'alice@call.a.test/w' });
  assert.equal(attr(p.slice(p.indexOf('<c ')), 'ver'), jg.capsVer);
});

test('unsubscribe on ejabberd, and the roster survives a restart', async () => {
  alice.send({ type: 'unsubscribe', to: 'bob@a.test' });
  await nextPresence(xmpp.bob, { type: 'unsubscribe', from: 'alice@call.a.test' });
  await until(alice, 'roster', (r) => item(r, 'bob@a.test')?.subscription === 'none');
  alice.close();
  await jg.stop();
  await jg.spawn();
  alice = await jg.login('alice', { resource: 'w' });
  const roster = await alice.next('roster');
  assert.deepEqual(roster.items, [{ jid: 'bob@a.test', subscription: 'none' }, { jid: 'dave@a.test', subscription: 'from' }]);
  // dave is told alice is back, with caps (initial presence to subscribers, RFC 6121 §4.2.2).
  await nextPresence(xmpp.dave, { from: 'alice@call.a.test/w' });
});
