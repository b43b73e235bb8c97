// A small TCP server playing the XMPP server's side of XEP-0114, to send a component what real
// servers never would (restricted XML, malformed XML, silence).
import crypto from 'node:crypto';
import net from 'node:net';
import { StanzaSplitter } from './xmpp.mjs';

const streamHeader = (id) => `<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='${id}' from='call.a.test'>`;

// `onAuthenticated(conn, index)` runs after a successful handshake on connection `index`
// (0-based); `header(index)` may replace the stream header (e.g. to put a DOCTYPE first).
export async function fakeServer({ secret, onAuthenticated = () => {}, header = null, acceptSecret = true }) {
  const connections = [];
  const waiters = [];
  const server = net.createServer((socket) => {
    const conn = { index: connections.length, socket, received: '', openedAt: Date.now(), closedAt: null, authenticated: false };
    connections.push(conn);
    const id = crypto.randomBytes(6).toString('hex');
    const splitter = new StanzaSplitter();
    socket.setEncoding('utf8');
    socket.on('data', (d) => {
      conn.received += d;
      for (const el of splitter.push(d)) {
        if (el.startsWith('<stream:stream')) socket.write(header ? header(conn.index, id) : streamHeader(id));
        else if (el === '</stream:stream>') { conn.closedByPeer = true; socket.end('</stream:stream>'); }
        else if (el.startsWith('<handshake>')) {
          const digest = crypto.createHash('sha1').update(id + secret).digest('hex');
          if (acceptSecret && el === `<handshake>${digest}</handshake>`) {
            conn.authenticated = true;
            socket.write('<handshake/>');
            onAuthenticated(conn, conn.index);
          } else {
            socket.write("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");
            socket.end();
          }
        }
      }
      wake();
    });
    socket.on('close', () => { conn.closedAt = Date.now(); wake(); });
    socket.on('error', () => {});
    wake();
  });
  function wake() { for (let i = waiters.length - 1; i >= 0; --i) if (waiters[i]()) waiters.splice(i, 1); }
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    connections,
    // Resolves once pred(connections) holds.
    until(pred, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake server: condition not met in ${timeoutMs} ms; ` +
          JSON.stringify(connections.map((c) => ({ i: c.index, auth: c.authenticated, closed: !!c.closedAt, received: c.received.slice(-300) }))))), timeoutMs);
        const check = () => { if (pred(connections)) { clearTimeout(timer); resolve(); return true; } return false; };
        if (!check()) waiters.push(check);
      });
    },
    close() { for (const c of connections) c.socket.destroy(); return new Promise((r) => server.close(r)); },
  };
}
