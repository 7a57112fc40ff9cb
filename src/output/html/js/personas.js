  // ---------- persona comparison ----------
  function fmtP(p) {
    if (p === null || p === undefined) return '—';
    return p < 0.001 ? '< 0.001' : p.toFixed(3);
  }
  function pIs(p) {
    if (p === null || p === undefined) return 'p unknown';
    return p < 0.001 ? 'p < 0.001' : 'p = ' + p.toFixed(3);
  }
  function pts(d) {
    if (d === null || d === undefined) return '—';
    var v = Math.round(d * 1000) / 10;
    return (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(1) + ' pts';
  }
  function comparisonFor(list) {
    if (list.length < 2) return null;
    var a = list[0].seg.id, b = list[1].seg.id, cs = DATA.comparisons || [], hit = null;
    cs.forEach(function (c) {
      if (hit) return;
      if ((c.a === a && c.b === b) || (c.a === b && c.b === a)) hit = { c: c, flip: c.a === b };
    });
    if (!hit && (a === 'all' || b === 'all')) {
      var p = a === 'all' ? b : a;
      cs.forEach(function (c) { if (!hit && c.a === p && c.b === 'rest') hit = { c: c, flip: false }; });
    }
    return hit;
  }
  function comparisonHelp(c) {
    return 'Two-proportion z-test of the conversion rates: z = ' + (c.z === null ? '—' : c.z.toFixed(2)) + ', ' + pIs(c.p_value) + '. ' +
      (c.significant ? 'Significant: p < 0.05, so a difference this large is unlikely to be chance.'
        : 'Not significant: p ≥ 0.05, so this difference may well be chance.');
  }

  function pairLine() {
    var host = document.getElementById('pair');
    host.textContent = '';
    var hit = comparisonFor(shown());
    if (!hit) { host.style.display = 'none'; return; }
    host.style.display = '';
    var c = hit.c, an = segName(c.a), bn = segName(c.b);
    var s = add(host, el('span', null, null, comparisonHelp(c)));
    s.appendChild(document.createTextNode('Conversion, ' + an + ' against ' + bn + ': ' +
      pct(share(c.a_converted, c.a_customers), 1) + ' vs ' + pct(share(c.b_converted, c.b_customers), 1) + ', ' + pts(c.difference) + ' (' + pIs(c.p_value) + ') '));
    if (c.significant) add(s, el('span', 'sig', 'significant', comparisonHelp(c)));
    else add(s, el('span', 'muted', 'not a significant difference', comparisonHelp(c)));
  }

  function personas() {
    var host = document.getElementById('personas');
    host.textContent = '';
    var cs = DATA.comparisons || [];
    setVisible('personas-section', cs.length > 0);
    if (!cs.length) return;
    var cur = comparisonFor(shown());
    var periods = SEGS.some(function (s) { return s.kind === 'period'; });
    document.getElementById('h-personas').textContent = periods ? 'Personas and periods compared' : 'Personas compared';
    var tb = dataTable(host, 'comparison-table', [
      [periods ? 'Persona or period' : 'Persona', 'The persona (or period) whose conversion is compared'],
      ['Conversion', 'Converted ' + UNITS + ' of the persona, of its ' + UNITS, true],
      ['Against', 'The other persona, or everyone else (all ' + UNITS + ' not in the persona)'],
      ['Their conversion', 'Converted ' + UNITS + ' of the other group, of its ' + UNITS, true],
      ['Difference', 'Conversion of the persona minus that of the other group, in percentage points', true],
      ['p-value', 'Two-proportion z-test: the chance of a difference at least this large if both groups converted alike', true],
      ['', 'Marked when the difference is significant (p < 0.05)']
    ]);
    cs.forEach(function (c) {
      var tr = add(tb, el('tr', cur && cur.c === c ? 'current' : null));
      cell(tr, segName(c.a), null, 'strong');
      cell(tr, pct(share(c.a_converted, c.a_customers), 1), int(c.a_converted) + ' of ' + int(c.a_customers) + ' converted', 'num');
      cell(tr, segName(c.b));
      cell(tr, pct(share(c.b_converted, c.b_customers), 1), int(c.b_converted) + ' of ' + int(c.b_customers) + ' converted', 'num');
      cell(tr, pts(c.difference), comparisonHelp(c), 'num' + (c.significant ? ' strong' : ''));
      cell(tr, fmtP(c.p_value), comparisonHelp(c), 'num');
      var m = cell(tr, null, comparisonHelp(c));
      if (c.significant) add(m, el('span', 'sig', 'significant', comparisonHelp(c)));
    });
  }

