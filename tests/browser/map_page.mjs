// Shared by the browser tests of the HTML map: a generated page opened with
// its data changed (to draw what the engine did not produce), in a new page
// of a running browser, with its errors, network requests and dialogs caught.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

// Headless Chromium with a fresh profile (launchPersistentContext passes it
// as --user-data-dir), a context that opens pages.
export function launchBrowser(chromiumPath, width) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cjm-chromium-')), {
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
    viewport: { width, height: 900 },
  });
}

// A new page of `browser` at `file`, ready: its errors (console and
// uncaught), requests off the file system and dialogs are collected.
export async function openWatched(browser, file) {
  const p = await browser.newPage();
  const errors = [], net = [], seen = [];
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('dialog', async (dl) => { seen.push(dl.message()); await dl.dismiss(); });
  p.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) net.push(r.url()); });
  await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await p.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  return { p, errors, net, dialogs: seen };
}

// JSON as the page embeds it: no `<`, `>`, `&`, U+2028 or U+2029.
export function scriptSafe(json) {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// The page at htmlPath with transform(data) as its data, written into dir.
export async function openWithMapData(browser, htmlPath, dir, transform) {
  const html = readFileSync(htmlPath, 'utf8');
  const open = '<script type="application/json" id="cjm-data">';
  const at = html.indexOf(open) + open.length, end = html.indexOf('</script>', at);
  const data = transform(JSON.parse(html.slice(at, end)));
  const file = join(dir, `fixture-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html.slice(0, at) + scriptSafe(JSON.stringify(data)) + html.slice(end));
  return openWatched(browser, file);
}
