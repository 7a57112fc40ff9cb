  // ---------- retention and advocacy ----------
  function hasRetention(seg) {
    var r = seg.retention || {};
    return (r.buyers || 0) > 0 || (r.cohorts || []).length > 0;
  }

  function retention() {
    var host = document.getElementById('retention');
    host.textContent = '';
    var list = shown().filter(function (s) { return hasRetention(s.seg); });
    setVisible('retention-section', list.length > 0);
    list.forEach(function (s) {
      var r = s.seg.retention;
      var panel = segPanel(host, s, 'After the first purchase', 'retention-panel');
      var box = add(panel, el('div', 'shape'));
      function kpi(value, label, help) {
        var k = add(box, el('div', 'kpi', null, help));
        add(k, el('b', null, value));
        k.appendChild(document.createTextNode(label));
      }
      if (!r.buyers) add(box, el('div', 'kpi', 'No buyers yet', 'No ' + UNIT + ' of ' + s.seg.name + ' converted'));
      else kpi(pct(r.repeat_rate, 0), 'bought again (' + int(r.repeat_buyers) + ' of ' + int(r.buyers) + ')',
        'Repeat purchase rate: buyers with at least two conversions, of the ' + int(r.buyers) + ' buyers of ' + s.seg.name);
      var t = r.time_to_second_purchase_s || { count: 0 };
      if (t.count) kpi(dur(t.p50), 'to the second purchase' + (t.count ? ', p90 ' + dur(t.p90) : ''),
        'Median time from the first to the second purchase, over ' + int(t.count) + ' repeat buyers; 90% of them bought again within the p90');
      if (r.advocacy_share !== null && r.advocacy_share !== undefined)
        kpi(pct(r.advocacy_share, 0), 'recommend (' + int(r.advocates) + ' of ' + int(r.buyers) + ')',
          'Advocacy share: buyers with an advocacy event (a review, a referral…) after their first purchase, of the ' + int(r.buyers) + ' buyers');
      if ((r.cohorts || []).length) {
        add(panel, el('h3', null, 'Cohorts: share still buying, by month since the first purchase'));
        var div = add(panel, el('div', 'chart cohort-chart'));
        div.style.height = Math.max(180, 60 + 26 * r.cohorts.length) + 'px';
        cohortChart(div, s.seg);
      }
    });
  }

  // Sequential, colour-blind safe (light yellow to dark blue, viridis-like).
  var SEQ = ['#fdf6c3', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'];

  function cohortChart(div, seg) {
    var cohorts = seg.retention.cohorts;
    var width = 0, cells = [], maxLater = 0;
    cohorts.forEach(function (co, y) {
      width = Math.max(width, (co.active || []).length);
      (co.active || []).forEach(function (n, m) {
        var v = co.customers ? n / co.customers : 0;
        if (m > 0) maxLater = Math.max(maxLater, v);
        cells.push({ value: [m, y, v], n: n, co: co, m: m });
      });
    });
    var top = maxLater > 0 ? Math.min(1, Math.ceil(maxLater * 20) / 20) : 1;
    cells.forEach(function (d) {
      var dark = d.value[2] / top > 0.55;
      d.label = { color: dark ? '#fff' : C.ink };
    });
    var months = [];
    for (var m = 0; m < width; m++) months.push(m === 0 ? 'first' : '+' + m);
    var c = newChart(div);
    c.setOption({
      animation: false,
      grid: { left: 120, right: 70, top: 8, bottom: 40 },
      xAxis: { type: 'category', data: months, splitArea: { show: false }, axisLabel: { fontSize: 10 },
        name: 'months since the first purchase', nameLocation: 'middle', nameGap: 24, nameTextStyle: { fontSize: 10, color: C.grey } },
      yAxis: { type: 'category', inverse: true, axisLabel: { fontSize: 10 },
        data: cohorts.map(function (co) { return co.month + ' (' + int(co.customers) + ')'; }) },
      visualMap: { type: 'continuous', min: 0, max: top, dimension: 2, orient: 'vertical', right: 0, top: 'middle', itemHeight: 120, itemWidth: 10,
        calculable: false, textStyle: { fontSize: 10 }, inRange: { color: SEQ }, text: [pct(top, 0) + '+', '0%'],
        formatter: function (v) { return Math.round(v * 100) + '%'; } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var d = p.data;
          if (!d || !d.co) return '';
          return '<div class="tt-title">Cohort ' + esc(d.co.month) + ' · ' + esc(d.m === 0 ? 'month of the first purchase' : d.m + ' month(s) later') + '</div>' +
            '<b>' + esc(pct(d.value[2], 1)) + '</b>: ' + esc(int(d.n)) + ' of ' + esc(int(d.co.customers)) + ' buyers bought in that month' +
            '<div class="tt-note">A cohort is the buyers of ' + esc(seg.name) + ' whose first purchase fell in ' + esc(d.co.month) + ' (UTC). ' +
            'The first column is always 100%; the colour scale stops at ' + esc(pct(top, 0)) + ' so later months stay readable.</div>';
        }
      }),
      series: [{ type: 'heatmap', data: cells,
        label: { show: width <= 14, fontSize: 10, formatter: function (p) { return Math.round(p.data.value[2] * 100) + '%'; } },
        itemStyle: { borderColor: '#fff', borderWidth: 1 } }]
    });
  }

