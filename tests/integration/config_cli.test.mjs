// jinglegate --check-config and start-up refusals: exit 0 for a good file, exit 1 naming the bad key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './rig/process.mjs';
import { buildDir, randomSecret } from './rig/jinglegate.mjs';

const bin = () => path.join(buildDir(), 'component', 'jinglegate');
function write(text) {
  const file = path.join(tempDir('jg-cfg-'), 'jinglegate.toml');
  fs.writeFileSync(file, text);
  return file;
}
const good = (xmppSecret) => `[component]\ndomain = "call.a.test"\n[xmpp]\nsecret = "${xmppSecret}"\n` +
  `[web]\ntls = false\n[[jwt.keys]]\nalg = "HS256"\nsecret = "${randomSecret()}"\n`;

test('--check-config accepts a good file with exit 0', () => {
  const file = write(good(randomSecret()));
  const r = spawnSync(bin(), ['--check-config', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${file}: ok\n`);
});

test('--check-config names the bad key and its line, exit 1', () => {
  const file = write(good(randomSecret()) + '[calls]\nring_timeout = 1\n');
  const r = spawnSync(bin(), ['--check-config', file], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `jinglegate: ${file}:11: calls.ring_timeout: must be 5..600 seconds\n`);
});

test('the daemon refuses to start with a weak or example secret (G7, G15)', () => {
  for (const secret of ['s3cret', 'REPLACE-WITH-openssl-rand-hex-32']) {
    const r = spawnSync(bin(), ['--config', write(good(secret))], { encoding: 'utf8', timeout: 5000 });
    assert.equal(r.status, 1, secret);
    assert.match(r.stderr, /xmpp\.secret: (too short|looks like a placeholder)/);
  }
});

test('usage errors exit 2', () => {
  assert.equal(spawnSync(bin(), [], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(bin(), ['--frobnicate', 'x'], { encoding: 'utf8' }).status, 2);
});
