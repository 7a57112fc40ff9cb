  // ---------- barriers ----------
  var COUNT_LABEL = ['No barrier', '1 barrier', '2 barriers', '3 or more'];

  // Does a second barrier tip people into refusal? Compares the 95% intervals
  // of the conversion rate after 1 and after 2 barriers, nothing else.
  function tippingAnswer(seg) {
    var rows = (seg.barriers || {}).by_count || [], one = null, two = null;
    rows.forEach(function (r) { if (r.barriers === 1) one = r; if (r.barriers === 2) two = r; });
    var how = 'Read from the chart: the conversion rate after two barriers against the rate after one, with their 95% intervals. ' +
      '"Yes" only if the whole interval after two lies below the whole interval after one; if the intervals overlap, the data cannot tell the two apart.';
    if (!one || !two || !one.customers || !two.customers || one.rate === null || two.rate === null)
      return { kind: 'none', word: 'Cannot tell', text: ': too few ' + UNITS + ' met one and two barriers.', help: how };
    var a = pct(one.rate, 0) + ' (' + ci(one.rate_ci) + ') after one barrier';
    var b = pct(two.rate, 0) + ' (' + ci(two.rate_ci) + ') after two';
    if (two.rate_ci[1] < one.rate_ci[0])
      return { kind: 'yes', word: 'Yes', text: ': ' + b + ' against ' + a + '; the intervals do not overlap.', help: how };
    if (two.rate_ci[0] > one.rate_ci[1])
      return { kind: 'no', word: 'No', text: ': ' + UNITS + ' converted more after two barriers, ' + b + ' against ' + a + '.', help: how };
    return { kind: 'unclear', word: 'Not clearly', text: ': ' + b + ' against ' + a + '; the intervals overlap, so the difference may be chance.', help: how };
  }

  function barriers() {
    var host = document.getElementById('barriers');
    host.textContent = '';
    var list = shown().filter(function (s) {
      return barrierRows(s.seg).length > 0 || ((s.seg.barriers || {}).items || []).length > 0;
    });
    setVisible('barriers-section', list.length > 0);
    list.forEach(function (s) {
      var panel = segPanel(host, s, 'Barriers met and conversion', shown().length > 1 ? null : 'wide');
      var row = add(panel, el('div', 'side-by-side'));
      if (barrierRows(s.seg).length) {
        var left = add(row, el('div', 'grow'));
        add(left, el('h3', 'sub-h', 'Conversion by number of barriers met'));
        var div = add(left, el('div', 'chart mid barriers-chart'));
        barrierChart(div, s);
        var ans = tippingAnswer(s.seg);
        var p = add(left, el('p', 'answer answer-' + ans.kind, null, ans.help));
        add(p, el('span', 'q', 'Does a second barrier tip people into refusal? '));
        add(p, el('b', null, ans.word));
        p.appendChild(document.createTextNode(ans.text));
      }
      var items = (s.seg.barriers.items || []).filter(function (i) { return i.customers > 0 || i.comparable_customers > 0; });
      if (items.length) {
        var right = add(row, el('div', 'grow'));
        add(right, el('h3', 'sub-h', 'Each barrier against comparable ' + UNITS));
        barrierTable(right, s.seg, items);
      }
    });
  }

  function barrierChart(div, s) {
    var seg = s.seg, rows = barrierRows(seg);
    var cats = rows.map(function (r) {
      return (COUNT_LABEL[Math.min(3, r.barriers)] || String(r.barriers)) + '\n' + int(r.customers) + ' ' + UNITS;
    });
    var tip = function (r) {
      return '<div class="tt-title">' + esc(COUNT_LABEL[Math.min(3, r.barriers)]) + ' · ' + esc(seg.name) + '</div>' +
        '<b>' + esc(pct(r.rate, 1)) + '</b> converted: ' + esc(int(r.converted)) + ' of ' + esc(int(r.customers)) + ' ' + UNITS +
        '<br>95% interval ' + esc(ci(r.rate_ci, 1)) +
        '<div class="tt-note">' + UNITS_C + ' by the number of different barriers they met before converting (or, if they never converted, over their whole journey). ' +
        'The whisker is the 95% Wilson interval of the rate: with this many ' + UNITS + ' the true rate is very likely inside it.</div>';
    };
    var c = newChart(div);
    c.setOption({
      animation: false,
      grid: { left: 46, right: 10, top: 28, bottom: 44 },
      xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, fontSize: 11, color: C.ink, lineHeight: 15 } },
      yAxis: { type: 'value', min: 0, max: 1, name: 'converted', nameTextStyle: { fontSize: 10 },
        axisLabel: { fontSize: 10, formatter: function (v) { return Math.round(v * 100) + '%'; } } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) { return p.data && p.data.row ? tip(p.data.row) : ''; }
      }),
      series: [{
        type: 'bar', barWidth: '46%',
        itemStyle: { color: s.color },
        label: { show: true, position: 'insideBottom', color: '#fff', fontWeight: 'bold', fontSize: 12,
          formatter: function (p) { return p.data.row.rate === null ? '' : pct(p.data.row.rate, 0); } },
        data: rows.map(function (r) { return { value: r.rate === null ? 0 : r.rate, row: r }; })
      }, {
        type: 'custom',
        z: 10,
        itemStyle: { color: C.ink },
        renderItem: function (params, api) {
          var lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)]);
          var w = api.size([1, 0])[0] * 0.12, st = { stroke: C.ink, lineWidth: 1.5 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: st },
            { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style: st },
            { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style: st }
          ] };
        },
        encode: { x: 0, y: [1, 2] },
        data: rows.map(function (r, i) { return { value: [i, r.rate_ci[0], r.rate_ci[1]], row: r }; })
      }]
    });
  }

  function barrierTable(panel, seg, items) {
    var tb = dataTable(panel, 'barrier-table', [
      ['Barrier', 'The barrier as named in the journey spec, and its stage'],
      ['Met', UNITS_C + ' of ' + seg.name + ' who met this barrier', true],
      ['Converted', 'Of those, the share who converted after meeting it, with the 95% interval', true],
      ['Comparable', 'Conversion of comparable ' + UNITS + ': those who reached the barrier\'s stage without meeting it', true],
      ['Lost right after', UNITS_C + ' that never converted and whose last mapped event is this barrier', true],
      ['Mean score around', 'Mean satisfaction score of the scored events around meeting the barrier (n = scores)', true]
    ]);
    items.forEach(function (it) {
      var tr = add(tb, el('tr'));
      var name = it.name || it.id;
      var td = cell(tr, null, (it.note ? it.note + ' · ' : '') + 'Stage: ' + stageLabel(it.stage));
      add(td, el('span', 'strong', name));
      add(td, el('span', 'sub', stageLabel(it.stage)));
      cell(tr, int(it.customers), int(it.customers) + ' ' + UNITS + ' met ' + name, 'num');
      var gap = it.rate !== null && it.comparable_rate !== null ? it.rate - it.comparable_rate : null;
      var conv = cell(tr, pct(it.rate, 0), int(it.converted) + ' of ' + int(it.customers) + ' converted after meeting ' + name +
        '; 95% interval ' + ci(it.rate_ci, 1), 'num' + (gap !== null && gap < 0 ? ' bad' : ''));
      if (it.rate !== null) add(conv, el('span', 'sub', ci(it.rate_ci)));
      var cmp = cell(tr, pct(it.comparable_rate, 0), int(it.comparable_converted) + ' of ' + int(it.comparable_customers) +
        ' comparable ' + UNITS + ' converted (reached ' + stageLabel(it.stage) + ' without meeting ' + name + ')', 'num');
      if (gap !== null) add(cmp, el('span', 'sub', (gap >= 0 ? '+' : '−') + Math.abs(Math.round(gap * 100)) + ' pts'));
      cell(tr, int(it.lost_after) + (it.customers ? ' · ' + pct(share(it.lost_after, it.customers), 0) : ''),
        int(it.lost_after) + ' of the ' + int(it.customers) + ' ' + UNITS + ' that met ' + name + ' never converted and were last seen there', 'num');
      cell(tr, it.mean_score_around === null ? '—' : it.mean_score_around.toFixed(2) + ' (n=' + int(it.scores_around) + ')',
        'Mean of ' + int(it.scores_around) + ' scores given around meeting ' + name, 'num');
    });
  }

