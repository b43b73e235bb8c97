// Faults only a fake server can send: restricted and malformed XML, silence, a refused secret.
// jinglegate must answer with the right stream error, reconnect, and never crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeServer } from './rig/fake_server.mjs';
import { Jinglegate, randomSecret, LINK_UP } from './rig/jinglegate.mjs';

const STREAM = "xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' from='call.a.test'";

test('restricted and malformed XML get a stream error, then the link reconnects', async (t) => {
  const secret = randomSecret();
  // Connection i sends case i after the handshake; the last connection is left alone.
  const cases = [
    { name: 'comment', send: '<!-- hello -->', condition: 'restricted-xml' },
    { name: 'processing instruction', send: "<?evil data?>", condition: 'restricted-xml' },
    { name: 'undefined entity', send: "<message from='a@a.test' to='call.a.test'><body>&xxe;</body></message>", condition: 'restricted-xml' },
    { name: 'not well-formed', send: "<message><body></message>", condition: 'not-well-formed' },
    { name: 'unbound prefix', send: '<x:iq/>', condition: 'not-well-formed' },
    { name: 'too deep', send: '<iq>' + '<a>'.repeat(100), condition: 'policy-violation' },
    { name: 'unterminated tag over the size limit', send: "<message a='" + 'x'.repeat(9000), condition: 'policy-violation' },
  ];
  const server = await fakeServer({ secret, onAuthenticated: (conn, i) => { if (i < cases.length) conn.socket.write(cases[i].send); } });
  const jg = await Jinglegate.start({ port: server.port, secret, waitUp: false,
    xmpp: { reconnect_initial: 0.05, reconnect_max: 0.2, max_stanza_bytes: 4096 } });
  try {
    await server.until((cs) => cs.length === cases.length + 1 && cs[cases.length].authenticated, 20000);
    cases.forEach((c, i) => {
      const conn = server.connections[i];
      assert.ok(conn.closedAt, `${c.name}: connection closed`);
      assert.match(conn.received, new RegExp(`<stream:error><${c.condition} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>`), c.name);
      assert.match(conn.received, /<\/stream:stream>$/, `${c.name}: stream closed`);
      const next = server.connections[i + 1];
      t.diagnostic(`${c.name}: reconnected after ${next.openedAt - conn.closedAt} ms`);
    });
    await jg.proc.waitForCount(LINK_UP, cases.length + 1);
    assert.equal(jg.proc.count(/error link stream error sent/), cases.length);
    assert.equal(jg.proc.count(LINK_UP), cases.length + 1);
    assert.equal(jg.proc.exit, undefined, 'still running');
  } finally {
    const exit = await jg.stop();
    const clean = server.connections.at(-1).closedByPeer;
    await server.close();  // before asserting: a listening server would keep this file's process alive
    assert.equal(exit.code, 0);
    assert.ok(clean, 'clean </stream:stream> on shutdown');
  }
});

test('a DOCTYPE before the server\'s stream header is restricted-xml', async () => {
  const secret = randomSecret();
  const server = await fakeServer({ secret,
    header: (i, id) => (i === 0 ? "<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>" : "<?xml version='1.0'?>") +
      `<stream:stream ${STREAM} id='${id}'>` });
  const jg = await Jinglegate.start({ port: server.port, secret, waitUp: false, xmpp: { reconnect_initial: 0.05 } });
  try {
    await server.until((cs) => cs.length >= 2 && cs[1].authenticated);
    assert.match(server.connections[0].received, /<restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'\/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>DOCTYPE<\/text>/);
    assert.ok(!server.connections[0].authenticated);
  } finally {
    await jg.stop();
    await server.close();
  }
});

test('a server that stops answering is declared dead after the ping timeout, then reconnected', async (t) => {
  const secret = randomSecret();
  const server = await fakeServer({ secret });  // never answers anything after the handshake
  const jg = await Jinglegate.start({ port: server.port, secret, xmpp: { ping_interval: 1, ping_timeout: 1 } });
  try {
    await server.until((cs) => cs.length >= 2 && cs[1].authenticated, 8000);
    const first = server.connections[0];
    assert.match(first.received, /<iq type='get' id='jg-ping-1' from='call.a.test' to='call.a.test'><ping xmlns='urn:xmpp:ping'\/><\/iq>/);
    t.diagnostic(`dead link noticed ${first.closedAt - first.openedAt} ms after connecting (ping_interval 1 s + ping_timeout 1 s)`);
    assert.ok(first.closedAt - first.openedAt >= 1900 && first.closedAt - first.openedAt < 3500);
    assert.match(jg.output, /warn link down reason="no answer to ping within 1\.0+ s"/);
  } finally {
    await jg.stop();
    await server.close();
  }
});

test('a refused handshake is retried at once, then after the initial delay, then given up (exit 1)', async () => {
  const secret = randomSecret();
  const server = await fakeServer({ secret, acceptSecret: false });
  const jg = await Jinglegate.start({ port: server.port, secret, waitUp: false, xmpp: { reconnect_initial: 0.3, reconnect_max: 5 } });
  const exit = await jg.proc.exited;
  await server.close();
  assert.equal(exit.code, 1);
  const cs = server.connections;
  assert.equal(cs.length, 3);
  const gap1 = cs[1].openedAt - cs[0].closedAt;
  const gap2 = cs[2].openedAt - cs[1].closedAt;
  assert.ok(gap1 < 150, `first retry at once (${gap1} ms)`);
  assert.ok(gap2 >= 0.8 * 300 - 20 && gap2 <= 1.2 * 300 + 150, `second retry after 0.3 s ± 20 % (${gap2} ms)`);
});
