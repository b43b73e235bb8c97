// Does a TURN server take these credentials? One Allocate (RFC 8656 §7.2) over UDP with STUN's
// long-term credential mechanism (RFC 8489 §9.2): the first request learns realm and nonce from the
// 401, the second carries USERNAME, REALM, NONCE and MESSAGE-INTEGRITY. Written from the RFCs for
// the tests (turnutils_uclient takes 6 s per check). Resolves { ok, code } (code: the error code).
import crypto from 'node:crypto';
import dgram from 'node:dgram';

const MAGIC = 0x2112a442;
const ALLOCATE = 0x0003, ALLOCATE_OK = 0x0103, ALLOCATE_ERROR = 0x0113;
const ATTR = { USERNAME: 0x0006, MESSAGE_INTEGRITY: 0x0008, ERROR_CODE: 0x0009, REALM: 0x0014, NONCE: 0x0015,
  REQUESTED_TRANSPORT: 0x0019 };

function attribute(type, value) {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

// A request; with `key`, MESSAGE-INTEGRITY (HMAC-SHA1 over the message whose length counts it).
function request(attrs, key) {
  const id = crypto.randomBytes(12);
  let body = Buffer.concat(attrs);
  const header = (length) => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(ALLOCATE, 0);
    h.writeUInt16BE(length, 2);
    h.writeUInt32BE(MAGIC, 4);
    id.copy(h, 8);
    return h;
  };
  if (key) {
    const mac = crypto.createHmac('sha1', key).update(Buffer.concat([header(body.length + 24), body])).digest();
    body = Buffer.concat([body, attribute(ATTR.MESSAGE_INTEGRITY, mac)]);
  }
  return { id, bytes: Buffer.concat([header(body.length), body]) };
}

function parse(msg) {
  const type = msg.readUInt16BE(0);
  const attrs = new Map();
  for (let at = 20; at + 4 <= msg.length;) {
    const t = msg.readUInt16BE(at), len = msg.readUInt16BE(at + 2);
    attrs.set(t, msg.subarray(at + 4, at + 4 + len));
    at += 4 + Math.ceil(len / 4) * 4;
  }
  const err = attrs.get(ATTR.ERROR_CODE);
  return { type, id: msg.subarray(8, 20), attrs, code: err ? (err[2] & 7) * 100 + err[3] : 0 };
}

function exchange(socket, port, req, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.off('message', on); reject(new Error(`no TURN answer on ${port}`)); }, timeoutMs);
    const on = (msg) => {
      const m = parse(msg);
      if (!m.id.equals(req.id)) return;
      clearTimeout(timer);
      socket.off('message', on);
      resolve(m);
    };
    socket.on('message', on);
    socket.send(req.bytes, port, '127.0.0.1');
  });
}

export async function turnAllocate({ port, username, credential, timeoutMs = 3000 }) {
  const socket = dgram.createSocket('udp4');
  await new Promise((r) => socket.bind(0, '127.0.0.1', r));
  try {
    const udp = attribute(ATTR.REQUESTED_TRANSPORT, Buffer.from([17, 0, 0, 0]));
    const challenge = await exchange(socket, port, request([udp]), timeoutMs);
    if (challenge.type !== ALLOCATE_ERROR || challenge.code !== 401) throw new Error(`expected a 401 challenge, got ${challenge.code}`);
    const realm = challenge.attrs.get(ATTR.REALM), nonce = challenge.attrs.get(ATTR.NONCE);
    const key = crypto.createHash('md5').update(`${username}:${realm.toString()}:${credential}`).digest();
    const answer = await exchange(socket, port, request([udp, attribute(ATTR.USERNAME, Buffer.from(username)),
      attribute(ATTR.REALM, realm), attribute(ATTR.NONCE, nonce)], key), timeoutMs);
    return { ok: answer.type === ALLOCATE_OK, code: answer.code };
  } finally {
    socket.close();
  }
}

// TURN REST credentials (draft-uberti-behave-turn-rest), computed here independently of the daemon.
export function turnRestCredential(secret, username) {
  return crypto.createHmac('sha1', secret).update(username).digest('base64');
}
