// Headless Debian Chromium through playwright-core (test-rig.md §3), with fake camera/microphone.
import { chromium } from 'playwright-core';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.JG_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: chromiumArgs });
}

// A page in its own context (its own storage), with console errors forwarded to the test log.
export async function newPage(browser, url, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', msg => { if (msg.type() === 'error') console.log(`[${name}] console: ${msg.text()}`); });
  page.on('pageerror', err => console.log(`[${name}] page error: ${err.message}`));
  await page.goto(url);
  return page;
}

// In the page: log in with jinglegate.js (relay-only media: browsers use no loopback host
// candidates, test-rig.md §6) and keep what the test asserts on in window.t.
export async function pageLogin(page, token) {
  return page.evaluate(async token => {
    const { connect } = await import('/jinglegate.js');
    const t = window.t = { got: [], ended: null, errors: [], iceUpdates: [] };
    t.gw = await connect(`ws://${location.host}/ws`, token, { rtcConfig: { iceTransportPolicy: 'relay' } });
    t.gw.on('error', m => t.errors.push(m));
    t.gw.on('iceservers', s => t.iceUpdates.push(s));
    return { jid: t.gw.jid, iceServers: t.gw.iceServers };
  }, token);
}

// Waits until fn(arg) is true in the page.
export async function until(page, fn, arg, what, timeout = 20000) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}: ${e.message}`);
  }
}

// inbound-rtp video bytes, and the selected local candidate, from getStats() of `call` (an
// expression evaluated in the page, default window.t.call).
export async function mediaStats(page, call = 'window.t.call') {
  return page.evaluate(async call => {
    const stats = await eval(call).pc.getStats();
    let bytes = 0, pair = null;
    stats.forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') bytes += s.bytesReceived ?? 0;
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
    });
    const local = pair && stats.get(pair.localCandidateId);
    return { bytes, localType: local?.candidateType ?? null, localAddress: local?.address ?? null };
  }, call);
}

// Waits for inbound video bytes on `call` in the page, then returns its mediaStats.
export async function untilVideoFlows(page, name, call = 'window.t.call') {
  await until(page, async call => {
    const s = await eval(call).pc.getStats();
    let bytes = 0;
    s.forEach(x => { if (x.type === 'inbound-rtp' && x.kind === 'video') bytes += x.bytesReceived ?? 0; });
    return bytes > 0;
  }, call, `inbound video bytes at ${name}`);
  return mediaStats(page, call);
}

// alice (logged in with pageLogin) calls `callee` with a fake video track and a data channel; bob
// accepts. Resolves once the data-channel message reached bob.
export async function relayCall(alice, bob, callee) {
  await bob.evaluate(() => {
    const t = window.t;
    t.gw.on('incoming', async call => {
      t.call = call;
      t.incomingFrom = call.peer;
      call.on('datachannel', ch => { ch.onmessage = ev => t.got.push(ev.data); });
      call.on('ended', e => { t.ended = e; });
      call.ringing();
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      call.accept({ stream });
    });
  });
  await alice.evaluate(async callee => {
    const t = window.t;
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    t.call = await t.gw.call(callee, { audio: false, video: true, data: true, stream });
    t.call.on('ringing', () => { t.rang = true; });
    t.call.on('ended', e => { t.ended = e; });
    t.call.dataChannel.onopen = () => t.call.dataChannel.send('hello from alice');
  }, callee);
  await until(bob, () => window.t.got.includes('hello from alice'), null, 'the data-channel message at bob');
}
