#!/usr/bin/env node
// The cost of visits (bench/README.md, "Visits"): `cjm analyze` over the same
// clickstream (`cjm generate --sessions`, five attribute columns) with
//   customer.yaml  unit: customer, two personas on the two attributes that
//                  change (platform, user_lifecycle), customer scope;
//   visit.yaml     unit: visit by session id, the same two personas with
//                  scope: event (the visits whose first event carries it);
// each run alternately, from the CSV and from a .cjm store; then DuckDB
// (@duckdb/node-api, 2 threads) computes the visit figures that it can say
// in a few lines of SQL (visits, converted visits, and both per persona) from
// the same CSV, and the figures are compared with cjm's.
//
//   node bench/visits.mjs [--events N] [--reps R] [--keep]
//
// Prints each run (wall s, peak MiB, CPU), the medians, visit/customer time
// ratios and DuckDB/cjm. Exit 1 on a figure mismatch or a failed run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const events = Number(opt('--events', 10000000));
const reps = Number(opt('--reps', 3));
const keep = args.includes('--keep');
const CJM = process.env.CJM ?? join(ROOT, 'build/cjm');
const DATA = process.env.BENCH_DATA ?? join(HERE, 'data');
if (!(events >= 1000) || !(reps >= 1)) {
  console.error('usage: node bench/visits.mjs [--events N>=1000] [--reps R>=1] [--keep]');
  process.exit(2);
}

function die(msg) {
  console.error(`bench/visits: ${msg}`);
  process.exit(1);
}

function timed(cmd, argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %M %U %S', cmd, ...argv], {
    encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const m = /@@time ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) die(`${cmd} ${argv.join(' ')} failed:\n${r.stderr}`);
  return { s: Number(m[1]), mib: Number(m[2]) / 1024, cpu: Number(m[3]) + Number(m[4]) };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// The data: a shop's visits, about 28.5 events per customer over 182 days.
mkdirSync(DATA, { recursive: true });
const customers = Math.max(1, Math.round(events / 28.5));
const csv = join(DATA, `visits-${customers}.csv`);
const generated = join(DATA, 'visits-generated.yaml');
if (!existsSync(csv)) {
  console.error(`bench/visits: generating ${customers} customers (seed 1)`);
  const g = spawnSync(CJM, ['generate', '--sessions', '--customers', String(customers), '--seed', '1',
    '--days', '182', '--incident-start', '2025-04-07', '-o', csv, '--spec-out', generated], { stdio: 'inherit' });
  if (g.status !== 0) die('cjm generate failed');
} else if (!existsSync(generated)) {
  spawnSync(CJM, ['generate', '--sessions', '--customers', '1', '--seed', '1', '--days', '182',
    '--incident-start', '2025-04-07', '-o', join(DATA, 'visits-one.csv'), '--spec-out', generated]);
}

// The two specs: the generated stages, conversion and windows, two personas.
const text = readFileSync(generated, 'utf8');
const stagesToWindows = text.slice(text.indexOf('stages:'), text.indexOf('personas:'));
const head = `data: {customer: customer_id, time: timestamp, event: event, channel: channel, value: value, score: score, time_format: iso8601`;
const personas = (scope) => `personas:
  - {id: mobile, where: {platform: mobile}${scope}}
  - {id: loyal, where: {user_lifecycle: loyal}${scope}}
`;
const specs = {
  customer: `${head}}\n${stagesToWindows}${personas('')}`,
  visit: `${head}, session: session_id}\nunit: visit\n${stagesToWindows}${personas(', scope: event')}`,
};
for (const [name, yaml] of Object.entries(specs)) writeFileSync(join(DATA, `${name}.yaml`), yaml);

const nevents = Number(spawnSync('wc', ['-l', csv], { encoding: 'utf8' }).stdout.trim().split(' ')[0]) - 1;
console.log(`visits bench: ${nevents} events of ${customers} customers (${csv})`);

// The stores (one per spec: the visit one keeps the session column).
for (const name of Object.keys(specs)) {
  const t = timed(CJM, ['import', '--spec', join(DATA, `${name}.yaml`), '--events', csv, '-o', join(DATA, `${name}.cjm`)]);
  console.log(`  import (${name}): ${t.s.toFixed(2)} s, ${t.mib.toFixed(0)} MiB`);
}

const runs = {};
for (let r = 0; r < reps; ++r)
  for (const source of ['csv', 'cjm'])
    for (const name of Object.keys(specs)) {
      const input = source === 'csv' ? csv : join(DATA, `${name}.cjm`);
      const out = join(DATA, `visits-${name}-${source}.json`);
      const t = timed(CJM, ['analyze', '--spec', join(DATA, `${name}.yaml`), '--events', input,
        '--threads', '2', '--format', 'json', '-o', out]);
      (runs[`${name} ${source}`] ??= []).push(t);
      console.log(`  ${name.padEnd(8)} from ${source}: ${t.s.toFixed(2)} s, ${t.mib.toFixed(0)} MiB (CPU ${t.cpu.toFixed(2)} s)`);
    }

// DuckDB: the visit figures, from the same CSV.
const { DuckDBInstance } = await import('@duckdb/node-api');
const t0 = performance.now();
const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await inst.connect();
const rows = async (s) => (await con.runAndReadAll(s)).getRowObjectsJson();
const quoted = `'${csv.replace(/'/g, "''")}'`;
const [duck] = await rows(`
  WITH e AS (
    SELECT customer_id, session_id, timestamp, event, platform, user_lifecycle
    FROM read_csv(${quoted}, header = true, auto_detect = false, columns = {
      'customer_id': 'VARCHAR', 'session_id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ',
      'event': 'VARCHAR', 'channel': 'VARCHAR', 'value': 'VARCHAR', 'score': 'VARCHAR',
      'persona': 'VARCHAR', 'region': 'VARCHAR', 'device': 'VARCHAR', 'platform': 'VARCHAR',
      'user_lifecycle': 'VARCHAR'})),
  v AS (
    SELECT customer_id, session_id,
           arg_min(platform, timestamp) AS platform,
           arg_min(user_lifecycle, timestamp) AS lifecycle,
           bool_or(event = 'purchase') AS converted
    FROM e GROUP BY customer_id, session_id)
  SELECT count(*) AS visits, count(*) FILTER (converted) AS converted,
         count(*) FILTER (platform = 'mobile') AS mobile,
         count(*) FILTER (platform = 'mobile' AND converted) AS mobile_converted,
         count(*) FILTER (lifecycle = 'loyal') AS loyal,
         count(*) FILTER (lifecycle = 'loyal' AND converted) AS loyal_converted
  FROM v`);
const duckS = (performance.now() - t0) / 1000;
console.log(`  duckdb (visit figures only): ${duckS.toFixed(2)} s`);

// Compare: a session id is never reused across customers by the generator, so
// DuckDB's visits by (customer, session) are cjm's visits.
const cj = JSON.parse(readFileSync(join(DATA, 'visits-visit-csv.json'), 'utf8'));
const p = Object.fromEntries(cj.personas.map((x) => [x.id, x]));
const pairs = [
  ['visits', cj.input.visits, duck.visits], ['converted', cj.conversion.customers, duck.converted],
  ['mobile', p.mobile.customers, duck.mobile], ['mobile converted', p.mobile.conversion.customers, duck.mobile_converted],
  ['loyal', p.loyal.customers, duck.loyal], ['loyal converted', p.loyal.conversion.customers, duck.loyal_converted],
];
let bad = 0;
for (const [what, a, b] of pairs)
  if (Number(a) !== Number(b)) { console.log(`  MISMATCH ${what}: cjm ${a}, duckdb ${b}`); ++bad; }
const store = JSON.parse(readFileSync(join(DATA, 'visits-visit-cjm.json'), 'utf8'));
delete store.input; const fromCsv = { ...cj }; delete fromCsv.input;
if (JSON.stringify(store) !== JSON.stringify(fromCsv)) { console.log('  MISMATCH: the store\'s result differs from the CSV\'s'); ++bad; }
console.log(bad ? `figures: ${bad} mismatch(es)` : 'figures: OK (cjm = DuckDB on visits and personas; store = CSV)');

const med = (k) => ({ s: median(runs[k].map((t) => t.s)), mib: median(runs[k].map((t) => t.mib)), cpu: median(runs[k].map((t) => t.cpu)) });
console.log('\n| input | customer unit s | MiB | visit unit s | MiB | visit/customer | CPU visit/customer |');
console.log('|---|---|---|---|---|---|---|');
for (const source of ['csv', 'cjm']) {
  const c = med(`customer ${source}`), v = med(`visit ${source}`);
  console.log(`| ${source} | ${c.s.toFixed(2)} | ${c.mib.toFixed(0)} | ${v.s.toFixed(2)} | ${v.mib.toFixed(0)} | ${(v.s / c.s).toFixed(2)} | ${(v.cpu / c.cpu).toFixed(2)} |`);
}
console.log(`\nDuckDB (visit figures only) / cjm (every figure, visit unit, CSV): ${(duckS / med('visit csv').s).toFixed(2)}`);
if (!keep) for (const f of [csv, join(DATA, 'customer.cjm'), join(DATA, 'visit.cjm')]) rmSync(f, { force: true });
process.exit(bad ? 1 : 0);
