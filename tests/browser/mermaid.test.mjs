// Checks that Mermaid itself accepts the golden `journey` diagram written by
// render_mermaid (tests/golden/map_small/expected.mmd): it parses, it renders
// to an SVG, and the hostile names stay plain task text.
//
// Run: node --test tests/browser/
// Needs the `mermaid` and `playwright-core` npm packages (node_modules of the
// repository, or the folder named by CJM_NODE_MODULES) and Chromium at
// /usr/bin/chromium (or CJM_CHROMIUM). Mermaid needs a DOM, so the check runs
// in headless Chromium. The test is skipped when a dependency is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const modules = process.env.CJM_NODE_MODULES || path.join(root, 'node_modules');
const chromium = process.env.CJM_CHROMIUM || '/usr/bin/chromium';
const mermaidJs = path.join(modules, 'mermaid', 'dist', 'mermaid.min.js');
const goldenPath = path.join(root, 'tests', 'golden', 'map_small', 'expected.mmd');

function missing() {
  if (!fs.existsSync(mermaidJs)) return `no ${mermaidJs}`;
  if (!fs.existsSync(path.join(modules, 'playwright-core'))) return `no playwright-core in ${modules}`;
  if (!fs.existsSync(chromium)) return `no ${chromium}`;
  return null;
}

// The task names of a `journey` diagram, as written in the file.
function taskNames(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && line !== 'journey' && !/^(title|section)\s/.test(line))
    .map((line) => line.slice(0, line.indexOf(':')).replace(/^\u200b/, ''));
}

const skip = missing();

// Runs `fn(page)` in a blank page of a fresh headless Chromium with Mermaid
// loaded (a new profile folder each time, removed afterwards).
async function withMermaidPage(fn) {
  const require = createRequire(path.join(modules, 'noop.js'));
  const { chromium: launcher } = require('playwright-core');
  const profile = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cjm-mermaid-'));
  const context = await launcher.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: mermaidJs });
    await fn(page);
    assert.deepEqual(errors, [], 'no uncaught error in the page');
  } finally {
    await context.close();
    await fs.promises.rm(profile, { recursive: true, force: true });
  }
}

// Parses and renders `source` in the page; returns the diagram type, the SVG,
// its text and how many <img>/<script> elements it holds.
function parseAndRender(page, source, id) {
  return page.evaluate(
    async ([src, svgId]) => {
      const mermaid = globalThis.mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      const parsed = await mermaid.parse(src);
      const { svg } = await mermaid.render(svgId, src);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      return {
        type: parsed && parsed.diagramType,
        svg,
        text: holder.textContent,
        elements: holder.querySelectorAll('img, script, iframe').length,
      };
    },
    [source, id],
  );
}

const options = { skip: skip ?? false, timeout: 120000 };

test('golden Mermaid journey parses and renders in Chromium', options, async () => {
  const text = fs.readFileSync(goldenPath, 'utf8');
  await withMermaidPage(async (page) => {
    const result = await parseAndRender(page, text, 'cjm-journey');
    assert.equal(result.type, 'journey');
    assert.match(result.svg, /^<svg[\s>]/);
    assert.match(result.svg, /<\/svg>$/);
    assert.equal(result.elements, 0, 'a hostile name must not become an element');
    assert.ok(result.text.includes('Shoe shop'), 'the title is drawn');
    for (const section of ['Awareness', 'Purchase']) {
      assert.ok(result.text.includes(section), `section ${section} is drawn`);
    }
    for (const name of taskNames(text)) {
      assert.ok(result.text.includes(name), `task "${name}" is drawn as text`);
    }
  });
});

test('names neutralised by render_mermaid stay task text', options, async () => {
  // Lines exactly as render_mermaid writes them for hostile names (see
  // tests/unit/test_map_exports.cpp, HostileNamesStayOneTaskEach).
  const source =
    'journey\n' +
    '  title T section injected\n' +
    '  section Stage\uFF1B one \uFF03two\n' +
    '    a\u2236b\uFF1Bc\uFF03d e f: 4: All customers\n' +
    "    \uFF05\uFF05{init\u2236 {'theme'\u2236'dark'}}\uFF05\uFF05: 4: All customers\n" +
    '    (unnamed): 4: All customers\n' +
    '    \u200Btitle pwned: 4: All customers\n' +
    '    \u200BJOURNEY: 4: All customers\n';
  await withMermaidPage(async (page) => {
    const result = await parseAndRender(page, source, 'cjm-hostile');
    assert.equal(result.type, 'journey');
    assert.ok(result.text.includes('T section injected'), 'the title keeps its text');
    for (const name of taskNames(source)) {
      assert.ok(result.text.includes(name), `task "${name}" is drawn as text`);
    }
  });
});
