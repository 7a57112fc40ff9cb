  // ---------- funnel ----------
  function funnels() {
    var host = document.getElementById('funnels');
    host.textContent = '';
    var windowed = DATA.window_s !== null && DATA.window_s !== undefined;
    document.getElementById('funnel-note').textContent =
      'Closed funnel: ' + UNITS + ' that went through the stages in order from the first one. Open funnel: the same, but a ' + UNIT + ' may enter at any stage. ' +
      (windowed ? 'Solid bars count only journeys within the conversion window of ' + dur(DATA.window_s) + '; light bars count without the window.' : 'The spec sets no conversion window.');
    shown().forEach(function (s) {
      var panel = add(host, el('div', 'panel'));
      var h = add(panel, el('h3'));
      if (shown().length > 1) add(h, segTag(s));
      h.appendChild(document.createTextNode('Closed and open funnel'));
      var div = add(panel, el('div', 'chart funnel-chart'));
      funnelChart(div, s.seg, windowed);
    });
  }

  function funnelChart(div, seg, windowed) {
    var f = seg.funnel, names = seg.stages.map(function (st) { return st.name; });
    var defs = windowed ? [
      ['Closed, within window', levels(f.closed), C.blue, 'closed', true],
      ['Closed, no window', levels(f.closed_unbounded), C.sky, 'closed', false],
      ['Open, within window', levels(f.open), C.green, 'open', true],
      ['Open, no window', levels(f.open_unbounded), '#7fd1b9', 'open', false]
    ] : [
      ['Closed funnel', levels(f.closed), C.blue, 'closed', false],
      ['Open funnel', levels(f.open), C.green, 'open', false]
    ];
    var c = newChart(div);
    c.setOption({
      animation: false,
      color: defs.map(function (d) { return d[2]; }),
      legend: { top: 0, textStyle: { fontSize: 11 } },
      grid: { left: 50, right: 10, top: 40, bottom: 50 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 11, overflow: 'truncate', width: 90 } },
      yAxis: { type: 'value', name: UNITS, nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          if (!ps.length) return '';
          var k = ps[0].dataIndex;
          var out = '<div class="tt-title">' + esc(names[k]) + ' · ' + esc(seg.name) + '</div>';
          ps.forEach(function (p) {
            var d = defs[p.seriesIndex], prev = k > 0 ? d[1][k - 1] : null;
            out += esc(d[0]) + ': <b>' + esc(int(p.value)) + '</b> (' + esc(pct(share(p.value, seg.customers))) + ' of ' + UNITS +
              (prev ? ', ' + esc(pct(share(p.value, prev))) + ' of the step before' : '') + ')<br>';
          });
          return out + '<div class="tt-note">' + UNITS_C + ' counted at this step of the funnel, of the ' + esc(int(seg.customers)) + ' ' + UNITS + ' of ' + esc(seg.name) + '.</div>';
        }
      }),
      series: defs.map(function (d) {
        return { name: d[0], type: 'bar', data: (d[1] || []).slice(), barGap: '5%', barCategoryGap: '25%' };
      })
    });
  }

