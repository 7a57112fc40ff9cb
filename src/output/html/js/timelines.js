  // ---------- stage timelines ----------
  var DAY_MS = 86400000;
  var TL_FULL = 20;  // units at risk from which a day's dot is fully opaque
  var TL_HALF = 3;   // days each side pooled into the line
  function dayMs(iso) { var d = ymd(iso); return d ? Date.UTC(d[0], d[1], d[2]) : NaN; }
  // The series of one stage: per day, its own rate and the rate pooled over
  // the days within TL_HALF days each side (entries over units at risk).
  function timelinePoints(tl) {
    var t = tl.days.map(dayMs), out = [];
    for (var i = 0, lo = 0, hi = 0, n = 0, k = 0; i < t.length; i++) {
      while (hi < t.length && t[hi] <= t[i] + TL_HALF * DAY_MS) { n += tl.at_risk[hi]; k += tl.entered[hi]; hi++; }
      while (t[lo] < t[i] - TL_HALF * DAY_MS) { n -= tl.at_risk[lo]; k -= tl.entered[lo]; lo++; }
      out.push({ t: t[i], day: tl.days[i], n: tl.at_risk[i], k: tl.entered[i],
        rate: tl.at_risk[i] ? tl.entered[i] / tl.at_risk[i] : null, pooled: n ? k / n : null, pn: n });
    }
    return out;
  }

  function horizonWords(h) {
    if (h === undefined || h === null || h < 0) return 'whenever it came (no horizon: the last weeks may be incomplete)';
    return h === 0 ? 'the same day' : 'within ' + h + ' day' + (h === 1 ? '' : 's');
  }

  function timelines() {
    var host = document.getElementById('timelines');
    host.textContent = '';
    var list = shown().filter(function (s) { return (s.seg.timelines || []).some(function (tl) { return tl.days.length > 0; }); });
    setVisible('timelines-section', list.length > 0);
    if (!list.length) return;
    document.getElementById('timelines-note').textContent =
      'For each stage after the first, the share of the ' + UNITS + ' that reached the stage before it on a day (UTC) and then entered the stage. ' +
      'Each dot is one day; it is fainter the fewer ' + UNITS + ' were at risk that day (fully drawn from ' + TL_FULL + ' on). ' +
      'The line pools the ' + (2 * TL_HALF + 1) + ' days around each day (entries over ' + UNITS + ' at risk), so thin days weigh little. ' +
      'Shaded: the windows "What changed" reports. ' +
      'An entry counts when it comes within the stage\'s horizon (under each title) of reaching the stage before; the last days of the data, not yet complete for that horizon, are left out.';
    list[0].seg.stages.forEach(function (st, k) {
      if (k === 0) return;
      var panel = add(host, el('div', 'panel timeline'));
      panel.setAttribute('data-stage', st.id);
      var h = add(panel, el('h3', null, st.name));
      var tl = (list[0].seg.timelines || []).filter(function (x) { return x.stage === st.id; })[0] || {};
      add(h, el('span', 'sub-name', ' · entry from ' + list[0].seg.stages[k - 1].name + ', ' + horizonWords(tl.horizon_days)));
      var windows = [];
      list.forEach(function (s) {
        (s.seg.changes || []).forEach(function (c) { if (c.stage === st.id) windows.push(c.from + '..' + c.to); });
      });
      panel.setAttribute('data-windows', windows.join(','));
      var div = add(panel, el('div', 'chart timeline-chart'));
      timelineChart(div, list, st, k);
    });
  }

  function timelineChart(div, list, st, k) {
    var series = [], any = false;
    list.forEach(function (s) {
      var tl = (s.seg.timelines || []).filter(function (x) { return x.stage === st.id; })[0];
      if (!tl || !tl.days.length) return;
      any = true;
      var pts = timelinePoints(tl);
      var areas = (s.seg.changes || []).filter(function (c) { return c.stage === st.id; }).map(function (c) {
        var col = c.direction === 'down' ? 'rgba(213,94,0,0.16)' : 'rgba(0,158,115,0.16)';
        return [{ xAxis: dayMs(c.from), itemStyle: { color: col }, change: c, seg: s.seg,
          label: { show: true, position: 'insideTop', color: c.direction === 'down' ? C.vermillion : C.green, fontSize: 10,
            formatter: (c.direction === 'down' ? '▼ ' : '▲ ') + pct(c.baseline_rate, 0) + ' → ' + pct(c.rate, 0) } },
          { xAxis: dayMs(c.to) + DAY_MS }];
      });
      series.push({
        name: s.seg.name + ' · day', type: 'scatter', symbolSize: 5, z: 3,
        data: pts.map(function (p) {
          return { value: [p.t, p.rate], p: p, seg: s.seg,
            itemStyle: { color: s.color, opacity: Math.max(0.12, Math.min(1, p.n / TL_FULL)) } };
        })
      });
      series.push({
        name: s.seg.name + ' · ' + (2 * TL_HALF + 1) + ' days', type: 'line', showSymbol: false, z: 4,
        lineStyle: { color: s.color, width: 2 }, itemStyle: { color: s.color },
        data: pts.map(function (p) { return { value: [p.t, p.pooled], p: p, seg: s.seg }; }),
        markArea: { silent: false, data: areas }
      });
    });
    var c = newChart(div);
    if (!any) {
      c.setOption({ title: { text: 'No ' + UNITS + ' reached ' + list[0].seg.stages[k - 1].name, left: 'center', top: 'middle',
        textStyle: { color: C.grey, fontSize: 13, fontWeight: 'normal' } } });
      return;
    }
    c.setOption({
      animation: false,
      grid: { left: 44, right: 12, top: 22, bottom: 28 },
      xAxis: { type: 'time', axisLabel: { fontSize: 10, hideOverlap: true }, splitLine: { show: false } },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { fontSize: 10, formatter: function (v) { return Math.round(v * 100) + '%'; } },
        splitLine: { lineStyle: { color: '#eef0f4' } } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          if (p.componentType === 'markArea') {
            var ch = p.data && p.data.change;
            return ch ? '<div class="tt-title">' + esc(dateRange(ch.from, ch.to)) + '</div>' + esc(changeSentence(p.data.seg, ch)) : '';
          }
          var d = p.data;
          if (!d || !d.p) return '';
          return '<div class="tt-title">' + esc(d.p.day) + ' · ' + esc(d.seg.name) + '</div>' +
            'Entered ' + esc(st.name) + ': <b>' + esc(pct(d.p.rate, 0)) + '</b> (' + esc(int(d.p.k)) + ' of ' + esc(int(d.p.n)) + ' ' + esc(UNITS) + ')' +
            '<br>' + esc(2 * TL_HALF + 1) + ' days around: <b>' + esc(pct(d.p.pooled, 1)) + '</b> of ' + esc(int(d.p.pn)) + ' ' + esc(UNITS) +
            '<div class="tt-note">' + esc(UNITS_C) + ' that reached ' + esc(list[0].seg.stages[k - 1].name) + ' that day, and the share that then entered ' + esc(st.name) + '.</div>';
        }
      }),
      series: series
    });
  }
