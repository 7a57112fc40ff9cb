// Browser test of the map's paths: loops folded in variants and touchpoint
// paths, the paths between two events and the last steps before leaving,
// on the hand-computed case tests/cases/paths_collapsed (its README has every
// figure), with one event renamed to a hostile string.
// Run: CJM_BINARY=build/cjm node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
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
const caseDir = join(root, 'tests', 'cases', 'paths_collapsed');

let dir, browser, page, errors = [], net = [], dialogs = [];

before(async () => {
  assert.ok(existsSync(cjm), `cjm binary not found at ${cjm} (set CJM_BINARY)`);
  dir = mkdtempSync(join(tmpdir(), 'cjm-browser-paths-'));
  // `home` becomes a hostile name in the data and in the spec.
  const csv = readFileSync(join(caseDir, 'events.csv'), 'utf8').replace(/,home(,|\n|$)/g, `,"${HOSTILE}"$1`);
  const spec = readFileSync(join(caseDir, 'journey.yaml'), 'utf8').replace(/\bhome\b/g, `"${HOSTILE}"`);
  writeFileSync(join(dir, 'events.csv'), csv);
  writeFileSync(join(dir, 'journey.yaml'), spec);
  execFileSync(cjm, ['map', '--spec', join(dir, 'journey.yaml'), '--events', join(dir, 'events.csv'),
    '-o', join(dir, 'map.html')], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
  browser = await launchBrowser(chromiumPath, 1400);
  ({ p: page, errors, net, dialogs } = await openWatched(browser, join(dir, 'map.html')));
});

after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const panelText = (title) => page.evaluate((t) => {
  const h = [...document.querySelectorAll('#paths h3')].find((x) => x.textContent.includes(t));
  return h ? h.parentElement.innerText : null;
}, title);

test('loops are folded: a ⇄ b ×moves, in stage variants and touchpoint paths', T, async () => {
  const stages = await panelText('Stage variants');
  assert.match(stages, /Browse\s*⇄\s*Consider\s*×5/i);
  const touch = await panelText('Touchpoint paths');
  assert.match(touch, /view\s*⇄\s*cart\s*×5\s*→\s*exit/);
  assert.ok(touch.includes(HOSTILE), 'the hostile event name is shown as text');
});

test('repeats in a row are counted: x ×n, or x ×a–b when the journeys differ', T, async () => {
  // README of the case: [browse, consider] is c2 (5 browse events, 2 cart),
  // c7 (5, 1) and c8 (2, 1); c2's touchpoint path has search search, cart cart.
  const stages = await panelText('Stage variants');
  assert.match(stages, /Browse\s*×2–5\s*→\s*Consider\s*×1–2/i);
  assert.match(stages, /Browse\s*×4\s*→\s*Consider\s*→\s*Buy/i);
  const touch = await panelText('Touchpoint paths');
  assert.match(touch, /view\s*→\s*search\s*×2\s*→\s*view\s*→\s*cart\s*×2/);
  const tips = await page.evaluate(() =>
    [...document.querySelectorAll('#paths .repeat-count')].map((x) => x.textContent + '|' + x.title));
  assert.ok(tips.includes('×2–5|repeated in a row: from 2 to 5 times, depending on the journey'), tips.join('; '));
  assert.ok(tips.includes('×2|repeated 2 times in a row'), tips.join('; '));
  // A loop's count stays a count of moves.
  const moves = await page.evaluate(() =>
    [...document.querySelectorAll('#paths .loop-count')].map((x) => x.textContent + '|' + x.title));
  assert.ok(moves.includes('×5|moves back and forth'), moves.join('; '));
});

test('the paths between two events and the last steps before leaving', T, async () => {
  const between = await panelText('Paths from search to cart');
  assert.ok(between, 'the panel exists');
  assert.match(between, /4 of 6 customers with search \(67%\) went on to cart, median 30s later/);
  assert.match(between, /search\s*→\s*view\s*→\s*cart\s*3 · 75%/);
  const last = await panelText('Last steps before leaving');
  assert.match(last, /The last 3 steps of the 7 customers who did not convert/);
  assert.match(last, /view\s*→\s*cart\s*→\s*exit\s*2 · 29%/);
});

test('no errors, no network, no dialogs, no injected element', T, async () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(net, []);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
});
