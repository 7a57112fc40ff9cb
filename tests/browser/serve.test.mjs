// Browser test of `cjm serve`'s UI: a real server on a loopback port, opened
// in headless Chromium with /?token=; the map shows with the server's CSP,
// the header's totals follow new events without a reload, the persona
// switcher works, and the spec editor shows an error at its line and saves a
// valid spec, keeping the previous one. Run: CJM_BINARY=build/cjm node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './map_page.mjs';
import { READ_TOKEN, SPEC, send, startServer, tempDir, readJson } from '../server/server.mjs';

const chromiumPath = process.env.CJM_CHROMIUM || '/usr/bin/chromium';
let server, browser;

function track(userId, event, minute, id) {
  return { type: 'track', userId, event, messageId: id, timestamp: new Date(Date.UTC(2024, 5, 1, 9, minute)).toISOString() };
}

before(async () => {
  server = await startServer(tempDir('ui'));
  const r = await send(server, '/v1/batch', { batch: [
    { type: 'identify', userId: 'ann', traits: { plan: 'pro' }, messageId: 'i1' },
    track('ann', 'home_view', 0, 'e1'), track('ann', 'product_view', 1, 'e2'), track('ann', 'order_completed', 2, 'e3'),
    track('bob', 'home_view', 5, 'e4'),
  ] });
  assert.equal(r.status, 200);
  browser = await launchBrowser(chromiumPath, 1280);
});

after(async () => {
  if (browser) await browser.close();
  if (server) assert.equal(await server.stop(), 0);
});

async function openLive() {
  const p = await browser.newPage();
  const errors = [], offsite = [];
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('request', (r) => { if (!r.url().startsWith(server.url)) offsite.push(r.url()); });
  await p.goto(server.url + '/?token=' + READ_TOKEN, { waitUntil: 'load' });
  await p.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  return { p, errors, offsite };
}

const liveEvents = (p) => p.$eval('#facts b[data-live="events"]', (b) => b.textContent);

test('the map shows, and its totals follow new events without a reload', async () => {
  const { p, errors, offsite } = await openLive();
  assert.equal(new URL(p.url()).search, '', 'the token left the address bar');
  await p.waitForSelector('#facts b[data-live="events"]', { timeout: 5000 });
  assert.equal(await liveEvents(p), '4');
  assert.ok((await p.$$('#grid td')).length > 0, 'the map grid is drawn');
  await p.evaluate(() => { window.__sameDocument = true; });
  const batch = { batch: Array.from({ length: 20 }, (_, i) => track('c' + i, 'home_view', 10 + i, 'n' + i)) };
  assert.equal((await send(server, '/v1/batch', batch)).status, 200);
  const t0 = Date.now();
  await p.waitForFunction(() => {
    const b = document.querySelector('#facts b[data-live="events"]');
    return b && b.textContent === '24';
  }, null, { timeout: 5000 });
  const seconds = (Date.now() - t0) / 1000;
  assert.ok(seconds < 5, `updated after ${seconds} s`);
  assert.equal(await p.$eval('#facts b[data-live="customers"]', (b) => b.textContent), '22');
  assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no reload');
  assert.deepEqual(errors, [], 'no script errors or CSP violations');
  assert.deepEqual(offsite, []);
  await p.close();
});

test('the persona switcher lists the persona of the identify traits', async () => {
  const { p, errors } = await openLive();
  const options = await p.$$eval('#seg-a option', (os) => os.map((o) => o.textContent));
  assert.ok(options.includes('Pro plan (1)'), options.join(' | '));
  const before = await p.$eval('#grid', (g) => g.textContent);
  await p.selectOption('#seg-a', { label: 'Pro plan (1)' });
  await p.waitForFunction((b) => document.querySelector('#grid').textContent !== b, before, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await p.close();
});

test('the spec editor shows an error at its line, and saving keeps the previous version', async () => {
  const { p, errors } = await openLive();
  await p.waitForFunction(() => document.getElementById('spec-text').value.length > 0);
  const bad = SPEC.replace('  - id: choose\n', '  - id: choose\n    colour: red\n');
  const line = bad.split('\n').indexOf('    colour: red') + 1;
  await p.fill('#spec-text', bad);
  await p.click('#spec-check');
  await p.waitForFunction(() => document.getElementById('spec-error').textContent !== '');
  assert.equal(await p.$eval('#spec-error', (e) => e.getAttribute('data-line')), String(line));
  assert.match(await p.$eval('#spec-error', (e) => e.textContent), new RegExp(`^Line ${line}: unknown key 'colour'`));
  // The selection marks the line.
  assert.equal(await p.$eval('#spec-text', (t) => t.value.slice(t.selectionStart, t.selectionEnd)), '    colour: red');
  // Saving the bad spec changes nothing.
  await p.click('#spec-save');
  await p.waitForFunction(() => document.getElementById('spec-error').textContent !== '');
  assert.equal((await readJson(server, '/api/v1/spec')).history.length, 0);
  // A valid one is saved; the page reloads with the new map.
  const good = SPEC.replace('  - id: choose\n', '  - id: choose\n    name: Choosing now\n');
  await p.fill('#spec-text', good);
  await Promise.all([p.waitForEvent('load', { timeout: 15000 }), p.click('#spec-save')]);
  await p.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  assert.match(await p.$eval('#grid', (g) => g.textContent), /Choosing now/);
  const spec = await readJson(server, '/api/v1/spec');
  assert.equal(spec.text, good);
  assert.deepEqual(spec.history, [1]);
  const previous = await readJson(server, '/api/v1/spec/history/1');
  assert.equal(previous.text, SPEC);
  // Restore brings it back into the editor.
  await p.waitForFunction(() => document.querySelectorAll('#spec-history option').length === 1);
  await p.click('#spec-restore');
  await p.waitForFunction((s) => document.getElementById('spec-text').value === s, SPEC);
  assert.deepEqual(errors, []);
  await p.close();
});
