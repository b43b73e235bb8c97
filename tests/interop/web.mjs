// The web side of the interop suite: a jinglegate web user in a Chromium tab (the gateway's own
// JS client, component/web/client/jinglegate.js), with what the cases assert on kept in window.t:
// every candidate and presence message the gateway sent, the call's infos and end. A tab answers
// incoming calls itself (autoAccept) or when a case says so (multi-device ring); it can decline
// the video of an offer (jinglegate.js accept({ video: false }) stops the video transceiver).
import assert from 'node:assert/strict';
import { newPage } from '../integration/rig/browser.mjs';
import { until } from '../integration/bridge_web.mjs';

function install([token, autoAccept, rtcConfig]) {
  return (async () => {
    const { connect } = await import('/jinglegate.js');
    const t = window.t = { ended: null, errors: [], infos: [], presences: [], candidates: [], autoAccept, declineVideo: false };
    t.gw = await connect(`ws://${location.host}/ws`, token, { rtcConfig });
    t.gw.ws.addEventListener('message', (ev) => {
      const m = JSON.parse(ev.data);
      if (m.type === 'candidate' && m.candidate) t.candidates.push(m.candidate.candidate);
    });
    t.gw.on('error', (m) => t.errors.push(m));
    t.gw.on('presence', (m) => t.presences.push(m));
    t.accept = async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      t.call.accept({ stream, video: !t.declineVideo });
    };
    t.gw.on('incoming', async (call) => {
      t.call = call;
      t.incomingFrom = call.peer;
      t.ended = null;
      call.on('ended', (e) => { t.ended = e; });
      call.on('info', (m) => t.infos.push(m));
      if (t.autoAccept) await t.accept();
    });
    return t.gw.jid;
  })();
}

// Opens the gateway's page in `browser` as web user `sub`; `tab` names the browser context.
// `bundlePolicy`: the app's RTCConfiguration choice (jinglegate.js's default is the browser's).
export async function openWeb(browser, gw, sub, { autoAccept = true, tab = `${sub}-web`, bundlePolicy } = {}) {
  const page = await newPage(browser, `${gw.url}/index.html`, tab);
  const rtcConfig = { iceTransportPolicy: 'relay', ...(bundlePolicy ? { bundlePolicy } : {}) };
  const jid = await page.evaluate(install, [gw.token(sub), autoAccept, rtcConfig]);
  return { page, jid, gw, bareJid: jid.split('/')[0] };
}

// The web user subscribes to `peer`'s presence; the scripted client approves (RFC 6121 §3.1),
// its server sends its presence with the XEP-0115 <c/>, the gateway learns its caps (disco#info
// answered by the peer) and tells the page. Resolves with the page's presence message.
export async function subscribe(web, peer) {
  await web.page.evaluate((to) => window.t.gw.send({ type: 'subscribe', to }), peer.bareJid);
  const req = await peer.next((s) => s.startsWith('<presence') && /type=['"]subscribe['"]/.test(s), 10000);
  peer.send(`<presence to='${web.bareJid}' type='subscribed'/>`);
  assert.match(req, new RegExp(`from=['"]${web.bareJid}['"]`));
  await until(web.page, (jid) => window.t.presences.some((p) => p.from === jid && p.caps), `the presence and caps of ${peer.jid}`, 15000, peer.jid);
  return web.page.evaluate((jid) => window.t.presences.filter((p) => p.from === jid && p.caps).at(-1), peer.jid);
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The gateway logged the call's peer profile: `info call profile id=N sid=S profile=P`.
export async function assertProfile(web, sid, profile) {
  const re = new RegExp(`info call profile id=\\d+ sid=${escapeRe(sid)} profile=(\\S+)`);
  let m;
  try { m = await web.gw.proc.waitFor(re, { timeoutMs: 5000 }); } catch { assert.fail(`no "info call profile ... sid=${sid}" line in the gateway log`); }
  assert.equal(m[1], profile, `profile of call ${sid}`);
}

// /metrics counts an ended bridged call with this peer profile.
export async function assertCounted(web, profile) {
  const text = await web.gw.metrics();
  const re = new RegExp(`^jinglegate_peer_calls_total\\{[^}]*profile="${profile}"[^}]*\\} (\\d+)`, 'm');
  const m = re.exec(text);
  assert.ok(m && Number(m[1]) > 0, `no jinglegate_peer_calls_total sample for profile ${profile}`);
}
