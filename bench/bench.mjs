// Benchmark of `cjm analyze` against DuckDB doing the equivalent work in SQL.
//
//   node bench/bench.mjs duckdb  --spec J --events E --out R.json [--threads 2]
//       one DuckDB run: load the CSV, compute the figures, write them as JSON
//   node bench/bench.mjs compare --cjm OUT.json --duckdb R.json
//       compare the figures; exit 1 on a difference
//   node bench/bench.mjs run --cjm-bin B --spec J [--reps 3] [--cjm-only] NAME=EVENTS.csv ...
//       per size: cjm and DuckDB alternating, each under /usr/bin/time, in
//       separate processes; then `cjm import` to a .cjm store and `cjm
//       analyze` from it; compares the figures and prints the table
//       (--cjm-only: no DuckDB; the store's figures are compared with the CSV's)
//
// Figures and their definitions: docs/analyses.md. bench/README.md explains
// what is compared.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, rmSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

function die(msg, code = 2) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const key = a.slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) opts[key] = true;
      else { opts[key] = next; i++; }
    } else opts._.push(a);
  }
  return opts;
}

// ---------------------------------------------------------------------------
// The journey spec. A small reader for the subset `cjm generate --spec-out`
// writes: stages with exact event names, `conversion`, `windows.conversion`,
// personas with `where: {column: value}` or `{column: [v1, v2]}`. Glob
// patterns are refused: the stage mapping below is a CASE over exact names.

function parseList(text) {
  const t = text.trim();
  const body = t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t;
  return body.split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')).filter((s) => s !== '');
}

function parseDuration(text) {
  const m = /^(\d+)([smhdw])$/.exec(text.trim().replace(/^["']|["']$/g, ''));
  if (!m) die(`cannot read duration '${text}'`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2]];
  return Number(m[1]) * unit;
}

export function readSpec(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const spec = { stages: [], conversion: [], window: null, personas: [], data: {} };
  let section = null;
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (line.trim() === '') continue;
    const top = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (top) {
      section = top[1];
      if (section === 'conversion' && top[2] !== '') spec.conversion = parseList(top[2]);
      continue;
    }
    const item = /^\s*-\s+id:\s*(\S+)\s*$/.exec(line);
    if (item && section === 'stages') { spec.stages.push({ id: item[1], events: [] }); continue; }
    if (item && section === 'personas') { spec.personas.push({ id: item[1], where: {} }); continue; }
    const kv = /^\s+([a-z_]+):\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key, value] = kv;
    if (section === 'data') spec.data[key] = value.trim();
    else if (section === 'stages' && key === 'events') spec.stages.at(-1).events = parseList(value);
    else if (section === 'windows' && key === 'conversion') spec.window = parseDuration(value);
    else if (section === 'personas' && key === 'where') {
      const m = /^\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)\}\s*$/.exec(value.trim());
      if (!m) die(`persona ${spec.personas.at(-1).id}: only one-line where: {column: values} is supported`);
      spec.personas.at(-1).where[m[1]] = parseList(m[2]);
    }
  }
  for (const name of [...spec.stages.flatMap((s) => s.events), ...spec.conversion]) {
    if (/[*?[\]]/.test(name)) die(`glob pattern '${name}' in the spec: this benchmark maps exact names only`);
  }
  if (spec.stages.length < 2) die(`${path}: expected at least two stages`);
  return spec;
}

// ---------------------------------------------------------------------------
// The SQL.

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const ident = (s) => `"${String(s).replace(/"/g, '""')}"`;

function buildSql(spec, eventsPath) {
  const d = spec.data;
  const col = {
    customer: d.customer ?? 'customer_id', time: d.time ?? 'timestamp', event: d.event ?? 'event',
    score: d.score ?? 'score',
  };
  const n = spec.stages.length;
  const W = spec.window; // null: unbounded
  const stageCase = `CASE ${ident(col.event)} ${spec.stages
    .map((s, i) => s.events.map((e) => `WHEN ${q(e)} THEN ${i}`).join(' '))
    .join(' ')} ELSE NULL END`;
  const stageName = (expr) => `CASE ${expr} ${spec.stages.map((s, i) => `WHEN ${i} THEN ${q(s.id)}`).join(' ')} END`;
  const convList = spec.conversion.map(q).join(', ') || 'NULL';
  const personaCols = [...new Set(spec.personas.flatMap((p) => Object.keys(p.where)))];

  // Every column with an explicit type; the time is parsed from ISO-8601 text.
  const head = Buffer.alloc(65536);
  const fd = openSync(eventsPath, 'r');
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const header = head.toString('utf8', 0, got).split('\n')[0].replace(/\r$/, '').split(',');
  const typeOf = (c) => (c === col.time ? 'TIMESTAMP' : c === col.score ? 'DOUBLE' : c === 'value' ? 'DOUBLE' : 'VARCHAR');
  const types = `{${header.map((c) => `${q(c)}: ${q(typeOf(c))}`).join(', ')}}`;

  const load = `
CREATE TABLE raw AS SELECT * FROM read_csv(${q(eventsPath)}, header = true, delim = ',', quote = '"',
  auto_detect = false, columns = ${types}, timestampformat = '%Y-%m-%dT%H:%M:%SZ');`;

  // e: one row per event, journey order = (customer, time, input order); g is
  // the global position in that order, so "strictly later in the journey" is
  // "larger g within the customer".
  const prep = [`
CREATE TEMP TABLE e AS
SELECT row_number() OVER (ORDER BY c, t, rid) AS g, c, t, ev, st, score
FROM (SELECT ${ident(col.customer)} AS c, epoch(${ident(col.time)})::BIGINT AS t, rowid AS rid,
             ${ident(col.event)} AS ev, ${stageCase} AS st, ${ident(col.score)} AS score
      FROM raw);`,
  // per customer: converted, first time, first conversion time, persona columns
  `
CREATE TEMP TABLE cust AS
SELECT c, min(t) AS t_first, min(t) FILTER (WHERE ev IN (${convList})) AS t_conv
FROM e GROUP BY c;`];
  if (personaCols.length) {
    // A customer's attribute = first non-empty value in input order.
    prep.push(`
CREATE TEMP TABLE attrs AS
SELECT ${ident(col.customer)} AS c, ${personaCols
      .map((pc) => `arg_min(${ident(pc)}, rowid) FILTER (WHERE ${ident(pc)} IS NOT NULL AND ${ident(pc)} <> '') AS ${ident(pc)}`)
      .join(', ')}
FROM raw GROUP BY 1;`);
  }

  // Closed funnel. For a fixed start (a stage-1 event) the earliest stage-2
  // event after it, then the earliest stage-3 event after that, ... reach as
  // far as any chain from that start can, and end earliest; the level is the
  // best over all starts. nx_k = position of the next stage-k event after g.
  const nextCols = [];
  for (let k = 1; k < n; k++) nextCols.push(`min(CASE WHEN st = ${k} THEN g END) OVER w AS n${k}`);
  prep.push(`
CREATE TEMP TABLE nx AS
SELECT g, c, t, st, ${nextCols.join(', ')}
FROM e WHERE st IS NOT NULL
WINDOW w AS (PARTITION BY c ORDER BY g ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING);`);
  const within = (tk) => (W === null ? 'true' : `${tk} - s.t0 <= ${W}`);
  let chain = `l0 AS (SELECT c, t AS t0, n1 AS p FROM nx WHERE st = 0)`;
  for (let k = 1; k < n; k++) {
    const nextP = k + 1 < n ? `x.n${k + 1}` : 'NULL::BIGINT';
    chain += `,\n  l${k} AS (SELECT s.c, s.t0, ${nextP} AS p FROM l${k - 1} s JOIN nx x ON x.g = s.p WHERE ${within('x.t')})`;
  }
  const funnel = `WITH ${chain}\nSELECT ${spec.stages.map((_, k) => `(SELECT count(DISTINCT c) FROM l${k}) AS f${k}`).join(', ')}`;

  // Stage transitions over the collapsed stage sequence.
  prep.push(`
CREATE TEMP TABLE cs AS
SELECT c, g, st FROM (
  SELECT c, g, st, lag(st) OVER (PARTITION BY c ORDER BY g) AS pst FROM e WHERE st IS NOT NULL)
WHERE pst IS NULL OR pst <> st;`);
  const stageTransitions = `
WITH p AS (SELECT st, lag(st) OVER w AS pst, lead(st) OVER w AS nst FROM cs
           WINDOW w AS (PARTITION BY c ORDER BY g))
SELECT f, t, count(*) AS n FROM (
  SELECT coalesce(${stageName('pst')}, '(start)') AS f, ${stageName('st')} AS t FROM p
  UNION ALL
  SELECT ${stageName('st')}, '(end)' FROM p WHERE nst IS NULL)
GROUP BY f, t ORDER BY n DESC, f, t;`;

  const touchpointTransitions = `
WITH p AS (SELECT ev, lag(ev) OVER w AS pev, lead(ev) OVER w AS nev FROM e
           WINDOW w AS (PARTITION BY c ORDER BY g))
SELECT f, t, count(*) AS n FROM (
  SELECT coalesce(pev, '(start)') AS f, ev AS t FROM p
  UNION ALL
  SELECT ev, '(end)' FROM p WHERE nev IS NULL)
GROUP BY f, t ORDER BY n DESC, f, t;`;

  const stageVariants = `
WITH v AS (SELECT c, list(${stageName('st')} ORDER BY g) AS steps FROM cs GROUP BY c)
SELECT v.steps, count(*) AS customers, count(*) FILTER (WHERE cu.t_conv IS NOT NULL) AS converted
FROM v JOIN cust cu USING (c)
GROUP BY v.steps ORDER BY customers DESC, v.steps LIMIT 20;`;

  const conversion = `
SELECT count(*) FILTER (WHERE t_conv IS NOT NULL) AS converted, count(*) AS customers,
       count(t_conv) AS ttc_count, avg(t_conv - t_first) AS ttc_mean,
       quantile_disc(t_conv - t_first, 0.5) AS ttc_p50, quantile_disc(t_conv - t_first, 0.9) AS ttc_p90
FROM cust;`;

  const emotion = `
SELECT st, count(score) AS cnt, avg(score) AS mean FROM e
WHERE st IS NOT NULL AND score IS NOT NULL GROUP BY st ORDER BY st;`;

  const personaCond = (p) =>
    Object.entries(p.where).map(([k, vs]) => `a.${ident(k)} IN (${vs.map(q).join(', ')})`).join(' AND ') || 'true';
  const personas = spec.personas.length
    ? `
SELECT ${spec.personas
        .map((p, i) => `count(*) FILTER (WHERE ${personaCond(p)}) AS c${i}, count(*) FILTER (WHERE ${personaCond(p)} AND cu.t_conv IS NOT NULL) AS v${i}`)
        .join(', ')}
FROM cust cu JOIN attrs a USING (c);`
    : null;

  return { load, prep, funnel, stageTransitions, touchpointTransitions, stageVariants, conversion, emotion, personas };
}

const num = (v) => (v === null || v === undefined ? null : Number(v));

async function runDuckdb(opts) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  if (!opts.spec || !opts.events || !opts.out) die('duckdb: --spec, --events and --out are required');
  const spec = readSpec(opts.spec);
  const sql = buildSql(spec, resolve(opts.events));
  if (opts['print-sql']) {
    const all = [sql.load, ...sql.prep, sql.funnel, sql.stageTransitions, sql.touchpointTransitions,
      sql.stageVariants, sql.conversion, sql.emotion, sql.personas].filter(Boolean);
    process.stdout.write(all.join('\n\n') + '\n');
    return;
  }
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(':memory:', { threads: String(opts.threads ?? 2) });
  const con = await inst.connect();
  await con.run(`SET threads = ${Number(opts.threads ?? 2)}`);
  if (opts.tmp) await con.run(`SET temp_directory = ${q(opts.tmp)}`);
  const rows = async (s) => (await con.runAndReadAll(s)).getRowObjectsJson();
  const phases = {};
  let t = performance.now();
  const lap = (name) => { const now = performance.now(); phases[name] = (now - t) / 1000; t = now; };

  await con.run(sql.load);
  lap('load');
  for (const s of sql.prep) await con.run(s);
  lap('prepare');
  const f = (await rows(sql.funnel))[0];
  lap('funnel');
  const st = await rows(sql.stageTransitions);
  const tp = await rows(sql.touchpointTransitions);
  lap('transitions');
  const va = await rows(sql.stageVariants);
  lap('variants');
  const cv = (await rows(sql.conversion))[0];
  const em = await rows(sql.emotion);
  const pe = sql.personas ? (await rows(sql.personas))[0] : {};
  lap('conversion+emotion+personas');
  const events = num((await rows('SELECT count(*) AS n FROM e'))[0].n);

  const emotionBy = new Map(em.map((r) => [num(r.st), r]));
  const result = {
    customers: num(cv.customers),
    events,
    funnel_closed: spec.stages.map((s, k) => ({ stage: s.id, customers: num(f[`f${k}`]) })),
    transitions_stage: st.map((r) => ({ from: r.f, to: r.t, count: num(r.n) })),
    transitions_touchpoint: tp.map((r) => ({ from: r.f, to: r.t, count: num(r.n) })),
    variants_stage: va.map((r) => ({ steps: r.steps, customers: num(r.customers), converted: num(r.converted) })),
    conversion: {
      customers: num(cv.converted),
      time_to_convert_s: { count: num(cv.ttc_count), mean: num(cv.ttc_mean) ?? 0, p50: num(cv.ttc_p50) ?? 0, p90: num(cv.ttc_p90) ?? 0 },
    },
    emotion: spec.stages.map((s, k) => {
      const r = emotionBy.get(k);
      return { stage: s.id, count: r ? num(r.cnt) : 0, mean: r ? num(r.mean) : 0 };
    }),
    personas: spec.personas.map((p, i) => ({ id: p.id, customers: num(pe[`c${i}`]), converted: num(pe[`v${i}`]) })),
    phases_s: phases,
    total_s: (performance.now() - t0) / 1000,
  };
  writeFileSync(opts.out, JSON.stringify(result, null, 1));
  con.closeSync?.();
}

// ---------------------------------------------------------------------------
// Comparison of cjm's result JSON with DuckDB's figures.

export function compare(cjm, dk) {
  const diffs = [];
  const eq = (what, a, b) => { if (a !== b) diffs.push(`${what}: cjm ${JSON.stringify(a)} duckdb ${JSON.stringify(b)}`); };
  const close = (what, a, b) => {
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)))) diffs.push(`${what}: cjm ${a} duckdb ${b}`);
  };
  // Lists: report the entries that differ (at most 5 per list), not the whole list.
  const list = (what, a, b) => {
    const bad = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) bad.push(`[${i}] cjm ${a[i] ?? '(none)'} duckdb ${b[i] ?? '(none)'}`);
    }
    if (bad.length) diffs.push(`${what}: ${bad.length} entries differ: ${bad.slice(0, 5).join('; ')}${bad.length > 5 ? '; ...' : ''}`);
  };
  eq('customers', cjm.customers, dk.customers);
  eq('events', cjm.events, dk.events);
  const steps = (l) => l.map((r) => `${r.stage}=${r.customers}`);
  list('funnel.closed', steps(cjm.funnel.closed), steps(dk.funnel_closed));
  const trans = (list) => list.map((r) => `${r.from}>${r.to}=${r.count}`);
  list('transitions.stage', trans(cjm.transitions.stage), trans(dk.transitions_stage));
  list('transitions.touchpoint', trans(cjm.transitions.touchpoint), trans(dk.transitions_touchpoint));
  const vars = (list) => list.map((r) => `${r.steps.join('>')}=${r.customers}/${r.converted}`);
  list('variants.stage (top 20)', vars(cjm.variants.stage.slice(0, 20)), vars(dk.variants_stage));
  eq('conversion.customers', cjm.conversion.customers, dk.conversion.customers);
  const a = cjm.conversion.time_to_convert_s;
  const b = dk.conversion.time_to_convert_s;
  eq('time_to_convert_s.count', a.count, b.count);
  eq('time_to_convert_s.p50', a.p50, b.p50);
  eq('time_to_convert_s.p90', a.p90, b.p90);
  close('time_to_convert_s.mean', a.mean, b.mean);
  cjm.stages.forEach((s, k) => {
    const d = dk.emotion[k];
    eq(`stages[${s.id}].emotion.count`, s.emotion.count, d?.count);
    close(`stages[${s.id}].emotion.mean`, s.emotion.mean, d?.mean ?? NaN);
  });
  const byId = new Map((cjm.personas ?? []).map((p) => [p.id, p]));
  for (const p of dk.personas) {
    const c = byId.get(p.id);
    if (!c) { diffs.push(`persona ${p.id}: missing in cjm's result`); continue; }
    eq(`personas[${p.id}].customers`, c.customers, p.customers);
    eq(`personas[${p.id}].conversion.customers`, c.conversion.customers, p.converted);
  }
  return diffs;
}

function compareFiles(opts) {
  const diffs = compare(JSON.parse(readFileSync(opts.cjm, 'utf8')), JSON.parse(readFileSync(opts.duckdb, 'utf8')));
  if (diffs.length) { console.log(`MISMATCH (${diffs.length})`); for (const d of diffs) console.log(`  ${d}`); process.exit(1); }
  console.log('OK');
}

// ---------------------------------------------------------------------------
// The timed runs.

function timed(cmd, args, label) {
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /@@time ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    die(`${label} failed (exit ${r.status})`, 1);
  }
  return { s: Number(m[1]), mib: Number(m[2]) / 1024, user: Number(m[3]), sys: Number(m[4]) };
}

// The CPU time of a run, user and kernel: at 100M events most of the
// kernel's share is the first touch of fresh memory (bench/README.md).
const cpu = (t) => `(CPU: user ${t.user.toFixed(2)} s, kernel ${t.sys.toFixed(2)} s)`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function runAll(opts) {
  const reps = Number(opts.reps ?? 3);
  const spec = opts.spec;
  const cjmBin = opts['cjm-bin'];
  if (!spec || !cjmBin || opts._.length === 0) die('run: --spec, --cjm-bin and NAME=EVENTS.csv are required');
  const work = opts.work ?? join(HERE, 'data');
  mkdirSync(work, { recursive: true });
  const table = [];
  let mismatch = false;
  for (const item of opts._) {
    const eq = item.indexOf('=');
    const [name, events] = [item.slice(0, eq), item.slice(eq + 1)];
    const cjmOut = join(work, `cjm-${name}.json`);
    const dkOut = join(work, `duckdb-${name}.json`);
    const cjmRuns = [];
    const dkRuns = [];
    const withDuckdb = !opts['cjm-only'];
    for (let r = 0; r < reps; r++) {
      const a = timed(cjmBin, ['analyze', '--spec', spec, '--events', events, '--format', 'json', '-o', cjmOut], 'cjm analyze');
      cjmRuns.push(a);
      console.log(`  ${name} rep ${r + 1}/${reps}: cjm    ${a.s.toFixed(2)} s ${a.mib.toFixed(0)} MiB ${cpu(a)}`);
      if (!withDuckdb) continue;
      const tmp = join(work, 'duckdb.tmp');
      const b = timed(process.execPath, [fileURLToPath(import.meta.url), 'duckdb', '--spec', spec, '--events', events,
        '--out', dkOut, '--threads', String(opts.threads ?? 2), '--tmp', tmp], 'duckdb');
      rmSync(tmp, { recursive: true, force: true });
      dkRuns.push(b);
      const ph = JSON.parse(readFileSync(dkOut, 'utf8')).phases_s;
      console.log(`  ${name} rep ${r + 1}/${reps}: duckdb ${b.s.toFixed(2)} s ${b.mib.toFixed(0)} MiB  (${Object.entries(ph).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')})`);
    }

    // The columnar store: import once, then analyze from it.
    const store = join(work, `events-${name}.cjm`);
    const storeOut = join(work, `cjm-store-${name}.json`);
    const imp = timed(cjmBin, ['import', '--spec', spec, '--events', events, '-o', store], 'cjm import');
    console.log(`  ${name} import: ${imp.s.toFixed(2)} s ${imp.mib.toFixed(0)} MiB`);
    const storeRuns = [];
    for (let r = 0; r < reps; r++) {
      const c = timed(cjmBin, ['analyze', '--spec', spec, '--events', store, '--format', 'json', '-o', storeOut], 'cjm analyze (store)');
      storeRuns.push(c);
      console.log(`  ${name} rep ${r + 1}/${reps}: cjm from .cjm ${c.s.toFixed(2)} s ${c.mib.toFixed(0)} MiB ${cpu(c)}`);
    }
    rmSync(store, { force: true });

    const cjm = JSON.parse(readFileSync(cjmOut, 'utf8'));
    const fromStore = JSON.parse(readFileSync(storeOut, 'utf8'));
    const diffs = [];
    if (withDuckdb) {
      const dk = JSON.parse(readFileSync(dkOut, 'utf8'));
      diffs.push(...compare(cjm, dk));
      diffs.push(...compare(fromStore, dk).map((d) => `store: ${d}`));
    }
    // The store must give exactly what the CSV gives (the input path aside).
    const strip = (j) => JSON.stringify({ ...j, input: { ...j.input, path: undefined, format: undefined, bytes: undefined, time_format: undefined } });
    if (strip(cjm) !== strip(fromStore)) diffs.push('store: the result from the .cjm store differs from the result from the CSV');
    if (diffs.length) {
      mismatch = true;
      console.log(`  ${name}: figures MISMATCH (${diffs.length})`);
      for (const d of diffs) console.log(`    ${d}`);
    } else console.log(`  ${name}: figures OK (${withDuckdb ? 'cjm, cjm from .cjm and DuckDB agree' : 'cjm from CSV and from .cjm agree'})`);
    const cs = median(cjmRuns.map((x) => x.s));
    const ds = withDuckdb ? median(dkRuns.map((x) => x.s)) : NaN;
    table.push([name, cjm.events, cs, median(cjmRuns.map((x) => x.mib)), ds, withDuckdb ? median(dkRuns.map((x) => x.mib)) : NaN, ds / cs,
      median(storeRuns.map((x) => x.s)), median(storeRuns.map((x) => x.mib)), diffs.length ? 'MISMATCH' : 'OK']);
  }
  const head = ['size', 'events', 'cjm s', 'cjm peak MiB', 'duckdb s', 'duckdb peak MiB', 'duckdb/cjm', '.cjm s', '.cjm peak MiB', 'figures'];
  const num = (x, d) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const cells = table.map((r) => [r[0], String(r[1]), num(r[2], 2), num(r[3], 0), num(r[4], 2), num(r[5], 0),
    Number.isFinite(r[6]) ? `${r[6].toFixed(1)}x` : '-', num(r[7], 2), num(r[8], 0), r[9]]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => (i < 1 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\nmedian of ${reps} run(s) each, alternating; peak = max resident set size (GNU time %M)`);
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i < 1 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  if (mismatch) process.exit(1);
}

const [mode, ...rest] = process.argv.slice(2);
const opts = parseArgs(rest);
if (mode === 'duckdb') await runDuckdb(opts);
else if (mode === 'compare') compareFiles(opts);
else if (mode === 'run') runAll(opts);
else die('usage: bench.mjs duckdb|compare|run ... (see the top of bench/bench.mjs)');
