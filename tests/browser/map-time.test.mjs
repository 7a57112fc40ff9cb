// Browser test of the map's time sections: the period switcher, "What
// changed", the stage timelines and the as-is/to-be view. Runs `cjm map` on
// the clickstream example (examples/clickstream: visits, two periods, and a
// planted payment incident 2025-04-07..2025-04-27 that makes most visits
// give up between Checkout and Purchase) with the incident's error event and
// the incident period given hostile names, and checks what a person sees.
// Run: CJM_BINARY=build/cjm node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openWatched, openWithMapData } from './map_page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outputDir = join(here, 'output');
const root = resolve(here, '..', '..');
const cjm = resolve(process.env.CJM_BINARY || join(root, 'build', 'cjm'));
const chromiumPath = process.env.CJM_CHROMIUM || '/usr/bin/chromium';
const T = { timeout: 60000 };

const HOSTILE_EVENT = '<img src=x onerror=alert(1)>';
const HOSTILE_PERIOD = '<img src=x onerror=alert(5)> incident';

const SPEC = `name: Online shop visits
data:
  customer: customer_id
  time: timestamp
  event: event
  channel: channel
  value: value
  score: score
  time_format: iso8601
  session: session_id
unit: visit
stages:
  - id: discover
    name: Discover
    events: [home_view, landing_view, category_view, search]
  - id: consider
    name: Consider
    events: [product_view, review_read, compare_view, wishlist_add]
  - id: cart
    name: Cart
    events: [add_to_cart, cart_view]
  - id: checkout
    name: Checkout
    events: [checkout_start, shipping_info, payment_info, "${HOSTILE_EVENT}"]
  - id: purchase
    name: Purchase
    events: [purchase]
  - id: service
    name: After sales
    events: [order_tracking, review_written, support_chat, return_request]
conversion: purchase
windows:
  conversion: 30d
  session_gap: 30m
personas:
  - id: mobile
    name: Mobile web
    where: {platform: mobile}
    scope: event
periods:
  - id: incident
    name: "${HOSTILE_PERIOD}"
    from: 2025-04-07
    to: 2025-04-27
  - id: after
    name: After the fix
    from: 2025-04-28
    to: 2025-07-01
`;

let dir, browser, page, htmlPath, data;
let errors = [], net = [], dialogs = [];  // of the page, for its whole life

before(async () => {
  assert.ok(existsSync(cjm), `cjm binary not found at ${cjm} (set CJM_BINARY)`);
  dir = mkdtempSync(join(tmpdir(), 'cjm-browser-time-'));
  const csv = readFileSync(join(root, 'examples', 'clickstream', 'events.csv'), 'utf8');
  writeFileSync(join(dir, 'events.csv'), csv.replace(/,payment_error,/g, `,${HOSTILE_EVENT},`));
  writeFileSync(join(dir, 'journey.yaml'), SPEC);
  htmlPath = join(dir, 'map.html');
  execFileSync(cjm, ['map', '--spec', join(dir, 'journey.yaml'), '--events', join(dir, 'events.csv'), '-o', htmlPath],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  browser = await launchBrowser(chromiumPath, 1400);
  ({ p: page, errors, net, dialogs } = await openWatched(browser, htmlPath));
  data = await page.evaluate(() => JSON.parse(document.getElementById('cjm-data').textContent));
});

after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function noHarm(errors, seen) {
  assert.deepEqual(errors, []);
  assert.deepEqual(seen, []);
}
const whole = (f) => `${Math.round(f * 100)}%`;

test('the page loads without errors, without the network, and says visits', T, async () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(net, []);
  assert.equal(data.unit, 'visit');
  const legend = await page.$eval('#legend', (e) => e.textContent);
  assert.match(legend, /visits/);
  assert.doesNotMatch(legend, /customers/);
  assert.equal(await page.$eval('#h-flows', (e) => e.textContent), 'Flows: how visits really move');
});

test('"What changed" tells the planted incident: stage, dates, cause; hostile names stay text', T, async () => {
  const c = data.segments[0].changes.find((x) => x.stage === 'purchase');
  assert.ok(c, 'change detection found the incident');
  assert.equal(c.direction, 'down');
  const li = await page.$('#changes li[data-stage="purchase"]');
  assert.ok(li, 'a sentence for Purchase');
  const text = await li.textContent();
  // The planted window is 2025-04-07..2025-04-27.
  assert.ok(text.startsWith(`Purchase fell from ${whole(c.baseline_rate)} to ${whole(c.rate)} of the visits that reached Checkout, 7–27 April 2025 (p < 0.001)`), text);
  assert.match(text, new RegExp(`about ${Math.round(c.lost)} fewer visits reached Purchase`));
  assert.ok(text.includes(`; ${HOSTILE_EVENT} was `), 'the cause, as text');
  assert.equal(await page.$$eval('img, svg image', (e) => e.length), 0);
  noHarm(errors, dialogs);
});

test('the stage timelines are drawn with the change window shaded', T, async () => {
  const stages = await page.$$eval('#timelines .timeline', (ps) => ps.map((p) => p.dataset.stage));
  assert.deepEqual(stages, ['consider', 'cart', 'checkout', 'purchase', 'service']);
  const windows = await page.$eval('#timelines .timeline[data-stage="purchase"]', (p) => p.dataset.windows);
  assert.ok(windows.split(',').includes('2025-04-07..2025-04-27'), windows);
  const drawn = await page.$eval('#timelines .timeline[data-stage="purchase"] .timeline-chart', (div) => {
    const o = echarts.getInstanceByDom(div).getOption();
    const line = o.series.find((s) => s.type === 'line'), dots = o.series.find((s) => s.type === 'scatter');
    const area = line.markArea.data[0];
    const day = dots.data.find((d) => d.p.day === '2025-04-10');
    return { from: area[0].xAxis, to: area[1].xAxis, rate: day.value[1], paths: div.querySelectorAll('svg path').length };
  });
  assert.equal(drawn.from, Date.UTC(2025, 3, 7));
  assert.equal(drawn.to, Date.UTC(2025, 3, 28), 'the shade covers the last day');
  const tl = data.segments[0].timelines.find((t) => t.stage === 'purchase');
  const i = tl.days.indexOf('2025-04-10');
  assert.equal(drawn.rate, tl.entered[i] / tl.at_risk[i]);
  assert.ok(drawn.paths > 10, 'the chart has marks');
  // Hover across the chart: tooltips escape the data.
  const box = await page.$eval('#timelines .timeline[data-stage="purchase"] .timeline-chart', (e) => {
    e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  for (const fx of [0.3, 0.5, 0.52, 0.55, 0.7]) await page.mouse.move(box.x + box.w * fx, box.y + box.h * 0.5);
  noHarm(errors, dialogs);
});

test('the period switcher shows a period\'s map like a persona', T, async () => {
  const options = await page.$$eval('#seg-period option', (o) => o.map((x) => [x.value, x.textContent]));
  assert.equal(options[0][0], 'all');
  const incident = data.segments.findIndex((s) => s.id === 'incident');
  const opt = options.find((o) => o[0] === String(incident));
  assert.ok(opt && opt[1].startsWith(HOSTILE_PERIOD), 'the hostile period name, as text');
  const metrics = () => page.$eval('#grid tr.lane-metrics', (e) => e.textContent);
  const before = await metrics();
  await page.selectOption('#seg-period', String(incident));
  assert.equal(await page.getAttribute('body', 'data-segments'), 'incident');
  assert.equal(await page.$eval('#seg-a', (e) => e.value), '0');
  const during = await metrics();
  assert.notEqual(during, before);
  const reach = data.segments[incident].stages[0].reached.toLocaleString('en-US');
  assert.ok(during.includes(reach), 'the period\'s own reach');
  assert.ok((await page.$eval('#legend', (e) => e.textContent)).includes(HOSTILE_PERIOD));
  // A persona goes back to all dates.
  await page.selectOption('#seg-a', '1');
  assert.equal(await page.getAttribute('body', 'data-segments'), 'mobile');
  assert.equal(await page.$eval('#seg-period', (e) => e.value), 'all');
  await page.selectOption('#seg-a', '0');
  assert.equal(await page.getAttribute('body', 'data-segments'), 'all');
  assert.equal(await page.$$eval('img, svg image', (e) => e.length), 0);
  noHarm(errors, dialogs);
});

// Pooled two-proportion z-test, written apart from the page's.
function zTest(k1, n1, k2, n2) {
  const p = (k1 + k2) / (n1 + n2);
  return (k1 / n1 - k2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}

test('as-is and to-be: two columns, the incident\'s Purchase entry marked', T, async () => {
  assert.equal(await page.$$eval('#asis .asis-col', (e) => e.length), 2);
  const incident = data.segments.findIndex((s) => s.id === 'incident');
  assert.equal(await page.$eval('#asis-a', (e) => e.value), String(incident), 'the first period by default');
  assert.equal(await page.$eval('#asis-b', (e) => e.value), 'rest', 'against the rest');
  const heads = await page.$$eval('#asis .asis-col h3:first-child', (e) => e.map((x) => x.textContent));
  assert.deepEqual(heads, [`As-is${HOSTILE_PERIOD}`, `To-beOutside ${HOSTILE_PERIOD}`]);
  const cmp = data.comparisons.find((c) => c.a === 'incident' && c.b === 'rest');
  const sigStages = cmp.stages.filter((s) => s.significant).map((s) => s.stage);
  assert.ok(sigStages.includes('purchase'));
  const marked = await page.$$eval('#asis .asis-table tr', (rows) =>
    rows.filter((r) => r.querySelector('.sig-entry')).map((r) => r.dataset.stage));
  assert.deepEqual(marked, sigStages, 'exactly the stages the analysis found different');
  const row = await page.$eval('#asis .asis-table tr[data-stage="purchase"]', (r) => [...r.cells].map((c) => c.textContent));
  const st = cmp.stages.find((s) => s.stage === 'purchase');
  assert.equal(row[1], `${(100 * st.a_entered / st.a_from).toFixed(1)}%`);
  assert.equal(row[2], `${(100 * st.b_entered / st.b_from).toFixed(1)}%`);
  for (const sel of ['.asis-funnel', '.asis-emotion'])
    assert.equal(await page.$$eval(`#asis ${sel}`, (e) => e.filter((d) => d.querySelector('svg path')).length), 2, `${sel} drawn twice`);
  // Two periods: the page tests them itself.
  const afterIdx = data.segments.findIndex((s) => s.id === 'after');
  await page.selectOption('#asis-b', String(afterIdx));
  assert.match(await page.$eval('#asis-note', (e) => e.textContent), /tested here with a two-proportion z-test/);
  const a = cmp.stages.find((s) => s.stage === 'purchase');
  const b = data.comparisons.find((c) => c.a === 'after' && c.b === 'rest').stages.find((s) => s.stage === 'purchase');
  assert.ok(Math.abs(zTest(a.a_entered, a.a_from, b.a_entered, b.a_from)) > 3.3, 'p < 0.001 by hand');
  const p = await page.$eval('#asis .asis-table tr[data-stage="purchase"]', (r) => [r.cells[4].textContent, !!r.querySelector('.sig-entry')]);
  assert.deepEqual(p, ['< 0.001', true]);
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, 'map-time.png'), fullPage: true });
  await page.selectOption('#asis-b', 'rest');
  noHarm(errors, dialogs);
});

test('silent without changes; customers when journeys are customers', T, async () => {
  const quiet = await openWithMapData(browser, htmlPath, dir, (d) => {
    d.segments.forEach((s) => { s.changes = []; });
    return d;
  });
  assert.equal(await quiet.p.$$eval('#changes li', (e) => e.length), 0);
  assert.match(await quiet.p.$eval('#changes', (e) => e.textContent), /^No significant change in the period/);
  assert.equal(await quiet.p.$eval('#timelines .timeline[data-stage="purchase"]', (p) => p.dataset.windows), '');
  noHarm(quiet.errors.concat(quiet.net), quiet.dialogs);
  await quiet.p.close();
  // A journey of one stage: nothing scanned, so nothing said.
  const none = await openWithMapData(browser, htmlPath, dir, (d) => {
    d.segments.forEach((s) => { s.changes = []; s.timelines = []; });
    return d;
  });
  for (const id of ['changes-section', 'timelines-section'])
    assert.equal(await none.p.$eval(`#${id}`, (e) => e.style.display), 'none', `${id} hidden`);
  noHarm(none.errors.concat(none.net), none.dialogs);
  await none.p.close();
  const people = await openWithMapData(browser, htmlPath, dir, (d) => { d.unit = 'customer'; d.visits = null; return d; });
  const text = await people.p.$eval('#changes li[data-stage="purchase"]', (e) => e.textContent);
  assert.match(text, /of the customers that reached Checkout/);
  assert.match(text, /fewer customers reached Purchase/);
  assert.match(await people.p.$eval('#legend', (e) => e.textContent), /customers/);
  noHarm(people.errors.concat(people.net), people.dialogs);
  await people.p.close();
});
