// End to end: two headless Chromium pages served by the gateway log in as alice and bob; alice calls
// bob with a fake video track and a data channel through coturn on 127.0.0.1 (relay only); the
// data-channel message and inbound video bytes arrive; a hangup ends the call on both pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startCoturn } from './rig/coturn.mjs';
import { launchBrowser, newPage, pageLogin as login, relayCall, until, untilVideoFlows } from './rig/browser.mjs';
import { Jinglegate } from './rig/jinglegate.mjs';

let turn, gw, browser;

before(async () => {
  turn = await startCoturn();
  gw = await Jinglegate.start({ turn, waitUp: false });  // no XMPP server: web users only
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  const exit = await gw?.stop();
  await turn?.stop();
  if (exit) assert.equal(exit.code, 0, `jinglegate exited with ${JSON.stringify(exit)}; see ${gw.logFile}`);
});

test('alice calls bob: data channel and video arrive through TURN, and a hangup ends both', async () => {
  const alice = await newPage(browser, `${gw.url}/index.html`, 'alice');
  const bob = await newPage(browser, `${gw.url}/index.html`, 'bob');
  const a = await login(alice, gw.token('alice'));
  const b = await login(bob, gw.token('bob'));
  assert.match(a.jid, /^alice@call\.a\.test\/[0-9a-f]{16}$/);
  assert.match(b.jid, /^bob@call\.a\.test\//);
  assert.equal(a.iceServers[0].urls[0], turn.uri);

  await relayCall(alice, bob, 'bob@call.a.test');
  assert.equal(await bob.evaluate(() => window.t.incomingFrom), a.jid);
  assert.equal(await alice.evaluate(() => window.t.rang === true), true);
  for (const [name, page] of [['bob', bob], ['alice', alice]]) {
    const stats = await untilVideoFlows(page, name);
    assert.ok(stats.bytes > 0, `${name} received video`);
    assert.equal(stats.localType, 'relay', `${name}'s media goes through TURN`);
    assert.equal(stats.localAddress, '127.0.0.1');
  }

  await alice.evaluate(() => window.t.call.hangup());
  await until(bob, () => window.t.ended !== null, null, 'the hangup at bob');
  assert.deepEqual(await bob.evaluate(() => window.t.ended), { reason: 'success', remote: true });
  assert.deepEqual(await alice.evaluate(() => window.t.ended), { reason: 'success', remote: false });
  assert.equal(await bob.evaluate(() => window.t.call.pc.connectionState), 'closed');
  assert.deepEqual(await alice.evaluate(() => window.t.errors), []);
  assert.deepEqual(await bob.evaluate(() => window.t.errors), []);
});

test('a page from another origin cannot open the gateway (Origin allow-list, 403)', async () => {
  // The same daemon reached as "localhost": the page's origin is not the gateway's own origin.
  const page = await newPage(browser, `http://localhost:${gw.webPort}/index.html`, 'other-origin');
  const attempt = url => page.evaluate(url => new Promise(resolve => {
    const ws = new WebSocket(url);
    ws.onopen = () => { ws.close(); resolve('open'); };
    ws.onerror = () => resolve('refused');
  }), url);
  assert.equal(await attempt(`ws://127.0.0.1:${gw.webPort}/ws`), 'refused');
  assert.equal(await attempt(`ws://localhost:${gw.webPort}/ws`), 'open');  // its own origin is fine
  const status = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: gw.webPort, path: '/ws', headers: {
      Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', Origin: 'http://evil.example' } });
    req.on('response', res => resolve(res.statusCode));
    req.on('upgrade', () => resolve(101));
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 403);
});

test('the gateway answers /health with JSON', async () => {
  const res = await fetch(`${gw.url}/health`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
});
