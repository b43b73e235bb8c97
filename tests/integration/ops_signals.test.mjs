// Signals on a running daemon (issue 7): SIGTERM during a live web-to-web call and during a
// bridged call with an XMPP Jingle peer (both sides told why, WebSockets closed with 1001, the
// XMPP stream closed, exit 0), and SIGHUP (a new JWT key
// taken and the old refused, limits changed, keys that need a restart named, a broken file kept out).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Prosody } from './rig/prosody.mjs';
import { Jinglegate, randomSecret, webCall, sample } from './rig/jinglegate.mjs';
import { RawClient, attr } from './rig/xmpp.mjs';

const secret = randomSecret();
let prosody;

before(async () => { prosody = await Prosody.start({ secret, users: { carol: 'carol-pw' } }); });
after(async () => { await prosody?.stop(); });

test('SIGTERM in a call: both sides hear hangup and shutdown, close 1001, the stream closes, exit 0', async () => {
  const jg = await Jinglegate.start({ port: prosody.ports.component, secret });
  const { alice, bob } = await webCall(jg);
  const t0 = Date.now();
  const exited = jg.proc.stop();  // SIGTERM, SIGKILL only after 5 s
  for (const [who, peer] of [[alice, bob.welcome.jid], [bob, alice.welcome.jid]]) {
    const bye = await who.next('hangup');
    assert.equal(bye.session, 'c1');
    assert.equal(bye.reason, 'gone');
    assert.equal(bye.from, peer);
    assert.equal((await who.next('shutdown')).message, 'the gateway is shutting down');
    assert.equal((await who.closed).code, 1001);
  }
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.ok(Date.now() - t0 < 4000, `exited after ${Date.now() - t0} ms`);
  assert.match(jg.output, /info main shutting down signal=TERM/);
  assert.match(jg.output, new RegExp('info call ended id=1 path=web sid=c1 caller=alice@call\\.a\\.test/\\S+ ' +
    'callee=bob@call\\.a\\.test/\\S+ outcome=completed reason=gone by=gateway setup=[\\d.]+ duration=[\\d.]+'));
  assert.match(jg.output, /info link closed domain=call\.a\.test/);
  assert.doesNotMatch(jg.output, /no <\/stream:stream> from the server|grace period over/);
  assert.match(jg.output, /info main exit code=0/);
});

const CORPUS = new URL('../data/corpus/', import.meta.url);

// carol, a scripted Jingle client on Prosody, in an active call with the web user alice: alice
// offers a recorded Chromium SDP to carol's full JID, carol answers the bridge's disco#info,
// acknowledges the session-initiate and accepts it with the same contents (setup active).
async function bridgedCall(jg) {
  const carol = await RawClient.login({ server: prosody, user: 'carol', presence: true });
  const alice = await jg.login('alice');
  alice.send({ type: 'offer', session: 'b1', to: carol.jid, sdp: fs.readFileSync(new URL('audio.offer.sdp', CORPUS), 'utf8') });
  const disco = await carol.next((s) => s.startsWith('<iq') && s.includes('disco#info'));
  carol.send(`<iq type='result' id='${attr(disco, 'id')}' to='${attr(disco, 'from')}'>` +
    "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client' type='pc' name='rig'/>" +
    "<feature var='urn:xmpp:jingle:1'/><feature var='urn:xmpp:jingle:apps:rtp:1'/><feature var='urn:xmpp:jingle:apps:rtp:audio'/>" +
    "<feature var='urn:xmpp:jingle:transports:ice-udp:1'/><feature var='urn:xmpp:jingle:apps:dtls:0'/></query></iq>");
  const initiate = await carol.next((s) => s.startsWith('<iq') && s.includes("action='session-initiate'"));
  carol.ack(initiate);
  const jingle = initiate.slice(initiate.indexOf('<jingle'), initiate.lastIndexOf('</iq>'));
  const accept = jingle.replace("action='session-initiate'", `action='session-accept' responder='${carol.jid}'`)
    .replaceAll("setup='actpass'", "setup='active'");
  const id = 'accept1';
  const result = await carol.iq(id, `<iq type='set' id='${id}' to='${attr(initiate, 'from')}'>${accept}</iq>`);
  assert.equal(attr(result, 'type'), 'result', result);
  await alice.next('answer');
  return { alice, carol, sid: /\ssid='([^']+)'/.exec(initiate)[1] };
}

test('SIGTERM in a bridged call: the Jingle peer gets session-terminate <gone/>, the web user hangup gone, exit 0', async () => {
  const jg = await Jinglegate.start({ port: prosody.ports.component, secret });
  const { alice, carol, sid } = await bridgedCall(jg);
  assert.equal(sample(await jg.metrics(), 'jinglegate_call_sessions{path="jingle",state="active"}'), 1);
  const exited = jg.proc.stop();
  const terminate = await carol.next((s) => s.startsWith('<iq') && s.includes("action='session-terminate'"));
  assert.match(terminate, new RegExp(`sid='${sid}'`));
  assert.match(terminate, /<reason><gone\/>/);
  const bye = await alice.next('hangup');
  assert.deepEqual([bye.session, bye.reason, bye.from], ['b1', 'gone', carol.jid]);
  assert.equal((await alice.closed).code, 1001);
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.match(jg.output, new RegExp(`info call ended id=1 path=jingle sid=${sid} caller=alice@call\\.a\\.test/\\S+ ` +
    `callee=carol@a\\.test/rig outcome=completed reason=gone by=gateway setup=[\\d.]+ duration=[\\d.]+ profile=generic`));
  carol.close();
});

test('SIGHUP: the new JWT key logs in, the old one is refused, limits change, open connections stay', async () => {
  const jg = await Jinglegate.start({ port: prosody.ports.component, secret });
  const oldToken = jg.token('carol');
  const before = await jg.login('carol', { token: oldToken });
  assert.equal(before.welcome.limits.maxCalls, 4);
  const newSecret = randomSecret();
  const line = await jg.reload((s) => {
    s['[[jwt.keys]]'] = { alg: 'HS256', secret: newSecret };
    s.web.max_calls_per_user = 2;
    s.web.max_connections_per_user = 1;
  });
  assert.match(line, /applied="log\.level web xmpp\.secret" failed=- restart_needed=-/);

  const refused = await jg.login('dave', { token: jg.token('dave') }).catch((e) => e);
  assert.equal(refused.code, 'bad-token');
  assert.equal((await refused.closed).code, 4401);
  const fresh = await jg.login('dave', { token: jg.token('dave', 600, newSecret) });
  assert.equal(fresh.welcome.limits.maxCalls, 2);
  const second = await jg.login('dave', { token: jg.token('dave', 600, newSecret) }).catch((e) => e);
  assert.equal(second.code, 'too-many-connections');  // max_connections_per_user is now 1
  assert.equal(before.ws.readyState, WebSocket.OPEN);  // logged in with the old key, still there

  const moved = await jg.reload((s) => { s.web.listen_port += 1; s.database.path = 'other.sqlite'; });
  assert.match(moved, /restart_needed="web\.listen_port database\.path"/);
  const from = jg.output.length;
  fs.writeFileSync(jg.config, '[component\nnot toml');
  process.kill(jg.proc.pid, 'SIGHUP');
  await jg.proc.waitFor(/error main reload failed, keeping the running config reason="TOML: /, { from });
  const still = await jg.login('erin', { token: jg.token('erin', 600, newSecret) });
  assert.equal(still.welcome.limits.maxCalls, 2);
  assert.deepEqual(await jg.stop(), { code: 0, signal: null });
});
