// The demo page's logic: wires index.html to jinglegate.js.
import { connect } from './jinglegate.js';

const $ = id => document.getElementById(id);
const log = text => { $('log').textContent += `${new Date().toISOString().slice(11, 19)} ${text}\n`; $('log').scrollTop = 1e9; };
let gw = null;
let current = null;

function wsUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

function attach(call) {
  current = call;
  $('hangup').disabled = false;
  call.on('track', ev => { $('remote').srcObject = ev.streams[0] ?? new MediaStream([ev.track]); });
  call.on('ringing', () => log('ringing…'));
  call.on('connectionstate', s => log(`connection ${s}`));
  call.on('error', m => log(`error ${m.code}: ${m.message}`));
  call.on('ended', ({ reason, remote }) => {
    log(`call ended: ${reason}${remote ? ' (by peer)' : ''}`);
    $('hangup').disabled = true;
    $('incoming').style.display = 'none';
    $('remote').srcObject = null;
    current = null;
  });
}

async function localStream() {
  const audio = $('audio').checked, video = $('video').checked;
  if (!audio && !video) return null;
  const stream = await navigator.mediaDevices.getUserMedia({ audio, video });
  $('local').srcObject = stream;
  return stream;
}

$('login').onclick = async () => {
  try {
    gw = await connect(wsUrl(), $('token').value.trim());
  } catch (e) {
    return log(`login failed: ${e.message}`);
  }
  $('me').textContent = gw.jid;
  $('call').disabled = false;
  log(`logged in as ${gw.jid}`);
  gw.on('error', m => log(`error ${m.code}: ${m.message}${m.field ? ` (${m.field})` : ''}`));
  gw.on('close', ev => { log(`disconnected ${ev.code} ${ev.reason}`); $('call').disabled = true; });
  gw.on('incoming', call => {
    if (current) return call.reject('busy');
    log(`incoming call from ${call.peer}`);
    $('caller').textContent = call.peer;
    $('incoming').style.display = 'block';
    call.ringing();
    attach(call);
    $('accept').onclick = async () => { $('incoming').style.display = 'none'; call.accept({ stream: await localStream() }); };
    $('reject').onclick = () => { $('incoming').style.display = 'none'; call.reject(); };
  });
};

$('call').onclick = async () => {
  const stream = await localStream();
  const call = await gw.call($('to').value.trim(), { audio: $('audio').checked, video: $('video').checked, stream });
  log(`calling ${call.peer}`);
  attach(call);
};

$('hangup').onclick = () => current?.hangup();
