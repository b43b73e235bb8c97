// The demo page's logic: wires index.html to jinglegate.js. `window.demo` exposes the gateway and
// the current call for the curious (and for the test that runs conf/demo.sh).
import { connect } from './jinglegate.js';

const $ = id => document.getElementById(id);
const log = text => { $('log').textContent += `${new Date().toISOString().slice(11, 19)} ${text}\n`; $('log').scrollTop = 1e9; };
const setState = s => { $('state').textContent = s; };
const demo = window.demo = { gw: null, call: null };
const onLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
$('relay').checked = onLoopback;

function wsUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

function attach(call) {
  demo.call = call;
  $('hangup').disabled = false;
  $('call').disabled = true;
  call.on('track', ev => { $('remote').srcObject = ev.streams[0] ?? new MediaStream([ev.track]); });
  call.on('ringing', () => { log('ringing…'); setState('ringing'); });
  call.on('connectionstate', s => { log(`media ${s}`); setState(s === 'connected' ? 'in call' : s); });
  call.on('error', m => log(`error ${m.code}: ${m.message}`));
  call.on('ended', ({ reason, remote }) => {
    log(`call ended: ${reason}${remote ? ' (by the other side)' : ''}`);
    setState('idle');
    $('hangup').disabled = true;
    $('call').disabled = !demo.gw;
    $('incoming').style.display = 'none';
    $('remote').srcObject = null;
    for (const t of $('local').srcObject?.getTracks() ?? []) t.stop();
    $('local').srcObject = null;
    demo.call = null;
  });
}

async function localStream() {
  const audio = $('audio').checked, video = $('video').checked;
  if (!audio && !video) return null;
  const stream = await navigator.mediaDevices.getUserMedia({ audio, video });
  $('local').srcObject = stream;
  return stream;
}

// The other online web users, when the gateway serves presence (`directory`, issue 6).
function showOnline(users) {
  const list = $('online');
  list.replaceChildren(...users.map(u => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.textContent = u.jid;
    b.onclick = () => { $('to').value = u.jid; };
    li.append(b, ` ${u.resources?.length ?? 1} connection(s)`);
    return li;
  }));
}

function watchOnline(gw) {
  const ask = () => gw.send({ type: 'directory' });
  gw.on('directory', m => showOnline(m.users ?? []));
  gw.on('presence', ask);  // someone came or went: ask again
  gw.on('error', m => {
    if (m.code !== 'feature-not-implemented' || m.field !== 'type') return;
    $('online-note').textContent = 'This gateway runs without presence: type the JID to call below '
      + '(the demo users are alice and bob at the domain shown after "logged in as").';
    clearInterval(timer);
  });
  const timer = setInterval(ask, 5000);
  gw.on('close', () => clearInterval(timer));
  ask();
}

// The roster and contacts' presence per resource with call capability (issue 6 messages).
const contacts = new Map();  // bare JID -> { item, resources: Map(resource -> presence) }

function capsText(caps) {
  if (caps === undefined) return 'no caps';
  if (caps === null) return 'checking…';
  const can = ['audio', 'video', 'data', 'jmi'].filter(k => caps[k]);
  return can.length ? `can take: ${can.join(', ')}` : 'cannot take calls';
}

function showContacts() {
  $('contacts').replaceChildren(...[...contacts].map(([jid, c]) => {
    const li = document.createElement('li');
    li.dataset.jid = jid;
    const sub = `${c.item.subscription}${c.item.ask ? ', asked' : ''}`;
    li.append(`${jid} (${sub})`);
    const ul = document.createElement('ul');
    for (const [resource, p] of c.resources) {
      const r = document.createElement('li');
      r.className = 'resource';
      const b = document.createElement('button');
      b.textContent = `${jid}/${resource}`;
      b.onclick = () => { $('to').value = `${jid}/${resource}`; };
      r.append(b, ` ${p.show ?? 'online'} · ${capsText(p.caps)}`);
      ul.append(r);
    }
    li.append(ul);
    return li;
  }));
}

function watchContacts(gw) {
  gw.on('roster', m => {
    if (m.full) contacts.clear();
    for (const item of m.items ?? []) {
      if (item.subscription === 'remove') contacts.delete(item.jid);
      else contacts.set(item.jid, { item, resources: contacts.get(item.jid)?.resources ?? new Map() });
    }
    showContacts();
  });
  gw.on('presence', m => {
    const [bare, ...rest] = m.from.split('/');
    const c = contacts.get(bare);
    if (!c) return;
    const resource = rest.join('/');
    if (m.available) c.resources.set(resource, m); else c.resources.delete(resource);
    showContacts();
  });
  gw.on('subscription-request', m => {
    const div = document.createElement('div');
    const yes = document.createElement('button');
    const no = document.createElement('button');
    yes.textContent = 'Approve';
    no.textContent = 'Deny';
    yes.onclick = () => { gw.send({ type: 'approve', jid: m.from }); div.remove(); };
    no.onclick = () => { gw.send({ type: 'deny', jid: m.from }); div.remove(); };
    div.append(`${m.from} asks to see your presence `, yes, ' ', no);
    $('requests').append(div);
  });
  $('subscribe').disabled = false;
  $('subscribe').onclick = () => {
    const to = $('contact').value.trim();
    if (to) gw.send({ type: 'subscribe', to });
  };
  gw.send({ type: 'roster' });
}

async function login(token) {
  setState('logging in');
  try {
    demo.gw = await connect(wsUrl(), token, { rtcConfig: $('relay').checked ? { iceTransportPolicy: 'relay' } : {} });
  } catch (e) {
    setState('not logged in');
    return log(`login failed: ${e.message}`);
  }
  const gw = demo.gw;
  $('me').textContent = `logged in as ${gw.jid}`;
  $('call').disabled = false;
  setState('idle');
  log(`logged in as ${gw.jid}`);
  // Suggest the other demo user as the callee.
  const [local, rest] = gw.jid.split('@');
  const domain = rest.split('/')[0];
  if (!$('to').value) $('to').value = `${local === 'alice' ? 'bob' : 'alice'}@${domain}`;
  gw.on('error', m => log(`error ${m.code}: ${m.message}${m.field ? ` (${m.field})` : ''}`));
  gw.on('iceservers', () => log('TURN credentials renewed'));
  gw.on('shutdown', m => log(`the gateway is going away: ${m.message}`));
  gw.on('close', ev => {
    log(`disconnected ${ev.code} ${ev.reason}`);
    $('call').disabled = true;
    setState('not logged in');
  });
  gw.on('incoming', call => {
    if (demo.call) return call.reject('busy');
    log(`incoming call from ${call.peer}`);
    $('caller').textContent = call.peer;
    $('incoming').style.display = 'block';
    setState('ringing');
    call.ringing();
    attach(call);
    $('accept').onclick = async () => {
      $('incoming').style.display = 'none';
      setState('connecting');
      call.accept({ stream: await localStream() });
    };
    $('reject').onclick = () => { $('incoming').style.display = 'none'; call.reject(); };
  });
  watchOnline(gw);
  watchContacts(gw);
}

$('login').onclick = () => login($('token').value.trim());

$('call').onclick = async () => {
  const stream = await localStream();
  const call = await demo.gw.call($('to').value.trim(), { audio: $('audio').checked, video: $('video').checked, stream });
  log(`calling ${call.peer}`);
  setState('calling');
  attach(call);
};

$('hangup').onclick = () => demo.call?.hangup();

// A link from conf/demo.sh: http://127.0.0.1:8080/#token=… logs in at once. The fragment never
// reaches the server's logs.
const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromLink) {
  $('token').value = fromLink;
  history.replaceState(null, '', location.pathname);
  login(fromLink);
}
