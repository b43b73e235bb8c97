// Issue 2, proof 2: Jingle offers in the forms Conversations, Dino, Monal, Movim and StanzaJS send
// become SDP that headless Chromium accepts (setRemoteDescription), and Chromium's answer becomes a
// valid session-accept again. The translation runs in build/component/jinglegate-convert.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './rig/browser.mjs';
import { buildDir } from './rig/jinglegate.mjs';

const samples = path.resolve(import.meta.dirname, '../data/jingle');
const convert = (args, input) =>
  execFileSync(path.join(buildDir(), 'component/jinglegate-convert'), args, { input, encoding: 'utf8' });

// Every session-initiate sample, by client (tests/data/jingle/README.md says where each comes from).
const offers = fs.readdirSync(samples, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(samples, d.name))
    .filter((f) => f.startsWith('session-initiate'))
    .map((f) => `${d.name}/${f}`));

let browser;
let page;
before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto('about:blank');
});
after(async () => { await browser?.close(); });

// Applies the offer in a fresh RTCPeerConnection and returns the answer once ICE gathering is over.
async function answerIn(offerSdp) {
  return page.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection();
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(); };
        setTimeout(resolve, 3000);
      });
      return { ok: true, sdp: pc.localDescription.sdp, mids: pc.getTransceivers().map((t) => t.mid) };
    } catch (e) {
      return { ok: false, error: String(e) };
    } finally {
      pc.close();
    }
  }, offerSdp);
}

test('there are offers from every client studied', () => {
  for (const client of ['conversations', 'dino', 'monal', 'movim', 'stanzajs']) {
    assert.ok(offers.some((o) => o.startsWith(`${client}/`)), `no ${client} session-initiate sample`);
  }
});

for (const offer of offers) {
  test(`${offer}: Chromium accepts the SDP and its answer is a valid session-accept`, async () => {
    const xml = fs.readFileSync(path.join(samples, offer), 'utf8');
    if (!xml.includes('urn:xmpp:jingle:apps:dtls:0')) {
      // Pre-DTLS XEP-0167 examples: WebRTC needs DTLS-SRTP, so the translation refuses them cleanly.
      assert.throws(() => convert(['jingle2sdp', '--author', 'initiator'], xml), /no DTLS fingerprint/);
      return;
    }
    const sdp = convert(['jingle2sdp', '--author', 'initiator'], xml);
    const result = await answerIn(sdp);
    assert.ok(result.ok, `setRemoteDescription/createAnswer failed: ${result.error}\n--- SDP:\n${sdp}`);

    const accept = convert(['sdp2jingle', '--answer', '--no-sdp-lines'], result.sdp);
    assert.match(accept, /action='session-accept'/);
    // Every offered content is answered under the same name, with the DTLS role Chromium took
    // (XEP-0320: an answer says active or passive, never actpass) and ICE credentials.
    const offered = [...xml.matchAll(/<content\b[^>]*\bcreator=[^>]*>/g)].map((m) => /\bname='([^']+)'/.exec(m[0])[1]);
    for (const name of offered) assert.ok(accept.includes(`name='${name}'`), `content ${name} missing in:\n${accept}`);
    assert.doesNotMatch(accept, /setup='actpass'/);
    assert.match(accept, /setup='(active|passive)'/);
    assert.match(accept, /<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='[^']+' pwd='[^']+'/);
    // The session-accept reads back (our reader) and translates to SDP again.
    const back = convert(['jingle2sdp', '--author', 'responder'], accept);
    assert.match(back, /^v=0\r\n/);
  });
}
