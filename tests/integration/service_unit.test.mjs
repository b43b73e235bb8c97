// conf/jinglegate.service passes `systemd-analyze verify` (every key known, every value parsed) and
// reloads with SIGHUP, stops with SIGTERM and restarts only on failure, as docs/operations.md says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './rig/process.mjs';
import { buildDir } from './rig/jinglegate.mjs';

const unitFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../conf/jinglegate.service');

test('the systemd unit verifies cleanly and says what the operations guide says', (t) => {
  const unit = fs.readFileSync(unitFile, 'utf8');
  for (const line of ['ExecReload=/bin/kill -HUP $MAINPID', 'KillSignal=SIGTERM', 'Restart=on-failure', 'User=jinglegate',
    'NoNewPrivileges=yes', 'ProtectSystem=strict', 'StateDirectory=jinglegate'])
    assert.ok(unit.split('\n').includes(line), line);
  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  if (analyze.error) return t.skip('systemd-analyze is not installed');
  // verify wants the binary to exist: point the unit at the one under test.
  const copy = path.join(tempDir('jg-unit-'), 'jinglegate.service');
  fs.writeFileSync(copy, unit.replaceAll('/usr/local/bin/jinglegate', path.join(buildDir(), 'component', 'jinglegate')));
  const r = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.trim(), '', 'systemd-analyze complains');
});
