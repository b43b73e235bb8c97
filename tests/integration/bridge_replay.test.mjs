// Replays of the Jingle stanza forms of Conversations and Dino (tests/data/jingle/conversations/,
// dino/) from a scripted raw XMPP client (carol@a.test) to a web user of call.a.test (the
// gateway's JS client in headless Chromium): XEP-0353 propose rings the page, its accept sends
// <proceed/>, the client's session-initiate becomes an offer the browser accepts with
// setRemoteDescription (its answer comes back as session-accept), the client's transport-info
// candidates are added, and its session-terminate ends the call in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startSingleDomain, assertCleanExits } from './rig/federation.mjs';
import { RawClient, attr } from './rig/xmpp.mjs';
import { launchBrowser } from './rig/browser.mjs';
import { webUser, webCall, until } from './bridge_web.mjs';

const DATA = path.resolve(import.meta.dirname, '../data/jingle');

let fed, browser, carol, alice;

before(async () => {
  fed = await startSingleDomain();
  browser = await launchBrowser();
  carol = await RawClient.login({ server: fed.server('a.test'), user: 'carol', presence: true });
  alice = await webUser(browser, fed.gateway('a.test'), 'alice');
});

after(async () => {
  carol?.close();
  await browser?.close();
  assertCleanExits(await fed?.stop());
});

let seq = 0;

// A recorded stanza with the recording's parties, sid and stanza id replaced by this run's: the
// sender becomes carol's full JID (the server stamps `from` anyway), the receiver `to`.
function load(client, file, { to, sid }) {
  let xml = fs.readFileSync(path.join(DATA, file), 'utf8');
  const from = attr(xml, 'from');
  const origSid = /\s(?:sid|id)='([^']+)'/.exec(xml.slice(xml.indexOf('<', 1)))[1];
  xml = xml.replace(/\sfrom='[^']*'/, '').replace(/\sto='[^']*'/, ` to='${to}'`)
    .replace(/\sid='[^']*'/, ` id='replay${++seq}'`)
    .replaceAll(origSid, sid).replaceAll(from, client.jid);
  return { xml, id: `replay${seq}` };
}

async function sendIq(client, file, opts) {
  const { xml, id } = load(client, file, opts);
  const reply = await client.iq(id, xml, 10000);
  assert.equal(attr(reply, 'type'), 'result', `${file}: ${reply}`);
}

for (const [client, files] of [['conversations', { ti: 'transport-info.xml' }], ['dino', { ti: 'transport-info.xml' }]]) {
  test(`${client}: propose rings the web page, accept proceeds, the session-initiate's offer is accepted by the browser, candidates added, terminate ends it`, async () => {
    const sid = `${client}-${Date.now()}`;
    await alice.page.evaluate(() => { window.t.call = null; window.t.ended = null; window.t.errors = []; });
    carol.send(load(carol, `${client}/jmi-propose.xml`, { to: 'alice@call.a.test', sid }).xml);
    const proceed = await carol.next((s) => s.startsWith('<message') && s.includes('<proceed') && s.includes(sid), 15000);
    assert.equal(attr(proceed, 'from'), alice.jid);
    await sendIq(carol, `${client}/session-initiate.xml`, { to: alice.jid, sid });
    const accept = await carol.next((s) => s.startsWith('<iq') && s.includes("action='session-accept'") && s.includes(sid), 15000);
    carol.ack(accept);
    assert.ok(await alice.page.evaluate(() => window.t.call.pc.remoteDescription !== null));
    await sendIq(carol, `${client}/${files.ti}`, { to: alice.jid, sid });
    // A candidate added with addIceCandidate shows in the remote description's a=candidate lines;
    // a component-2 (RTCP) candidate, as Dino sends, never reaches the browser (it muxes RTCP).
    const cand = /<candidate\s[^>]*component='(\d)'[^>]*\sip='([^']+)'/.exec(fs.readFileSync(path.join(DATA, client, files.ti), 'utf8'));
    const [component, ip] = [cand[1], cand[2]];
    if (component === '1') {
      await until(alice.page, (ip) => window.t.call.pc.remoteDescription.sdp.includes(` ${ip} `), `candidate ${ip} in the browser`, 10000, ip);
    } else {
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(!(await alice.page.evaluate((ip) => window.t.call.pc.remoteDescription.sdp.includes(` ${ip} `), ip)),
        `the component-${component} candidate ${ip} reached the browser`);
    }
    await sendIq(carol, `${client}/session-terminate.xml`, { to: alice.jid, sid });
    await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user');
    assert.equal(await alice.page.evaluate(() => window.t.ended.reason), 'success');
    assert.deepEqual(await alice.page.evaluate(() => window.t.errors), []);
    // XEP-0353 §5: <finish/> after the session-terminate.
    await carol.next((s) => s.startsWith('<message') && s.includes('<finish') && s.includes(sid), 5000);
  });
}

// The web user calls carol's bare JID: the bridge proposes (XEP-0353) to every device of hers.
async function propose() {
  await alice.page.evaluate(() => { window.t.ended = null; window.t.errors = []; });
  await webCall(alice.page, 'carol@a.test');
  const m = await carol.next((s) => s.startsWith('<message') && s.includes('<propose'), 15000);
  assert.match(m, /<request xmlns=['"]urn:xmpp:receipts['"]/);
  return /<propose[^>]*\sid=['"]([^'"]+)['"]/.exec(m)[1];
}

test('web -> bare JID: a <reject/> from the device ends the web call with decline', async () => {
  const id = await propose();
  carol.send(`<message type='chat' to='${alice.jid}' id='rj-${id}'><reject xmlns='urn:xmpp:jingle-message:0' id='${id}'/></message>`);
  await until(alice.page, () => window.t.ended !== null, 'the hangup at the web user', 10000);
  assert.deepEqual(await alice.page.evaluate(() => window.t.ended), { reason: 'decline', remote: true });
});

test('web -> bare JID: the web hangup before an answer retracts the proposal', async () => {
  const id = await propose();
  await alice.page.evaluate(() => window.t.call.hangup());
  const retract = await carol.next((s) => s.startsWith('<message') && s.includes('<retract') && s.includes(id), 10000);
  assert.match(retract, /<cancel\/>/);
});
