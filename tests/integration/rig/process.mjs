// Child processes of a test: spawned in a temp dir, output collected, stopped by PID (SIGTERM,
// then SIGKILL after a timeout), and killed and cleaned up when the test process exits.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const live = new Set();
const dirs = new Set();
process.on('exit', () => {
  for (const p of live) {
    try { process.kill(p.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (!process.env.JG_KEEP_TMP) for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Proc {
  // Starts `cmd args`; stdout and stderr go to `logFile` and to this.output.
  constructor(name, cmd, args, { cwd, env, logFile }) {
    this.name = name;
    this.output = '';
    this.waiters = [];
    this.log = fs.createWriteStream(logFile, { flags: 'a' });
    this.child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    live.add(this);
    const take = (chunk) => {
      this.output += chunk.toString();
      this.log.write(chunk);
      this.waiters = this.waiters.filter((w) => !w());
    };
    this.child.stdout.on('data', take);
    this.child.stderr.on('data', take);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        live.delete(this);
        this.exit = { code, signal };
        this.waiters = this.waiters.filter((w) => !w());
        resolve(this.exit);
      });
    });
  }

  // Resolves with the match once `re` matches the output after offset `from`; rejects on timeout
  // or if the process exits first.
  waitFor(re, { timeoutMs = 10000, from = 0 } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = re.exec(this.output.slice(from));
        if (m) { clearTimeout(timer); resolve(m); return true; }
        if (this.exit) {
          clearTimeout(timer);
          reject(new Error(`${this.name} exited (${JSON.stringify(this.exit)}) before ${re}:\n${this.output.slice(-2000)}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`${this.name}: no ${re} within ${timeoutMs} ms:\n${this.output.slice(-2000)}`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  count(re) { return (this.output.match(new RegExp(re.source, 'g')) || []).length; }

  // Resolves once `re` has matched `n` times in the whole output.
  waitForCount(re, n, { timeoutMs = 10000 } = {}) {
    const all = new RegExp(`(?:[\\s\\S]*?${re.source}){${n}}`);
    return this.waitFor(all, { timeoutMs });
  }

  async stop({ signal = 'SIGTERM', timeoutMs = 5000 } = {}) {
    if (this.exit) return this.exit;
    process.kill(this.pid, signal);
    const timer = setTimeout(() => { try { process.kill(this.pid, 'SIGKILL'); } catch { /* gone */ } }, timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}
