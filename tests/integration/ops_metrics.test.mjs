// GET /metrics on a daemon linked to Prosody (issue 7): every metric family is there, and the
// figures move when a WebSocket opens, a call is set up and ends, and the XMPP link comes back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Prosody } from './rig/prosody.mjs';
import { Jinglegate, randomSecret, webCall, sample, LINK_UP } from './rig/jinglegate.mjs';

const secret = randomSecret();
let prosody, jg;

before(async () => {
  prosody = await Prosody.start({ secret });
  jg = await Jinglegate.start({ port: prosody.ports.component, secret });
  await jg.proc.waitFor(/info extdisco refused server=a\.test reason="?service-unavailable/);  // no XEP-0215 here
});
after(async () => {
  const exit = await jg?.stop();
  await prosody?.stop();
  assert.equal(exit?.code, 0);
});

const FAMILIES = [
  ['jinglegate_xmpp_link_up', 'gauge'], ['jinglegate_xmpp_reconnects_total', 'counter'],
  ['jinglegate_xmpp_stanzas_total', 'counter'], ['jinglegate_xmpp_stanzas_refused_total', 'counter'],
  ['jinglegate_web_connections', 'gauge'], ['jinglegate_web_users', 'gauge'],
  ['jinglegate_web_connections_total', 'counter'], ['jinglegate_web_auth_failures_total', 'counter'],
  ['jinglegate_web_messages_total', 'counter'], ['jinglegate_web_closes_total', 'counter'],
  ['jinglegate_web_ice_updates_total', 'counter'], ['jinglegate_call_sessions', 'gauge'],
  ['jinglegate_call_setup_seconds', 'histogram'], ['jinglegate_calls_total', 'counter'],
  ['jinglegate_translation_errors_total', 'counter'],
];

test('every family is exposed in the text format, with a HELP line', async () => {
  const res = await fetch(`${jg.url}/metrics`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  for (const [name, type] of FAMILIES) {
    assert.match(text, new RegExp(`^# HELP ${name} \\S`, 'm'), name);
    assert.match(text, new RegExp(`^# TYPE ${name} ${type}$`, 'm'), name);
  }
  assert.equal(sample(text, 'jinglegate_xmpp_link_up'), 1);
  assert.ok(sample(text, 'jinglegate_xmpp_stanzas_total{direction="out"}') >= 1);  // the XEP-0215 request at least
  assert.ok(sample(text, 'jinglegate_xmpp_stanzas_total{direction="in"}') >= 1);   // and its answer
  assert.equal(sample(text, 'jinglegate_web_connections'), 0);
  for (const path of ['web', 'jingle'])
    for (const state of ['ringing', 'active']) assert.equal(sample(text, `jinglegate_call_sessions{path="${path}",state="${state}"}`), 0);
});

test('a connection and a call move the figures, and so does a link that comes back', async () => {
  const { alice, bob } = await webCall(jg);
  let text = await jg.metrics();
  assert.equal(sample(text, 'jinglegate_web_connections'), 2);
  assert.equal(sample(text, 'jinglegate_web_users'), 2);
  assert.equal(sample(text, 'jinglegate_call_sessions{path="web",state="active"}'), 1);
  assert.equal(sample(text, 'jinglegate_call_setup_seconds_count{path="web"}'), 1);
  assert.ok(sample(text, 'jinglegate_web_messages_total{direction="in"}') >= 3);  // offer, accept, answer

  alice.send({ type: 'hangup', session: 'c1' });
  assert.equal((await bob.next('hangup')).reason, 'success');
  text = await jg.metrics();
  assert.equal(sample(text, 'jinglegate_call_sessions{path="web",state="active"}'), 0);
  assert.equal(sample(text, 'jinglegate_calls_total{path="web",outcome="completed"}'), 1);
  assert.match(jg.output, /info call ended id=1 path=web sid=c1 .* outcome=completed reason=success by=caller/);

  const from = jg.output.length;
  await prosody.kill('SIGKILL');
  await jg.proc.waitFor(/warn link down/, { from });
  assert.equal(sample(await jg.metrics(), 'jinglegate_xmpp_link_up'), 0);
  await prosody.spawn();
  await jg.proc.waitFor(LINK_UP, { from, timeoutMs: 10000 });
  text = await jg.metrics();
  assert.equal(sample(text, 'jinglegate_xmpp_link_up'), 1);
  assert.equal(sample(text, 'jinglegate_xmpp_reconnects_total'), 1);
  alice.close();
  bob.close();
});
