// Side-by-side anchor for tests/bench/translate_bench: StanzaJS 12's SDP <-> Jingle conversion,
// the full path (SDP text -> XML text and back), per corpus file. Prints TSV:
//   file  sdp_to_xml_us  xml_to_sdp_us  lines_kept
//   node tests/bench/js_converters.mjs tests/data/corpus
import fs from 'node:fs';
import path from 'node:path';
import * as JXT from 'stanza/jxt/index.js';
import Protocol from 'stanza/protocol/index.js';
import { importFromSDP, exportToSDP } from 'stanza/jingle/sdp/Intermediate.js';
import { convertIntermediateToRequest, convertRequestToIntermediate } from 'stanza/jingle/sdp/Protocol.js';

const registry = new JXT.Registry();
registry.define(Protocol.default ?? Protocol);

function sdpToXml(sdp) {
  const intermediate = importFromSDP(sdp);
  const jingle = convertIntermediateToRequest(intermediate, 'initiator', 'iceUdp');
  jingle.action = 'session-initiate'; jingle.sid = 'abc';
  const xml = registry.export('iq', { type: 'set', id: '1', to: 'b@x/y', jingle });
  return xml.toString();
}
function xmlToSdp(xmlText) {
  const el = JXT.parse(xmlText);
  const iq = registry.import(el);
  const intermediate = convertRequestToIntermediate(iq.jingle, 'initiator');
  return exportToSDP(intermediate);
}
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter(f => f.endsWith('.sdp')).sort();
function median(a) { a = [...a].sort((x, y) => x - y); return a[a.length >> 1]; }
function time(fn, arg) {
  for (let i = 0; i < 50; i++) fn(arg);
  const samples = [];
  for (let r = 0; r < 15; r++) {
    const n = 40; const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(arg);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000 / n);
  }
  return median(samples);
}
for (const f of files) {
  const sdp = fs.readFileSync(path.join(dir, f), 'utf8');
  let xml, back, a = NaN, b = NaN, kept = NaN;
  try {
    xml = sdpToXml(sdp); back = xmlToSdp(xml);
    a = time(sdpToXml, sdp); b = time(xmlToSdp, xml);
    const outLines = new Map();
    for (const l of back.split('\r\n')) outLines.set(l, (outLines.get(l) || 0) + 1);
    const inLines = sdp.split('\r\n').filter(l => l);
    let k = 0; for (const l of inLines) { const c = outLines.get(l) || 0; if (c > 0) { k++; outLines.set(l, c - 1); } }
    kept = k / inLines.length;
  } catch (e) { console.error(f, e.message); }
  console.log(`${f}\t${a.toFixed(1)}\t${b.toFixed(1)}\t${(kept * 100).toFixed(1)}`);
}
