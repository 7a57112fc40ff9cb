  // ---------- as-is and to-be: two periods side by side ----------
  var asis = { a: -1, b: 'rest' };  // a: index of a period segment; b: 'rest' or another's index
  function periodIndexes() {
    var out = [];
    SEGS.forEach(function (s, i) { if (s.kind === 'period') out.push(i); });
    return out;
  }
  function restComparison(id) {
    return (DATA.comparisons || []).filter(function (c) { return c.a === id && c.b === 'rest'; })[0] || null;
  }
  // Two-sided p of a standard normal z: erfc(|z| / √2), by Abramowitz and
  // Stegun 7.1.26 (absolute error below 1.5e-7).
  function normalP(z) {
    var x = Math.abs(z) / Math.SQRT2, t = 1 / (1 + 0.3275911 * x);
    var y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return Math.min(1, y * Math.exp(-x * x));
  }
  // Pooled two-proportion z-test of k1/n1 against k2/n2 (as the engine's comparisons).
  function twoProportion(k1, n1, k2, n2) {
    if (!n1 || !n2) return null;
    var p = (k1 + k2) / (n1 + n2), se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
    if (!(se > 0)) return null;
    var z = (k1 / n1 - k2 / n2) / se, pv = normalP(z);
    return { z: z, p_value: pv, significant: pv < 0.05 };
  }
  // Mean, variance and count of a score distribution ({"4": n, ...}).
  function scoreStats(dist) {
    var n = 0, sum = 0, sq = 0;
    Object.keys(dist || {}).forEach(function (key) { var v = Number(key), c = dist[key]; n += c; sum += v * c; sq += v * v * c; });
    if (!n) return { count: 0, mean: null, variance: null };
    var mean = sum / n;
    return { count: n, mean: mean, variance: n > 1 ? Math.max(0, (sq - n * mean * mean) / (n - 1)) : null };
  }
  // The scores of all journeys minus those of a period: the scores outside it.
  function distMinus(all, part) {
    var out = {};
    Object.keys(all || {}).forEach(function (key) {
      var v = all[key] - ((part || {})[key] || 0);
      if (v > 0) out[key] = v;
    });
    return out;
  }
  // Welch's test of two mean scores, normal approximation (many scores).
  function meanTest(x, y) {
    if (x.count < 2 || y.count < 2 || x.variance === null || y.variance === null) return null;
    var se = Math.sqrt(x.variance / x.count + y.variance / y.count);
    if (!(se > 0)) return null;
    var z = (x.mean - y.mean) / se, pv = normalP(z);
    return { z: z, p_value: pv, significant: pv < 0.05 };
  }
  // One side of the view: a period, or everything outside one.
  function asisSide(index, rest) {
    var seg = SEGS[index], c = restComparison(seg.id), entry = {};
    ((c && c.stages) || []).forEach(function (x) {
      entry[x.stage] = rest ? { n: x.b_from, k: x.b_entered, c: x } : { n: x.a_from, k: x.a_entered, c: x };
    });
    return {
      index: index, rest: rest, seg: seg, comparison: c,
      name: rest ? 'Outside ' + seg.name : seg.name,
      dates: rest ? 'every day but ' + dateRange(seg.from, seg.to) : dateRange(seg.from, seg.to),
      units: c ? (rest ? c.b_customers : c.a_customers) : seg.customers,
      converted: c ? (rest ? c.b_converted : c.a_converted) : seg.converted,
      entry: entry,
      scores: seg.stages.map(function (st, k) {
        var d = (st.emotion || {}).distribution || {};
        return scoreStats(rest ? distMinus(((SEGS[0].stages[k] || {}).emotion || {}).distribution, d) : d);
      })
    };
  }
  function overlaps(x, y) {
    return !(String(x.to).slice(0, 10) < String(y.from).slice(0, 10) || String(y.to).slice(0, 10) < String(x.from).slice(0, 10));
  }
  // Each stage's entry and score compared between the two sides.
  function asisTests(A, B) {
    var engine = B.rest && B.index === A.index;
    var disjoint = engine || !overlaps(A.seg, B.seg);
    return A.seg.stages.map(function (st, k) {
      var ea = A.entry[st.id], eb = B.entry[st.id], entry = null;
      if (ea && eb) entry = engine ? { z: ea.c.z, p_value: ea.c.p_value, significant: !!ea.c.significant }
        : disjoint ? twoProportion(ea.k, ea.n, eb.k, eb.n) : null;
      return { stage: st, a: ea, b: eb, entry: entry, score: disjoint ? meanTest(A.scores[k], B.scores[k]) : null };
    });
  }

  function asisSwitch() {
    var periods = periodIndexes();
    var sa = document.getElementById('asis-a'), sb = document.getElementById('asis-b');
    if (asis.a < 0 || periods.indexOf(asis.a) < 0) asis.a = periods.length ? periods[0] : -1;
    sa.textContent = ''; sb.textContent = '';
    periods.forEach(function (i) {
      var o = add(sa, el('option', null, SEGS[i].name + ' (' + dateRange(SEGS[i].from, SEGS[i].to) + ')')); o.value = String(i);
    });
    if (asis.a < 0) return;
    var r = add(sb, el('option', null, 'Outside ' + SEGS[asis.a].name)); r.value = 'rest';
    periods.forEach(function (i) {
      if (i === asis.a) return;
      var o = add(sb, el('option', null, SEGS[i].name + ' (' + dateRange(SEGS[i].from, SEGS[i].to) + ')')); o.value = String(i);
    });
    if (asis.b !== 'rest' && (Number(asis.b) === asis.a || periods.indexOf(Number(asis.b)) < 0)) asis.b = 'rest';
    sa.value = String(asis.a); sb.value = String(asis.b);
  }

  function asIsToBe() {
    var host = document.getElementById('asis');
    host.textContent = '';
    var periods = periodIndexes();
    setVisible('asis-section', periods.length > 0);
    if (!periods.length) return;
    asisSwitch();
    var A = asisSide(asis.a, false), B = asis.b === 'rest' ? asisSide(asis.a, true) : asisSide(Number(asis.b), false);
    var tests = asisTests(A, B);
    var engine = B.rest && B.index === A.index;
    document.getElementById('asis-note').textContent =
      'The same journey in two periods: the entry rate of each stage (of the ' + UNITS + ' that reached the stage before it; the first stage of all ' + UNITS + ') and the mean score. ' +
      (engine ? 'Differences of entry rate are tested by the analysis (two-proportion z-test, period against the rest). '
        : overlaps(A.seg, B.seg) ? 'These two periods overlap, so they share ' + UNITS + ' and are not tested against each other. '
        : 'Differences of entry rate are tested here with a two-proportion z-test of the two periods. ') +
      'Mean scores are compared with Welch\'s test, counting each score once' + (B.rest ? '; the scores outside the period are those of all ' + UNITS + ' minus the period\'s' : '') + '. ' +
      'Marked: p < 0.05.';
    var row = add(host, el('div', 'asis-cols'));
    [[A, SEG_COLORS[0]], [B, SEG_COLORS[1]]].forEach(function (d, side) {
      var col = add(row, el('div', 'panel asis-col'));
      col.setAttribute('data-side', side ? 'b' : 'a');
      var h = add(col, el('h3'));
      var tag = add(h, el('span', 'seg-tag', side ? 'To-be' : 'As-is')); tag.style.background = d[1];
      h.appendChild(document.createTextNode(d[0].name));
      add(col, el('p', 'muted small', d[0].dates + ' · ' + int(d[0].units) + ' ' + UNITS + ', ' +
        pct(share(d[0].converted, d[0].units), 1) + ' converted'));
      add(col, el('h3', 'sub-h', 'Entry rate of each stage'));
      asisFunnel(add(col, el('div', 'chart mid asis-funnel')), d[0], d[1], tests);
      add(col, el('h3', 'sub-h', 'Mean score'));
      asisEmotion(add(col, el('div', 'chart small asis-emotion')), d[0], d[1], tests, side);
    });
    asisTable(host, A, B, tests);
  }

  function asisFunnel(div, side, color, tests) {
    var stages = side.seg.stages;
    var c = newChart(div);
    c.setOption({
      animation: false,
      grid: { left: 44, right: 10, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: stages.map(function (st) { return st.name; }), axisLabel: { interval: 0, fontSize: 11, overflow: 'truncate', width: 80 } },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { fontSize: 10, formatter: function (v) { return Math.round(v * 100) + '%'; } } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var t = p.data && p.data.t;
          if (!t) return '';
          var e = side === null ? null : (side.entry[t.stage.id] || null);
          return '<div class="tt-title">' + esc(t.stage.name) + ' · ' + esc(side.name) + '</div>' +
            (e ? '<b>' + esc(pct(share(e.k, e.n), 1)) + '</b>: ' + esc(int(e.k)) + ' of ' + esc(int(e.n)) + ' ' + esc(UNITS) : 'No figures') +
            (t.entry ? '<br>' + esc(pIs(t.entry.p_value)) + (t.entry.significant ? ' · <b style="color:#D55E00">significant</b>' : ' · not significant') : '');
        }
      }),
      series: [{
        type: 'bar', barWidth: '55%',
        label: { show: true, position: 'top', fontSize: 11, color: C.ink,
          formatter: function (p) { return p.data.rate === null ? '' : pct(p.data.rate, 0) + (p.data.t.entry && p.data.t.entry.significant ? ' *' : ''); } },
        data: tests.map(function (t) {
          var e = side.entry[t.stage.id], rate = e ? share(e.k, e.n) : null, sig = t.entry && t.entry.significant;
          return { value: rate === null ? 0 : rate, rate: rate, t: t,
            itemStyle: { color: color, opacity: sig ? 1 : 0.45, borderColor: sig ? C.ink : color, borderWidth: sig ? 2 : 0 } };
        })
      }]
    });
  }

  function asisEmotion(div, side, color, tests, which) {
    var c = newChart(div);
    if (!side.scores.some(function (s) { return s.count > 0; })) {
      c.setOption({ title: { text: 'No scores', left: 'center', top: 'middle', textStyle: { color: C.grey, fontSize: 13, fontWeight: 'normal' } } });
      return;
    }
    var range = scoreRange([{ seg: SEGS[0] }]);
    c.setOption({
      animation: false,
      grid: { left: 44, right: 10, top: 22, bottom: 24 },
      xAxis: { type: 'category', data: side.seg.stages.map(function (st) { return st.name; }), axisLabel: { interval: 0, fontSize: 11, overflow: 'truncate', width: 80 } },
      yAxis: { type: 'value', min: range[0], max: range[1], axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#eef0f4' } } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var d = p.data;
          if (!d || !d.t) return '';
          return '<div class="tt-title">' + esc(d.t.stage.name) + ' · ' + esc(side.name) + '</div>' +
            'Mean score <b>' + esc(d.s.mean.toFixed(2)) + '</b> over ' + esc(int(d.s.count)) + ' scores' +
            (d.t.score ? '<br>' + esc(pIs(d.t.score.p_value)) + (d.t.score.significant ? ' · <b style="color:#D55E00">significant</b>' : ' · not significant') : '');
        }
      }),
      series: [{
        type: 'line', connectNulls: true, lineStyle: { width: 3, color: color }, itemStyle: { color: color }, symbolSize: 8,
        label: { show: true, position: 'top', fontSize: 11, color: C.ink,
          formatter: function (p) { return p.data.s ? p.data.s.mean.toFixed(2) + (p.data.t.score && p.data.t.score.significant ? ' *' : '') : ''; } },
        data: tests.map(function (t, k) {
          var s = side.scores[k];
          if (!s.count) return { value: null };
          var sig = t.score && t.score.significant;
          return { value: s.mean, s: s, t: t, symbol: sig ? 'diamond' : 'circle', symbolSize: sig ? 14 : 8,
            itemStyle: sig ? { color: color, borderColor: C.ink, borderWidth: 2 } : undefined };
        })
      }]
    });
  }

  function asisTable(host, A, B, tests) {
    var tb = dataTable(host, 'asis-table', [
      ['Stage', 'The stage whose entry and scores are compared'],
      ['Entry, as-is', 'Of the ' + UNITS + ' of ' + A.name + ' that reached the stage before, the share that entered this stage', true],
      ['Entry, to-be', 'The same for ' + B.name, true],
      ['Difference', 'To-be minus as-is, in percentage points', true],
      ['p-value', 'Two-proportion z-test of the two entry rates', true],
      ['', 'Marked when the entry rates differ significantly (p < 0.05)'],
      ['Score, as-is', 'Mean score of the stage\'s scored events, ' + A.name, true],
      ['Score, to-be', 'Mean score of the stage\'s scored events, ' + B.name, true],
      ['', 'Marked when the mean scores differ significantly (Welch, p < 0.05)']
    ]);
    tests.forEach(function (t, k) {
      var tr = add(tb, el('tr', (t.entry && t.entry.significant) || (t.score && t.score.significant) ? 'sig-row' : null));
      tr.setAttribute('data-stage', t.stage.id);
      cell(tr, t.stage.name, null, 'strong');
      var ra = t.a ? share(t.a.k, t.a.n) : null, rb = t.b ? share(t.b.k, t.b.n) : null;
      cell(tr, pct(ra, 1), t.a ? int(t.a.k) + ' of ' + int(t.a.n) + ' ' + UNITS : '', 'num');
      cell(tr, pct(rb, 1), t.b ? int(t.b.k) + ' of ' + int(t.b.n) + ' ' + UNITS : '', 'num');
      cell(tr, ra !== null && rb !== null ? pts(rb - ra) : '—', null, 'num' + (t.entry && t.entry.significant ? ' strong' : ''));
      cell(tr, t.entry ? fmtP(t.entry.p_value) : '—', null, 'num');
      var m = cell(tr, null);
      if (t.entry && t.entry.significant) add(m, el('span', 'sig sig-entry', 'significant', 'The entry rates differ: ' + pIs(t.entry.p_value)));
      var sa = A.scores[k], sb = B.scores[k];
      cell(tr, sa.count ? sa.mean.toFixed(2) + ' (n=' + int(sa.count) + ')' : '—', null, 'num');
      cell(tr, sb.count ? sb.mean.toFixed(2) + ' (n=' + int(sb.count) + ')' : '—', null, 'num');
      var m2 = cell(tr, null);
      if (t.score && t.score.significant) add(m2, el('span', 'sig sig-score', 'significant', 'The mean scores differ: ' + pIs(t.score.p_value)));
    });
  }
