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
import { launchBrowser, openWithMapData } from './map_page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outputDir = join(here, 'output');
const cjm = resolve(process.env.CJM_BINARY || join(here, '..', '..', 'build', 'cjm'));
const chromiumPath = process.env.CJM_CHROMIUM || '/usr/bin/chromium';

const HOSTILE_TP = '<img src=x onerror=alert(1)>';
const HOSTILE_TP2 = '</script><script>alert(2)</script>';
const HOSTILE_PERSONA = '</script><b>VIP</b>';
const HOSTILE_BARRIER = '<img src=x onerror=alert(3)> price</script>';
const HOSTILE_CHANNEL = '<svg onload=alert(4)>';
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

// The analysis blocks of the spec (barriers, touchpoint metadata, advocacy).
// Appended when this build's spec parser knows them.
const SPEC_ANALYSES = `barriers:
  - id: checkout_pain
    name: "${HOSTILE_BARRIER}"
    events: [checkout]
    stage: buy
    fix_cost: 1000
    note: "Checkout asks for too much <i>data</i>"
touchpoints:
  - events: ad_view
    control: direct
    medium: online
  - events: "review_*"
    control: indirect
    medium: online
advocacy: [use_app]
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
  writeFileSync(join(dir, 'events.csv'), makeEvents());
  htmlPath = join(dir, 'map.html');
  const runMap = (spec) => {
    writeFileSync(join(dir, 'journey.yaml'), spec);
    execFileSync(cjm, ['map', '--spec', join(dir, 'journey.yaml'), '--events', join(dir, 'events.csv'),
      '-o', htmlPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  runMap(SPEC + SPEC_ANALYSES);
  browser = await launchBrowser(chromiumPath, 1440);
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

// ---------- the analysis sections: barriers, opportunities, attribution, retention, personas ----------

const ANALYSIS_SECTIONS = {
  barriers: { section: '#barriers-section', drawn: '.barriers-chart' },
  fix: { section: '#fix-section', drawn: null },
  attribution: { section: '#attribution-section', drawn: '.attribution-chart' },
  retention: { section: '#retention-section', drawn: '.cohort-chart' },
  personas: { section: '#personas-section', drawn: null },
};

// Which analysis sections the map data has something for (segment 0 shown alone).
function sectionsWithData(data) {
  const seg = data.segments[0];
  const b = seg.barriers || {}, a = seg.attribution || {}, r = seg.retention || {};
  const named = (models) => Object.values(models || {}).some((m) => Object.keys(m || {}).length > 0);
  return {
    barriers: (b.by_count || []).some((x) => x.customers > 0) || (b.items || []).some((x) => x.customers > 0 || x.comparable_customers > 0),
    fix: (seg.opportunities || []).length > 0,
    attribution: named(a.touchpoint) || named(a.channel),
    retention: (r.buyers || 0) > 0 || (r.cohorts || []).length > 0,
    personas: (data.comparisons || []).length > 0,
  };
}

async function sectionState(p, key) {
  const { section, drawn } = ANALYSIS_SECTIONS[key];
  return p.evaluate(([sec, dr]) => {
    const s = document.querySelector(sec);
    const visible = !!s && s.offsetParent !== null && s.getBoundingClientRect().height > 0;
    const marks = dr ? document.querySelectorAll(`${sec} ${dr} svg path, ${sec} ${dr} canvas`).length : 0;
    const rows = document.querySelectorAll(`${sec} tbody tr`).length;
    const emptyPanels = [...document.querySelectorAll(`${sec} .panel`)].filter((x) => x.textContent.trim() === '').length;
    return { visible, marks, rows, emptyPanels };
  }, [section, drawn]);
}

async function checkSections(p, expected) {
  for (const [key, want] of Object.entries(expected)) {
    const st = await sectionState(p, key);
    assert.equal(st.visible, want, `${key} section ${want ? 'shown' : 'hidden'}`);
    assert.equal(st.emptyPanels, 0, `${key} has no blank panels`);
    if (!want) continue;
    if (ANALYSIS_SECTIONS[key].drawn) assert.ok(st.marks > 0, `${key} chart has nothing drawn`);
    else assert.ok(st.rows > 0, `${key} table has no rows`);
  }
}

test('analysis sections of the real map: drawn when the data has them, hidden otherwise', async () => {
  const data = await page.evaluate(() => JSON.parse(document.getElementById('cjm-data').textContent));
  for (const key of ['barriers', 'attribution', 'retention'])
    assert.ok(key in data.segments[0], `the map JSON carries ${key}`);
  assert.ok(Array.isArray(data.comparisons), 'the map JSON carries comparisons');
  await checkSections(page, sectionsWithData(data));
  {
    // The barrier's note is a spec pain point; its name, when measured, shows as text.
    const pains = await page.$eval('#grid', (e) => e.innerText);
    assert.ok(pains.includes('Checkout asks for too much <i>data</i>'), 'barrier note is a pain point, as text');
    if (data.segments[0].barriers.items.some((i) => i.customers > 0))
      assert.ok((await page.evaluate(() => document.body.innerText)).includes(HOSTILE_BARRIER), 'barrier name as text');
    const badges = await page.$$eval('#grid .badge', (b) => b.map((x) => x.textContent));
    assert.ok(badges.includes('direct') && badges.includes('online'), 'touchpoint badges from the spec');
  }
  assert.equal(await page.$$eval('img, svg image', (e) => e.length), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
});

// The page's own drawing of every analysis, independent of the engine: the
// generated page with analysis figures put into its data.
function wilson(k, n) {
  if (!n) return null;
  const z = 1.96, p = k / n, d = 1 + z * z / n, c = (p + z * z / (2 * n)) / d;
  const h = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
  return [c - h, c + h];
}

function withAnalyses(data, empty) {
  const d = structuredClone(data);
  const models = ['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay', 'markov'];
  d.segments.forEach((seg, si) => {
    if (empty) {
      seg.barriers = { by_count: [], items: [] };
      seg.opportunities = [];
      seg.attribution = { converting_paths: 0, non_converting_paths: 0, total_conversions: 0, total_value: 0,
        touchpoint: {}, channel: {}, touchpoint_value: {}, channel_value: {},
        removal_effect: { touchpoint: {}, channel: {} }, markov_order: 1, note: null };
      seg.retention = { buyers: 0, repeat_buyers: 0, repeat_rate: null,
        time_to_second_purchase_s: { count: 0, mean: 0, p50: 0, p90: 0 }, cohorts: [], advocates: 0, advocacy_share: null };
      return;
    }
    const counts = [[400, 0.7], [300, 0.55], [200, 0.25 + 0.1 * si], [100, 0.15]];
    seg.barriers = {
      by_count: counts.map(([n, r], b) => ({ barriers: b, label: b >= 3 ? '3+' : String(b), customers: n, converted: Math.round(n * r), rate: Math.round(n * r) / n,
        rate_ci: wilson(Math.round(n * r), n) })),
      items: [{ id: 'checkout_pain', name: HOSTILE_BARRIER, stage: 'buy', customers: 120, converted: 40, rate: 40 / 120,
        rate_ci: wilson(40, 120), comparable_customers: 300, comparable_converted: 230, comparable_rate: 230 / 300,
        lost_after: 30, scores_around: 80, mean_score_around: 2.1, fix_cost: 1000, note: 'note' }],
    };
    seg.opportunities = [{ barrier_id: 'checkout_pain', barrier_name: HOSTILE_BARRIER, fix_cost: 1000, extra_conversions: 52,
        extra_conversions_ci: [40, 64], extra_value: 4400, gain_per_cost: 0.052, rank: 1,
        method: 'Extra conversions = customers who met it × (comparable rate − their rate).' }];
    const credit = (names) => Object.fromEntries(models.map((m, mi) => [m,
      Object.fromEntries(names.map((n, i) => [n, 10 + ((i + 1) * (mi + 2)) % 17]))]));
    const value = (names) => Object.fromEntries(models.map((m) => [m,
      Object.fromEntries(names.map((n, i) => [n, 100 * (i + 1)]))]));
    const touchpoints = ['ad_view', 'site_visit', HOSTILE_TP, 'compare', 'checkout'], channels = ['web', HOSTILE_CHANNEL];
    seg.attribution = { converting_paths: 50, non_converting_paths: 10, total_conversions: 50, total_value: 5000,
      touchpoint: credit(touchpoints), channel: credit(channels), touchpoint_value: value(touchpoints), channel_value: value(channels),
      removal_effect: { touchpoint: {}, channel: {} }, markov_order: 1, note: null };
    seg.retention = { buyers: 50, repeat_buyers: 12, repeat_rate: 0.24,
      time_to_second_purchase_s: { count: 12, mean: 3e6, p50: 2.5e6, p90: 6e6 },
      cohorts: [{ month: '2025-03', customers: 30, active: [30, 9, 6] }, { month: '2025-04', customers: 20, active: [20, 4] }],
      advocates: 9, advocacy_share: 0.18 };
  });
  d.comparisons = empty ? [] : [
    { a: 'vip', b: 'rest', a_customers: 20, a_converted: 15, b_customers: 40, b_converted: 12, difference: 0.45, z: 3.3, p_value: 0.001, significant: true },
    { a: 'vip', b: 'basic', a_customers: 20, a_converted: 15, b_customers: 40, b_converted: 12, difference: 0.45, z: 3.3, p_value: 0.001, significant: true },
    { a: 'basic', b: 'rest', a_customers: 40, a_converted: 12, b_customers: 20, b_converted: 15, difference: -0.1, z: -1, p_value: 0.3, significant: false },
  ];
  return d;
}

function openWithData(transform) {
  return openWithMapData(browser, htmlPath, dir, transform);
}

test('every analysis section draws from the page data; hostile names stay text', async () => {
  const { p, errors, net, dialogs: seen } = await openWithData((d) => withAnalyses(d, false));
  await checkSections(p, { barriers: true, fix: true, attribution: true, retention: true, personas: true });
  const text = await p.evaluate(() => document.body.innerText);
  assert.ok(text.includes(HOSTILE_BARRIER), 'hostile barrier name shows as text');
  assert.match(text, /Does a second barrier tip people into refusal\?/);
  assert.equal(await p.$$eval('#personas-section .sig', (e) => e.length), 2, 'only significant differences are marked');
  // Hover every kind of chart: tooltips escape the data.
  for (const sel of ['.barriers-chart', '.attribution-chart', '.cohort-chart']) {
    await p.$eval(sel, (e) => e.scrollIntoView({ block: 'center' }));
    const b2 = await p.$eval(`${sel}`, (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
    for (const fx of [0.2, 0.4, 0.6, 0.8]) await p.mouse.move(b2.x + b2.w * fx, b2.y + b2.h * 0.7);
  }
  // The channel toggle redraws the chart with channels.
  await p.click('#attribution-toggle button[data-kind="channel"]');
  assert.equal(await p.getAttribute('#attribution-toggle button[data-kind="channel"]', 'aria-pressed'), 'true');
  assert.ok((await sectionState(p, 'attribution')).marks > 0);
  // Compare mode: the pair line gives the difference and its significance.
  await p.selectOption('#seg-a', '1');
  await p.selectOption('#seg-b', '2');
  const pair = await p.$eval('#pair', (e) => e.innerText);
  assert.match(pair, /p = 0\.001/);
  assert.match(pair, /significant/);
  assert.equal(await p.$$eval('.barriers-chart', (e) => e.length), 2);
  mkdirSync(outputDir, { recursive: true });
  await p.screenshot({ path: join(outputDir, 'map-analyses-compare.png'), fullPage: true });
  await p.selectOption('#seg-b', '-1');
  await p.selectOption('#seg-a', '0');
  await p.screenshot({ path: join(outputDir, 'map-analyses.png'), fullPage: true });
  assert.equal(await p.$$eval('img, svg image, svg foreignObject', (e) => e.length), 0);
  assert.deepEqual(seen, []);
  assert.deepEqual(errors, []);
  assert.deepEqual(net, []);
  await p.close();
});

test('empty analyses leave no section and no blank box', async () => {
  const { p, errors, net } = await openWithData((d) => withAnalyses(d, true));
  await checkSections(p, { barriers: false, fix: false, attribution: false, retention: false, personas: false });
  assert.equal(await p.$eval('#pair', (e) => e.offsetParent === null || e.textContent === ''), true);
  assert.deepEqual(errors, []);
  assert.deepEqual(net, []);
  await p.close();
});
