// ICE servers for browsers (issue 7). From the XMPP server with XEP-0215: Prosody's
// mod_turn_external and ejabberd's mod_stun_disco hand out coturn's TURN REST credentials,
// jinglegate passes them on in `welcome` and renews them (`ice-servers`) before they expire, and a
// call forced through TURN between two Chromium pages connects and carries media with them. From
// a static secret in jinglegate's config: fresh credentials work on coturn, expired ones do not (G16).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCoturn } from './rig/coturn.mjs';
import { Prosody } from './rig/prosody.mjs';
import { Ejabberd } from './rig/ejabberd.mjs';
import { Jinglegate, randomSecret } from './rig/jinglegate.mjs';
import { launchBrowser, newPage, pageLogin, relayCall, untilVideoFlows } from './rig/browser.mjs';
import { turnAllocate, turnRestCredential } from './rig/turn_check.mjs';

let turn;
const now = () => Math.floor(Date.now() / 1000);
const turnEntry = (servers) => servers.find((s) => s.urls.some((u) => u.startsWith('turn:')));

before(async () => { turn = await startCoturn(); });
after(async () => { await turn?.stop(); });

test('Prosody mod_turn_external: a relay-only call between two Chromium pages connects with XEP-0215 credentials', async () => {
  const secret = randomSecret();
  const prosody = await Prosody.start({ secret, turn, turnTtl: 3600 });
  const jg = await Jinglegate.start({ port: prosody.ports.component, secret });  // no TURN of its own
  const browser = await launchBrowser();
  try {
    await jg.proc.waitFor(/info extdisco services server=a\.test count=2 /);
    const alice = await newPage(browser, `${jg.url}/index.html`, 'alice');
    const bob = await newPage(browser, `${jg.url}/index.html`, 'bob');
    const a = await pageLogin(alice, jg.token('alice'));
    await pageLogin(bob, jg.token('bob'));
    const relay = turnEntry(a.iceServers);
    assert.deepEqual(relay.urls, [`turn:127.0.0.1:${turn.port}?transport=udp`]);
    assert.match(relay.username, /^\d+$/);  // Prosody's REST username: the expiry alone
    assert.ok(Number(relay.username) - now() <= 3600 && Number(relay.username) - now() > 3500);
    assert.ok(a.iceServers.some((s) => s.urls.includes(`stun:127.0.0.1:${turn.port}`)));

    await relayCall(alice, bob, 'bob@call.a.test');
    for (const [name, page] of [['bob', bob], ['alice', alice]]) {
      const stats = await untilVideoFlows(page, name);
      assert.equal(stats.localType, 'relay', `${name}'s media goes through TURN`);
      assert.equal(stats.localAddress, '127.0.0.1');
    }
    await alice.evaluate(() => window.t.call.hangup());
  } finally {
    await browser.close();
    const exit = await jg.stop();
    await prosody.stop();
    assert.equal(exit.code, 0);
  }
});

test('ejabberd mod_stun_disco: credentials work on coturn and are renewed before they expire', async () => {
  const secret = randomSecret();
  const ejabberd = await Ejabberd.start({ secret, turn, turnTtl: 8 });
  const jg = await Jinglegate.start({ port: ejabberd.ports.component, secret });
  try {
    await jg.proc.waitFor(/info extdisco services server=a\.test count=2 .* expires_in=[78] refresh_in=[56]/);
    const alice = await jg.login('alice');
    const first = turnEntry(alice.welcome.iceServers);
    assert.match(first.username, /^\d+:[0-9a-f]{16}$/);  // ejabberd's: expiry and a hash of the asker
    assert.ok(first.expires - now() <= 8, `expires in ${first.expires - now()} s`);
    assert.deepEqual(await turnAllocate({ port: turn.port, username: first.username, credential: first.credential }),
      { ok: true, code: 0 });
    // The connection's own renewal may still carry the list held before the server's answer to
    // our refresh; what matters is that fresh credentials arrive before the first ones expire.
    let renewed = first;
    while (renewed.expires <= first.expires) renewed = turnEntry((await alice.next('ice-servers', 12000)).iceServers);
    assert.ok(now() <= first.expires, 'renewed before the first credentials expired');
    assert.notEqual(renewed.username, first.username);
    assert.deepEqual(await turnAllocate({ port: turn.port, username: renewed.username, credential: renewed.credential }),
      { ok: true, code: 0 });
    alice.close();
  } finally {
    const exit = await jg.stop();
    await ejabberd.stop();
    assert.equal(exit.code, 0);
  }
});

test('static secret (TURN REST): fresh credentials work on coturn, expired ones are refused (G16)', async () => {
  const jg = await Jinglegate.start({ turn, waitUp: false, ice: { discover_xep0215: false, credential_ttl: 43200 } });
  try {
    const alice = await jg.login('alice');
    const cred = turnEntry(alice.welcome.iceServers);
    const [expiry, user] = cred.username.split(':');
    assert.equal(user, 'alice');
    assert.ok(Number(expiry) - now() <= 43200 && Number(expiry) - now() > 43100, 'at most 12 h');
    assert.equal(cred.expires, Number(expiry));
    assert.equal(cred.credential, turnRestCredential(turn.secret, cred.username));  // the secret itself never leaves
    assert.ok(!JSON.stringify(alice.welcome).includes(turn.secret));
    assert.deepEqual(await turnAllocate({ port: turn.port, username: cred.username, credential: cred.credential }),
      { ok: true, code: 0 });
    const expired = `${now() - 60}:alice`;
    assert.deepEqual(await turnAllocate({ port: turn.port, username: expired, credential: turnRestCredential(turn.secret, expired) }),
      { ok: false, code: 401 });
    alice.close();
  } finally {
    assert.equal((await jg.stop()).code, 0);
  }
});
