// Browser test of the persona cards: personas found by `cjm personas` on
// generator data with planted groups, joined back with --customers, show
// their cards (name, size, conversion, typical path, what sets them apart)
// under the persona switcher; a hostile attribute value is shown as text.
// Run: CJM_BINARY=build/cjm node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openWatched } from './map_page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const cjm = resolve(process.env.CJM_BINARY || join(root, 'build', 'cjm'));
const chromiumPath = process.env.CJM_CHROMIUM || '/usr/bin/chromium';
const T = { timeout: 60000 };
const HOSTILE = '<img src=x onerror=alert(7)>';
const outputDir = join(here, 'output');

let dir, browser, page, cards, errors = [], net = [], dialogs = [];
const run = (args) => execFileSync(cjm, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });

before(async () => {
  assert.ok(existsSync(cjm), `cjm binary not found at ${cjm} (set CJM_BINARY)`);
  dir = mkdtempSync(join(tmpdir(), 'cjm-browser-personas-'));
  const at = (f) => join(dir, f);
  run(['generate', '--customers', '900', '--seed', '3', '--distinct-personas', '0.95',
    '-o', at('raw.csv'), '--spec-out', at('generated.yaml')]);
  // The bargain hunters' persona value becomes a hostile string.
  writeFileSync(at('events.csv'), readFileSync(at('raw.csv'), 'utf8').replace(/,bargain_hunter,/g, `,"${HOSTILE}",`));
  const generated = readFileSync(at('generated.yaml'), 'utf8');
  const from = generated.indexOf('\npersonas:\n'), to = generated.indexOf('\nbarriers:\n');
  writeFileSync(at('find.yaml'), generated.slice(0, from) + generated.slice(to));
  run(['personas', '--spec', at('find.yaml'), '--events', at('events.csv'), '--k', '3',
    '--format', 'json', '-o', at('cards.json'), '--customers-out', at('personas.csv')]);
  cards = JSON.parse(readFileSync(at('cards.json'), 'utf8'));
  const personas = 'personas:\n' + cards.cards.map((c) => `  - {id: ${c.id}, where: {${cards.column}: ${c.id}}}\n`).join('');
  // The table and cards come from the spec (data.customers), relative to it.
  const spec = (generated.slice(0, from + 1) + personas + generated.slice(to + 1))
    .replace('\ndata:\n', '\ndata:\n  customers: {file: personas.csv, cards: cards.json}\n');
  writeFileSync(at('journey.yaml'), spec);
  run(['map', '--spec', at('journey.yaml'), '--events', at('events.csv'), '-o', at('map.html')]);
  browser = await launchBrowser(chromiumPath, 1400);
  ({ p: page, errors, net, dialogs } = await openWatched(browser, at('map.html')));
});

after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cardTexts = () => page.evaluate(() =>
  [...document.querySelectorAll('#persona-cards .persona-card')].map((c) => c.innerText));
const pct = (f) => (f * 100).toFixed(1) + '%';

test('everyone: no card; the switcher names each found persona by its card', T, async () => {
  assert.deepEqual(await cardTexts(), []);
  const options = await page.evaluate(() => [...document.querySelectorAll('#seg-a option')].map((o) => o.textContent));
  for (const c of cards.cards) assert.ok(options.includes(`${c.name} (${c.customers.toLocaleString('en-US')})`), `${c.name} in ${options}`);
});

test('a found persona shows its card with the figures cjm personas wrote', T, async () => {
  await page.selectOption('#seg-a', '1');
  const [text] = await cardTexts();
  const c = cards.cards[0];
  assert.ok(text.includes(c.name), text);
  assert.ok(text.includes(`${c.customers.toLocaleString('en-US')} customers (${pct(c.share)})`), text);
  assert.ok(text.includes(`conversion ${pct(c.conversion)}`), text);
  assert.ok(text.includes(c.typical_path.stages.join(' → ')), text);
  for (const a of c.attributes) assert.ok(text.includes(`${a.column} ${a.value}: ${pct(a.share)}`), text);
});

test('two personas side by side show two cards; the hostile value is text', T, async () => {
  await page.selectOption('#seg-a', '1');
  await page.selectOption('#seg-b', '2');
  const texts = await cardTexts();
  assert.equal(texts.length, 2);
  assert.ok(texts[1].includes(cards.cards[1].name));
  const hostile = cards.cards.find((c) => c.attributes.some((a) => a.value === HOSTILE));
  assert.ok(hostile, 'the planted bargain hunters stand out by their (hostile) persona value');
  const index = cards.cards.indexOf(hostile) + 1;
  await page.selectOption('#seg-a', String(index));
  const [text] = await cardTexts();
  assert.ok(text.includes(HOSTILE), text);
  mkdirSync(outputDir, { recursive: true });
  await page.locator('header').screenshot({ path: join(outputDir, 'map-personas.png') });
});

test('no errors, no network, no dialogs, no injected element', T, async () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(net, []);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
});
