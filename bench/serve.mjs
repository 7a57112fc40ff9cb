#!/usr/bin/env node
// Benchmark of `cjm serve` (bench/README.md, "cjm serve"): sustained
// ingestion with durability on (every acknowledgement after fdatasync), in
// batches of 100 events, driven by autocannon with a fresh messageId per
// event; and the refresh time with N events stored.
//
//   node bench/serve.mjs ingest [--seconds 20] [--connections 32] [--batch 100]
//   node bench/serve.mjs refresh [--events 10000000]
//
// CJM (default build/cjm) is the binary; the data folder is a temporary one
// (BENCH_DIR to choose), removed afterwards.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CJM = resolve(process.env.CJM || join(here, '..', 'build', 'cjm'));
const args = process.argv.slice(2);
const mode = args[0];
const opt = (name, dflt) => { const i = args.indexOf('--' + name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const KEY = 'bench-write-key', TOKEN = 'bench-read-token';
const auth = 'Basic ' + Buffer.from(KEY + ':').toString('base64');

function start(dir, extra = []) {
  const spec = join(here, '..', 'examples', 'shop', 'journey.yaml');
  const proc = spawn(CJM, ['serve', '--spec', spec, '--data', join(dir, 'data'), '--listen', '127.0.0.1:0', ...extra],
    { env: { ...process.env, CJM_WRITE_KEY: KEY, CJM_READ_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((res, rej) => {
    proc.stderr.on('data', (d) => {
      err += d;
      process.stderr.write(d);
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) res({ url: m[1], proc });
    });
    proc.once('exit', (c) => rej(new Error('cjm serve exited ' + c)));
  });
}

const EVENTS = ['ad_view', 'site_visit', 'review_read', 'compare_view', 'price_check', 'add_to_cart', 'checkout', 'purchase'];
function batchBody(seq, size) {
  const t0 = Date.UTC(2025, 0, 1);
  const batch = [];
  for (let i = 0; i < size; i++) {
    const n = seq * size + i;
    batch.push({ type: 'track', userId: 'c' + (n % 200000), event: EVENTS[n % EVENTS.length], messageId: 'b' + n,
      timestamp: new Date(t0 + n * 1000).toISOString(), properties: { channel: n % 3 ? 'web' : 'email' } });
  }
  return JSON.stringify({ batch });
}

async function ingest() {
  const seconds = opt('seconds', 20), connections = opt('connections', 32), size = opt('batch', 100);
  const dir = process.env.BENCH_DIR || mkdtempSync(join(tmpdir(), 'cjm-bench-serve-'));
  const server = await start(dir, ['--threads', String(connections)]);
  let seq = 0;
  const result = await autocannon({
    url: server.url + '/v1/batch', method: 'POST', connections, duration: seconds, pipelining: 1,
    headers: { 'content-type': 'application/json', authorization: auth },
    requests: [{ setupRequest: (req) => ({ ...req, body: batchBody(seq++, size) }) }],
  });
  const live = await (await fetch(server.url + '/api/v1/live', { headers: { authorization: 'Bearer ' + TOKEN } })).json();
  const metrics = await (await fetch(server.url + '/metrics', { headers: { authorization: 'Bearer ' + TOKEN } })).text();
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
  if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true });
  const ok = result['2xx'];
  const syncs = Number(/^cjm_log_sync_seconds_count (\d+)/m.exec(metrics)[1]);
  console.log(JSON.stringify({
    seconds, connections, batch: size, requests_2xx: ok, non_2xx: result.non2xx, errors: result.errors,
    events_per_s: Math.round(ok * size / seconds), requests_per_s: Math.round(ok / seconds),
    latency_ms: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    syncs, events_per_sync: +(ok * size / syncs).toFixed(1), stored_events: live.events,
    sync_seconds_le: Object.fromEntries([...metrics.matchAll(/^cjm_log_sync_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)].map((m) => [m[1], Number(m[2])])),
    last_refresh_s: live.refresh_seconds,
  }, null, 1));
}

async function refresh() {
  const events = opt('events', 10000000);
  const dir = process.env.BENCH_DIR || mkdtempSync(join(tmpdir(), 'cjm-bench-serve-'));
  // The events arrive as a file taken in at start, then one more event
  // makes the figures stale: the refresh that follows is timed by the server.
  const customers = Math.round(events / 11.35);
  const gen = spawn(CJM, ['generate', '--customers', String(customers), '--seed', '1', '-o', join(dir, 'events.csv')], { stdio: 'inherit' });
  await new Promise((r) => gen.once('exit', r));
  const t0 = Date.now();
  const server = await start(dir, ['--events', join(dir, 'events.csv')]);
  console.error(`started with the file in ${(Date.now() - t0) / 1000} s`);
  const get = async (p) => (await fetch(server.url + p, { headers: { authorization: 'Bearer ' + TOKEN } })).json();
  let live = await get('/api/v1/live');
  const first = live.refresh_seconds;
  const version = live.version;
  const r = await fetch(server.url + '/v1/track', { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'c1', event: 'purchase', messageId: 'refresh-1' }) });
  const sent = Date.now();
  if (r.status !== 200) throw new Error('track: ' + r.status);
  while ((live = await get('/api/v1/live')).version === version) await new Promise((res) => setTimeout(res, 20));
  const visible = (Date.now() - sent) / 1000;
  server.proc.kill('SIGTERM');
  await new Promise((res) => server.proc.once('exit', res));
  if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ events: live.events, first_refresh_s: first, refresh_s: live.refresh_seconds, refresh_cpu_s: live.refresh_cpu_seconds,
    loadavg: (await import('node:os')).loadavg(), new_event_visible_after_s: visible }, null, 1));
}

if (mode === 'ingest') await ingest();
else if (mode === 'refresh') await refresh();
else { console.error('usage: node bench/serve.mjs ingest|refresh [options]'); process.exit(2); }
