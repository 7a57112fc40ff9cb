// Shared by the server tests: a real `cjm serve` on a free loopback port, in
// a temporary data folder, with known keys; stopped by the test (or killed).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CJM = process.env.CJM_BINARY;
export const WRITE_KEY = 'wk-test-0123456789';
export const READ_TOKEN = 'rt-test-9876543210';

// A spec whose stages name the events the tests send, with a persona on the
// `plan` trait; its data: block is the default (channel, value, score).
export const SPEC = `name: Live shop
stages:
  - id: visit
    events: [home_view, "Page Viewed", Pricing]
  - id: choose
    events: [product_view]
  - id: buy
    events: [order_completed, "Order Completed"]
conversion: buy
personas:
  - id: pro
    name: Pro plan
    where: {plan: pro}
`;

// A fresh folder under the system's temporary folder, removed when the test
// process exits (servers still running then are killed first).
const dirs = [], procs = [];
process.on('exit', () => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `cjm-serve-${prefix}-`));
  dirs.push(dir);
  return dir;
}

// Starts `cjm serve` with the spec in `dir`/spec.yaml and data in `dir`/data.
// Resolves once it listens: {url, proc, dir, stderr(), stop(), kill()}.
export function startServer(dir, { env = {}, args = [], spec = SPEC, keys = true } = {}) {
  const specPath = join(dir, 'spec.yaml');
  writeFileSync(specPath, spec);
  const proc = spawn(CJM, ['serve', '--spec', specPath, '--data', join(dir, 'data'),
    '--listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, ...(keys ? { CJM_WRITE_KEY: WRITE_KEY, CJM_READ_TOKEN: READ_TOKEN } : {}), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  procs.push(proc);
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('server did not start: ' + err)); }, 20000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = /listening on (https?:\/\/[^\s]+)/.exec(err);
      if (m && timer) {
        clearTimeout(timer);
        resolve({
          url: m[1], proc, dir, stderr: () => err,
          // SIGTERM must stop the server within 15 s; one that does not is a failure, not a hang.
          stop: () => new Promise((r, j) => {
            if (proc.exitCode !== null || proc.signalCode !== null) { r(proc.exitCode); return; }
            const t = setTimeout(() => { proc.kill('SIGKILL'); j(new Error('the server did not stop on SIGTERM within 15 s')); }, 15000);
            proc.once('exit', (code) => { clearTimeout(t); r(code); });
            proc.kill('SIGTERM');
          }),
          kill: () => new Promise((r) => { proc.once('exit', () => r()); proc.kill('SIGKILL'); }),
        });
      }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${err}`)); });
  });
}

export function basic(key = WRITE_KEY) {
  return 'Basic ' + Buffer.from(key + ':').toString('base64');
}

export function bearer(token = READ_TOKEN) {
  return 'Bearer ' + token;
}

// POSTs JSON to the server with the write key.
export function send(server, path, body, headers = {}) {
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: basic(), ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

export async function readJson(server, path) {
  const r = await fetch(server.url + path, { headers: { Authorization: bearer() } });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

// Polls /api/v1/live until `ok(live)` holds (at most `ms`).
export async function waitLive(server, ok, ms = 10000) {
  const end = Date.now() + ms;
  let live;
  while (Date.now() < end) {
    live = await readJson(server, '/api/v1/live');
    if (ok(live)) return live;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('live figures never matched: ' + JSON.stringify(live));
}
