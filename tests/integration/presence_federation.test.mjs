// Issue 6 across domains: a web user of call.a.test and an XMPP user of b.test subscribe to each
// other over s2s (two federated Prosody servers, rig/federation.mjs), with approval, presence and
// caps both ways (our disco#info of the contact's caps crosses s2s too), then unsubscribe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Federation } from './rig/federation.mjs';
import { xmppUser, nextPresence, until, item, presenceOf, attr, JINGLE_FEATURES } from './rig/presence.mjs';

let fed;
let alice;  // web user alice@call.a.test
let bob;    // XMPP user bob@b.test

before(async () => {
  fed = await Federation.start();
  alice = await fed.gateway('a.test').login('alice', { resource: 'w' });
  await alice.next('roster');
  bob = await xmppUser(fed.server('b.test'), 'bob', 'bob-pw', { features: JINGLE_FEATURES, name: 'Dino-like' });
});

after(async () => {
  bob?.close();
  alice?.close();
  await fed?.stop();
});

test('the web user subscribes to bob@b.test over s2s; bob approves; his presence arrives with call capability', async () => {
  alice.send({ type: 'subscribe', to: 'bob@b.test' });
  const req = await nextPresence(bob, { type: 'subscribe', timeoutMs: 10000 });
  assert.equal(attr(req, 'from'), 'alice@call.a.test');
  bob.send("<presence to='alice@call.a.test' type='subscribed'/>");
  await until(alice, 'roster', (r) => item(r, 'bob@b.test')?.subscription === 'to', 10000);
  const p = await presenceOf(alice, 'bob@b.test/rig', { timeoutMs: 10000 });
  assert.deepEqual(p.caps, { audio: true, video: true, data: false, jmi: true });
  assert.deepEqual(bob.discoAsked, ['call.a.test']);
  assert.ok(/Outgoing s2s connection (call\.)?a\.test->b\.test complete/.test(fed.server('a.test').logText()));
});

test('bob@b.test subscribes to the web user, is approved, and gets its presence with our caps', async () => {
  bob.send("<presence to='alice@call.a.test' type='subscribe'/>");
  assert.equal((await alice.next('subscription-request', 10000)).from, 'bob@b.test');
  alice.send({ type: 'approve', jid: 'bob@b.test' });
  await nextPresence(bob, { type: 'subscribed', from: 'alice@call.a.test', timeoutMs: 10000 });
  const p = await nextPresence(bob, { from: 'alice@call.a.test/w', timeoutMs: 10000 });
  assert.equal(attr(p.slice(p.indexOf('<c ')), 'ver'), fed.gateway('a.test').capsVer);
  assert.equal((await until(alice, 'roster', (r) => item(r, 'bob@b.test')?.subscription === 'both')).items.length, 1);
});

test('unsubscribe across domains: bob hears it, the roster follows', async () => {
  alice.send({ type: 'unsubscribe', to: 'bob@b.test' });
  await nextPresence(bob, { type: 'unsubscribe', from: 'alice@call.a.test', timeoutMs: 10000 });
  await until(alice, 'roster', (r) => item(r, 'bob@b.test')?.subscription === 'from', 10000);
});
