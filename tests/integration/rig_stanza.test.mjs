// Rig self-test: StanzaJS in headless Chromium, alice@a.test and bob@b.test, call each other across
// s2s with real WebRTC relayed by coturn on 127.0.0.1 (audio, video, data channel), without
// jinglegate: what the bridge tests do with one side replaced by a web user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Federation } from './rig/federation.mjs';
import { startCoturn } from './rig/coturn.mjs';
import { StanzaBrowser } from './rig/stanza_browser.mjs';

// A few hundred ms of Chromium's fake beep and test pattern: far above RTCP or DTLS alone.
const MEDIA = { audio: 4000, video: 20000 };

let fed;
let turn;
let browser;
let alice;
let bob;

before(async () => {
  [fed, turn] = await Promise.all([Federation.start({ gateways: false }), startCoturn()]);
  browser = await StanzaBrowser.launch({ turn });
  [alice, bob] = await Promise.all([
    browser.login({ server: fed.server('a.test'), user: 'alice' }),
    browser.login({ server: fed.server('b.test'), user: 'bob' }),
  ]);
});

after(async () => {
  await browser?.close();
  await fed?.stop();
  await turn?.stop();
});

// Both ends connected through TURN relays on loopback, media and data flowing both ways.
async function assertFlowing(t, caller, callee, sid) {
  const [a, b] = await Promise.all([caller.waitForMedia(sid, MEDIA), callee.waitForMedia(sid, MEDIA)]);
  t.diagnostic(`bytes received: caller audio ${a.audio} video ${a.video}, callee audio ${b.audio} video ${b.video}`);
  for (const s of [a, b]) {
    assert.equal(s.pair.local.type, 'relay');
    assert.equal(s.pair.remote.type, 'relay');
    assert.equal(s.pair.local.address, '127.0.0.1');
    assert.ok(s.framesDecoded > 0, 'video frames decoded');
  }
  await caller.sendData(sid, `ping from ${caller.jid}`);
  assert.equal(await callee.nextData(sid), `ping from ${caller.jid}`);
  await callee.sendData(sid, `pong from ${callee.jid}`);
  assert.equal(await caller.nextData(sid), `pong from ${callee.jid}`);
}

async function connect(caller, callee) {
  const sid = await caller.call(callee.jid);
  const incoming = await callee.incoming({ from: caller.jid });
  assert.equal(incoming.sid, sid);
  await callee.accept(sid);
  await caller.nextEvent({ event: 'accepted', sid });
  return sid;
}

test('alice@a.test calls bob@b.test: audio, video and data flow both ways; alice hangs up and both sessions end', async (t) => {
  const started = Date.now();
  const sid = await connect(alice, bob);
  await assertFlowing(t, alice, bob, sid);
  t.diagnostic(`call set up and media flowing after ${Date.now() - started} ms`);
  const hangup = Date.now();
  await alice.hangup(sid);
  assert.deepEqual(await alice.ended(sid), { condition: 'success' });
  assert.deepEqual(await bob.ended(sid), { condition: 'success' });
  t.diagnostic(`both sessions ended ${Date.now() - hangup} ms after the hangup`);
});

test('bob@b.test calls alice@a.test: media flows both ways; the callee hangs up with a reason both sides see', async (t) => {
  const sid = await connect(bob, alice);
  await assertFlowing(t, bob, alice, sid);
  await alice.hangup(sid, 'busy');
  assert.equal((await alice.ended(sid)).condition, 'busy');
  assert.equal((await bob.ended(sid)).condition, 'busy');
});

test('a raw stanza from the page crosses s2s and is awaited by predicate; a wait that finds nothing times out', async () => {
  await alice.send(`<message xmlns='jabber:client' to='${bob.jid}' id='raw1' type='chat'><body>raw over ws</body></message>`);
  const got = await bob.next((s) => s.startsWith('<message') && s.includes("id='raw1'"));
  assert.match(got, /<body>raw over ws<\/body>/);
  assert.match(got, new RegExp(`from=['"]${alice.jid}['"]`));
  await assert.rejects(bob.next(/id='never'/, 200), /nothing matching .* within 200 ms/);
});
