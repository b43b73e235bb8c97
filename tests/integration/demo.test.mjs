// The README's first command (issue 7): conf/demo.sh, run for real in a clean temp dir (only its
// apt step skipped, and the build dir under test reused), prints links for alice and bob; the page
// loads in headless Chromium, logs in from the link, and a call between the two users connects and
// carries media through the demo's coturn; Ctrl-C stops everything the script started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Proc, tempDir } from './rig/process.mjs';
import { freePort } from './rig/ports.mjs';
import { buildDir } from './rig/jinglegate.mjs';
import { launchBrowser, newPage, until, untilVideoFlows } from './rig/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const childrenOf = (pid) => execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
  .split('\n').map((s) => Number(s.trim())).filter(Boolean);

test('conf/demo.sh: links for alice and bob, a call between them with media, Ctrl-C stops it all', async () => {
  const tmp = tempDir('jg-demo-test-');
  const webPort = await freePort();
  const c2sPort = await freePort();
  const demo = new Proc('demo', 'bash', [path.join(root, 'conf/demo.sh')], {
    cwd: tmp, logFile: path.join(tmp, 'demo.out'),
    env: { JG_SKIP_INSTALL: '1', JG_DEMO_BUILD_DIR: buildDir(), TMPDIR: tmp, JG_DEMO_PORT: String(webPort),
           JG_DEMO_C2S_PORT: String(c2sPort) } });
  const browser = await launchBrowser();
  try {
    await demo.waitFor(/Logs and configs in /, { timeoutMs: 90000 });
    const link = (user) => new RegExp(`^\\s+${user}:\\s+(http://127\\.0\\.0\\.1:${webPort}/#token=[\\w.-]+)$`, 'm').exec(demo.output)[1];
    assert.match(demo.output, new RegExp(`host 127\\.0\\.0\\.1  port ${c2sPort}`));
    assert.match(demo.output, /user carol@localhost  password [0-9a-f]{12}/);
    const servers = childrenOf(demo.pid);
    assert.equal(servers.length, 3, `coturn, Prosody, jinglegate: ${servers}`);

    const alice = await newPage(browser, link('alice'), 'alice');
    const bob = await newPage(browser, link('bob'), 'bob');
    for (const [name, page] of [['alice', alice], ['bob', bob]]) {
      await until(page, (n) => document.getElementById('me').textContent.startsWith(`logged in as ${n}@call.localhost/`), name, `${name}'s login`);
      assert.equal(await page.evaluate(() => document.getElementById('relay').checked), true);
      assert.equal(await page.evaluate(() => location.hash), '');  // the token left the address bar
    }
    assert.equal(await alice.inputValue('#to'), 'bob@call.localhost');  // the other demo user, suggested
    // Contacts: alice asks for bob's presence, bob approves on his page, and alice's contact list
    // shows bob's connection with what it can take (his caps, resolved like any contact's).
    await alice.fill('#contact', 'bob@call.localhost');
    await alice.click('#subscribe');
    await until(bob, () => document.querySelector('#requests button') !== null, null, 'the subscription request at bob');
    assert.match(await bob.textContent('#requests'), /alice@call\.localhost asks to see your presence/);
    await bob.click('#requests button');  // Approve
    await until(alice, () => /bob@call\.localhost\/\S+ available · can take: audio, video, data, jmi/.test(
      document.getElementById('contacts').textContent), null, "bob's call capability in alice's contacts")
      .catch(async (e) => { throw new Error(`${e.message}; contacts: ${await alice.textContent('#contacts')}; log: ${await alice.textContent('#log')}`); });
    assert.match(await alice.textContent('#contacts'), /^bob@call\.localhost \(to\)/);
    await alice.click('#call');
    await until(bob, () => document.getElementById('incoming').style.display === 'block', null, 'the incoming call at bob');
    assert.match(await bob.textContent('#caller'), /^alice@call\.localhost\//);
    await bob.click('#accept');
    for (const [name, page] of [['alice', alice], ['bob', bob]]) {
      await until(page, () => document.getElementById('state').textContent === 'in call', null, `${name} in call`);
      const stats = await untilVideoFlows(page, name, 'window.demo.call');
      assert.equal(stats.localType, 'relay');
    }
    await bob.click('#hangup');
    await until(alice, () => document.getElementById('state').textContent === 'idle', null, 'the hangup at alice');
    assert.match(await alice.textContent('#log'), /call ended: success \(by the other side\)/);

    process.kill(demo.pid, 'SIGINT');  // Ctrl-C
    assert.deepEqual(await demo.exited, { code: 0, signal: null });
    assert.match(demo.output, /demo: stopping/);
    for (const pid of servers) assert.ok(!alive(pid), `${pid} still runs`);
  } finally {
    await browser.close();
    await demo.stop();
  }
});
