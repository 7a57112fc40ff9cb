// Browser test of the HTML journey map: runs `cjm map` on a small journey with
// hostile names, opens the page in headless Chromium and checks what a person
// sees. Run: CJM_BINARY=build/cjm node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const outputDir = join(here, 'output');
const cjm = resolve(process.env.CJM_BINARY || join(here, '..', '..', 'build', 'cjm'));
const chromiumPath = process.env.CJM_CHROMIUM || '/usr/bin/chromium';

const HOSTILE_TP = '<img src=x onerror=alert(1)>';
const HOSTILE_TP2 = '</script><script>alert(2)</script>';
const HOSTILE_PERSONA = '</script><b>VIP</b>';
const STAGES = [
  ['aware', 'Awareness'], ['consider', 'Consideration'], ['compare', 'Compare & choose'],
  ['buy', 'Purchase'], ['use', 'Use'],
];

const SPEC = `name: "Shop <journey> & test"
description: "A small journey for the browser test </script>"
stages:
  - id: aware
    name: Awareness
    events: [ad_view, "${HOSTILE_TP}"]
    goal: Find a solution
    thinking: "Is this for me? <b>bold</b>"
  - id: consider
    name: Consideration
    events: [site_visit, review_read]
    actions: [Reads reviews, Visits the site]
  - id: compare
    name: Compare & choose
    events: [compare, "${HOSTILE_TP2}"]
    feeling: Unsure
  - id: buy
    name: Purchase
    events: [checkout, purchase]
    opportunities: [Show the total price early]
  - id: use
    name: Use
    events: [use_app]
conversion: [purchase]
personas:
  - id: vip
    name: "${HOSTILE_PERSONA}"
    where:
      plan: [gold]
  - id: basic
    name: Basic plan
    where:
      plan: [basic]
`;

// Deterministic events: a mix of linear, looping, skipping journeys and exits.
function makeEvents() {
  const rows = ['customer_id,timestamp,event,score,plan'];
  const journeys = [
    ['ad_view', 'site_visit', 'compare', 'checkout', 'purchase', 'use_app'],
    ['ad_view', 'site_visit', 'review_read', 'compare', 'site_visit', 'compare', 'purchase'],
    [HOSTILE_TP, 'site_visit', 'compare'],
    ['ad_view', 'compare', 'purchase'],
    ['ad_view', 'site_visit', HOSTILE_TP2],
    ['site_visit', 'compare', 'checkout'],
    ['ad_view'],
  ];
  const t0 = Date.parse('2025-03-01T08:00:00Z');
  for (let c = 0; c < 60; c++) {
    const j = journeys[c % journeys.length];
    const plan = c % 3 === 0 ? 'gold' : 'basic';
    j.forEach((ev, i) => {
      const t = new Date(t0 + c * 3600e3 + i * 600e3).toISOString();
      const score = (i + c) % 2 === 0 ? String(1 + ((c * 7 + i * 3) % 5)) : '';
      rows.push(`u${c},${t},"${ev.replace(/"/g, '""')}",${score},${plan}`);
    });
  }
  return rows.join('\n') + '\n';
}

let dir, browser, page, htmlPath;
const consoleErrors = [], pageErrors = [], dialogs = [], requests = [];

before(async () => {
  assert.ok(existsSync(cjm), `cjm binary not found at ${cjm} (set CJM_BINARY)`);
  dir = mkdtempSync(join(tmpdir(), 'cjm-browser-'));
  writeFileSync(join(dir, 'journey.yaml'), SPEC);
  writeFileSync(join(dir, 'events.csv'), makeEvents());
  htmlPath = join(dir, 'map.html');
  execFileSync(cjm, ['map', '--spec', join(dir, 'journey.yaml'), '--events', join(dir, 'events.csv'),
    '-o', htmlPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  // A fresh profile every run (launchPersistentContext passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cjm-chromium-')), {
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
    viewport: { width: 1440, height: 900 },
  });
  const context = browser;
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
});

after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the page loads without errors and without the network', async () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
  assert.deepEqual(outside, []);
});

test('every stage is a column, in order', async () => {
  const ids = await page.$$eval('#grid thead th[data-stage]', (ths) => ths.map((t) => t.dataset.stage));
  assert.deepEqual(ids, STAGES.map((s) => s[0]));
  const text = await page.$eval('#grid thead', (e) => e.textContent);
  for (const [, name] of STAGES) assert.ok(text.includes(name), name);
});

test('the emotion curve, the Sankey and the funnel are drawn', async () => {
  for (const sel of ['#emotion-chart', '.sankey-chart', '.funnel-chart', '.loops-chart']) {
    const marks = await page.$$eval(`${sel} svg path, ${sel} canvas`, (e) => e.length);
    assert.ok(marks > 0, `${sel} has nothing drawn`);
  }
});

test('hostile names are shown as text and run nothing', async () => {
  const body = await page.evaluate(() => document.body.innerText);
  assert.ok(body.includes(HOSTILE_TP), 'the <img> touchpoint shows as text');
  assert.ok(body.includes(HOSTILE_TP2), 'the </script> touchpoint shows as text');
  assert.ok(body.includes('Shop <journey> & test'), 'the title shows as text');
  assert.equal(await page.$$eval('img', (e) => e.length), 0);
  assert.equal(await page.$$eval('main b, header b', (e) => e.filter((b) => b.textContent === 'VIP').length), 0);
  assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 3);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.title(), 'Shop <journey> & test — customer journey map');
});

test('switching persona changes the figures; two personas side by side', async () => {
  const metrics = () => page.$eval('#grid tr.lane-metrics', (e) => e.textContent);
  const before = await metrics();
  const options = await page.$$eval('#seg-a option', (o) => o.map((x) => x.textContent));
  assert.ok(options.some((o) => o.startsWith(HOSTILE_PERSONA)), 'persona name shows as text');
  await page.selectOption('#seg-a', '2');
  assert.equal(await page.getAttribute('body', 'data-segments'), 'basic');
  const after = await metrics();
  assert.notEqual(after, before);
  await page.selectOption('#seg-b', '1');
  assert.equal(await page.getAttribute('body', 'data-segments'), 'basic,vip');
  assert.equal(await page.$$eval('.sankey-chart', (e) => e.length), 2);
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, 'map-compare.png'), fullPage: true });
  // Tooltips escape the persona name too.
  await page.hover('.sankey-chart svg path[fill-opacity], .sankey-chart svg path');
  assert.deepEqual(dialogs, []);
  assert.equal(await page.$$eval('img', (e) => e.length), 0);
  await page.selectOption('#seg-b', '-1');
  await page.selectOption('#seg-a', '0');
  assert.equal(await page.getAttribute('body', 'data-segments'), 'all');
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
});

test('screenshot of the map', async () => {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, 'map.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(outputDir, 'map-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});
