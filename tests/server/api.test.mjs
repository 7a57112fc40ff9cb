// The HTTP API of `cjm serve` against a real server: ingestion, auth, limits,
// malformed input, gzip, CORS, security headers, files, and the result being
// that of `cjm analyze` on the same events.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { CJM, READ_TOKEN, basic, bearer, readJson, send, startServer, tempDir, waitLive } from './server.mjs';

const SOURCE = process.env.CJM_SOURCE_DIR;
let server;

before(async () => { server = await startServer(tempDir('api')); });
after(async () => { if (server) assert.equal(await server.stop(), 0); });

test('a track call is stored and acknowledged with success', async () => {
  const r = await send(server, '/v1/track', { userId: 'u1', event: 'home_view', messageId: 'api-1', timestamp: '2024-03-01T10:00:00Z' });
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { success: true });
  const live = await waitLive(server, (l) => l.events >= 1);
  assert.equal(live.events, 1);
});

test('credentials: write key for ingestion only, read token for reading only', async () => {
  const body = JSON.stringify({ userId: 'u', event: 'home_view' });
  const noKey = await fetch(server.url + '/v1/track', { method: 'POST', body });
  assert.equal(noKey.status, 401);
  assert.match((await noKey.json()).error, /write key/);
  assert.equal((await send(server, '/v1/track', body, { Authorization: basic('wrong') })).status, 401);
  // The key in the body works too.
  const inBody = await fetch(server.url + '/v1/track', { method: 'POST', body: JSON.stringify({ userId: 'u', event: 'home_view', writeKey: 'wk-test-0123456789' }) });
  assert.equal(inBody.status, 200);
  // A read token does not write; a write key does not read.
  assert.equal((await send(server, '/v1/track', body, { Authorization: 'Basic ' + Buffer.from(READ_TOKEN + ':').toString('base64') })).status, 401);
  for (const path of ['/api/v1/result', '/api/v1/map.html', '/metrics', '/', '/api/v1/live', '/api/v1/spec']) {
    assert.equal((await fetch(server.url + path, { headers: { Authorization: basic() } })).status, 401, path);
    assert.equal((await fetch(server.url + path, { headers: { Authorization: 'Bearer wk-test-0123456789' } })).status, 401, path);
    assert.equal((await fetch(server.url + path)).status, 401, path);
  }
  assert.equal((await fetch(server.url + '/api/v1/result', { headers: { Authorization: bearer() } })).status, 200);
  // Health needs nothing.
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
});

test('/?token= sets an HttpOnly SameSite=Strict cookie once and leaves the address', async () => {
  const r = await fetch(server.url + '/?token=' + READ_TOKEN, { redirect: 'manual' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/');
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^cjm_token=rt-test-9876543210;/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const page = await fetch(server.url + '/', { headers: { Cookie: cookie.split(';')[0] } });
  assert.equal(page.status, 200);
  const wrong = await fetch(server.url + '/?token=nope', { redirect: 'manual' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.get('set-cookie'), null);
});

test('the UI carries security headers and a CSP whose nonce its scripts carry', async () => {
  const r = await fetch(server.url + '/', { headers: { Authorization: bearer() } });
  const csp = r.headers.get('content-security-policy');
  const nonce = /'nonce-([0-9a-f]+)'/.exec(csp)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.equal(r.headers.get('access-control-allow-origin'), null, 'no CORS on the UI');
  const html = await r.text();
  const scripts = html.match(/<script[^>]*>/g);
  assert.ok(scripts.length >= 3);
  for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), s);
  assert.ok(!html.includes('http-equiv="Content-Security-Policy"'), 'the header policy replaces the file\'s');
  assert.ok(!/src="https?:/.test(html), 'nothing from a CDN');
});

test('CORS on ingestion only', async () => {
  const pre = await fetch(server.url + '/v1/batch', { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-headers'), /Authorization/);
  const read = await fetch(server.url + '/api/v1/result', { headers: { Authorization: bearer(), Origin: 'https://shop.example' } });
  assert.equal(read.headers.get('access-control-allow-origin'), null);
});

test('limits and malformed input answer 400 with a JSON error naming the problem', async () => {
  const cases = [
    ['/v1/track', '{"userId":"u","event":', /malformed JSON/],
    ['/v1/track', JSON.stringify({ event: 'x' }), /neither userId nor anonymousId/],
    ['/v1/track', JSON.stringify({ userId: 'u' }), /needs an 'event'/],
    ['/v1/batch', JSON.stringify({ batch: [{ type: 'nope', userId: 'u' }] }), /batch\[0\]: unknown call type/],
    // A value the spec's value column cannot hold is refused, not acknowledged and dropped.
    ['/v1/batch', JSON.stringify({ batch: [{ type: 'track', userId: 'u', event: 'e' }, { type: 'track', userId: 'u', event: 'e', properties: { value: 'lots' } }] }), /message 1: .*'lots'/],
    ['/v1/track', JSON.stringify({ userId: 'u', event: 'e', properties: { p: 'x'.repeat(33 * 1024) } }), /32 KB/],
    ['/v1/batch', JSON.stringify({ batch: [{ type: 'track', userId: 'u', event: 'e', properties: { p: 'x'.repeat(33 * 1024) } }] }), /batch\[0\]: the call is \d+ bytes/],
    ['/v1/batch', JSON.stringify({ batch: Array.from({ length: 9000 }, (_, i) => ({ type: 'track', userId: 'u' + i, event: 'home_view', messageId: 'big-' + i })) }), /more than 512001 bytes, the limit of a batch \(500 KB\)/],
  ];
  const before = (await readJson(server, '/api/v1/live')).version;
  for (const [path, body, message] of cases) {
    const r = await send(server, path, body);
    assert.equal(r.status, 400, String(message));
    assert.match(r.headers.get('content-type'), /application\/json/);
    assert.match((await r.json()).error, message);
  }
  // Broken gzip.
  const bad = await send(server, '/v1/batch', Buffer.from('not gzip at all'), { 'Content-Encoding': 'gzip' });
  assert.equal(bad.status, 400);
  // A gzip bomb stops at the limit: 50 MB of zeros in 50 KB.
  const bomb = gzipSync(Buffer.alloc(50 << 20));
  const r = await send(server, '/v1/batch', bomb, { 'Content-Encoding': 'gzip' });
  assert.equal(r.status, 400);
  assert.equal((await readJson(server, '/api/v1/live')).version, before, 'nothing stored');
});

test('gzip bodies, identify traits and a persona on them', async () => {
  const batch = { batch: [
    { type: 'identify', userId: 'p1', traits: { plan: 'pro' }, messageId: 'g-1' },
    { type: 'track', userId: 'p1', event: 'home_view', timestamp: '2024-03-02T10:00:00Z', messageId: 'g-2' },
    { type: 'track', userId: 'p1', event: 'Order Completed', timestamp: '2024-03-02T10:05:00Z', properties: { value: 30 }, messageId: 'g-3' },
    { type: 'track', userId: 'p2', event: 'home_view', timestamp: '2024-03-02T11:00:00Z', messageId: 'g-4' },
    { type: 'identify', userId: 'p2', traits: { plan: 'free' }, messageId: 'g-5' },
  ] };
  const start = (await readJson(server, '/api/v1/live')).version;
  const r = await send(server, '/v1/batch', gzipSync(JSON.stringify(batch)), { 'Content-Encoding': 'gzip' });
  assert.equal(r.status, 200);
  await waitLive(server, (l) => l.version >= start + 5);
  const result = await readJson(server, '/api/v1/result');
  assert.equal(result.schema, 'cjm.result/1');
  const pro = result.personas.find((p) => p.id === 'pro');
  assert.equal(pro.customers, 1, 'only p1 has plan: pro');
  assert.equal(pro.events, 2);
});

test('metrics in Prometheus text', async () => {
  const r = await fetch(server.url + '/metrics', { headers: { Authorization: bearer() } });
  assert.match(r.headers.get('content-type'), /text\/plain/);
  const text = await r.text();
  for (const name of ['cjm_messages_received_total', 'cjm_messages_stored_total', 'cjm_requests_rejected_total',
    'cjm_messages_deduplicated_total', 'cjm_log_sync_seconds_bucket{le="+Inf"}', 'cjm_log_sync_seconds_count', 'cjm_refresh_seconds'])
    assert.match(text, new RegExp('^' + name.replace(/[{}+"=]/g, '\\$&') + ' [0-9.e+-]+$', 'm'), name);
  assert.match(text, /^cjm_requests_rejected_total [1-9]/m);
});

test('a CSV file posted to /api/v1/events gives the result of cjm analyze on it', async () => {
  const dir = tempDir('csv');
  const csvServer = await startServer(dir);
  try {
    const csv = readFileSync(join(SOURCE, 'examples/shop/events.csv'));
    const spec = join(SOURCE, 'examples/shop/journey.yaml');
    const up = await fetch(csvServer.url + '/api/v1/events', { method: 'POST', headers: { Authorization: basic(), 'Content-Type': 'text/csv' }, body: csv });
    assert.equal(up.status, 200);
    const summary = await up.json();
    assert.equal(summary.accepted, 22692);
    // Posting it again stores nothing twice.
    const again = await fetch(csvServer.url + '/api/v1/events', { method: 'POST', headers: { Authorization: basic(), 'Content-Type': 'text/csv' }, body: csv });
    assert.equal(again.status, 200);
    await waitLive(csvServer, (l) => l.events === 22692);
    // Same spec as the server's for the comparison: the shop's.
    const shopDir = tempDir('shop');
    const shop = await startServer(shopDir, { spec: readFileSync(spec, 'utf8'), args: ['--events', join(SOURCE, 'examples/shop/events.csv')] });
    try {
      await waitLive(shop, (l) => l.events === 22692);
      const live = await readJson(shop, '/api/v1/result');
      const cli = JSON.parse(execFileSync(CJM, ['analyze', '--spec', spec, '--events', join(SOURCE, 'examples/shop/events.csv'), '--format', 'json'], { stdio: ['ignore', 'pipe', 'ignore'] }));
      for (const k of ['path', 'format', 'time_format']) { delete live.input[k]; delete cli.input[k]; }
      assert.deepEqual(live, cli);
    } finally { assert.equal(await shop.stop(), 0); }
  } finally { assert.equal(await csvServer.stop(), 0); }
});

test('the map file is the standalone map', async () => {
  const r = await fetch(server.url + '/api/v1/map.html', { headers: { Authorization: bearer() } });
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.ok(/<script nonce="[0-9a-f]+" type="application\/json" id="cjm-data">/.test(html));
  assert.ok(!html.includes('spec-section'), 'no live layer in the file');
});

test('keys are generated into the data folder with mode 0600 when not given', async () => {
  const dir = tempDir('keys');
  const s = await startServer(dir, { keys: false, env: { CJM_WRITE_KEY: '', CJM_READ_TOKEN: '' } });
  try {
    const st = statSync(join(dir, 'data', 'keys'));
    assert.equal(st.mode & 0o777, 0o600);
    const keys = Object.fromEntries(readFileSync(join(dir, 'data', 'keys'), 'utf8').trim().split('\n').map((l) => l.split('=')));
    assert.match(keys.write_key, /^[0-9a-f]{64}$/);
    assert.match(s.stderr(), new RegExp(keys.read_token));
    const r = await fetch(s.url + '/api/v1/live', { headers: { Authorization: 'Bearer ' + keys.read_token } });
    assert.equal(r.status, 200);
  } finally { assert.equal(await s.stop(), 0); }
  // Printed once: not on the next start.
  const again = await startServer(dir, { keys: false, env: { CJM_WRITE_KEY: '', CJM_READ_TOKEN: '' } });
  try { assert.ok(!again.stderr().includes('shown this once')); } finally { await again.stop(); }
  writeFileSync(join(dir, 'unused'), '');
});
