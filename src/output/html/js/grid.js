  // ---------- the grid ----------
  var LANES = [
    { key: 'goal', label: 'Customer goal', kind: 'qual', note: 'from the spec', help: 'What the customer wants at this stage (written in the journey spec).' },
    { key: 'actions', label: 'Actions', kind: 'qual', note: 'from the spec', help: 'What the customer does at this stage (written in the journey spec).' },
    { key: 'touchpoints', label: 'Touchpoints', kind: 'touchpoints', note: 'measured', help: 'The most used touchpoints (event names) of the stage: ' + UNITS + ' with at least one such event in the stage, of the segment shown.' },
    { key: 'thinking', label: 'Thinking', kind: 'qual', note: 'from the spec', help: 'What the customer thinks at this stage (written in the journey spec).' },
    { key: 'feeling', label: 'Feeling', kind: 'qual', note: 'from the spec', help: 'How the customer feels at this stage (written in the journey spec).' },
    { key: 'emotion', label: 'Emotion', kind: 'emotion', note: 'mean score', help: 'Mean satisfaction score of the events of each stage that carry a score (n = number of scores). The lowest point is the critical point.' },
    { key: 'pain_points', label: 'Pain points', kind: 'pain', note: 'spec + measured', help: 'Obstacles at this stage: written in the spec (including the notes of its barriers), and measured ones (each barrier against comparable ' + UNITS + '; the biggest funnel drop-off; where most ' + UNITS + ' that left were last seen).' },
    { key: 'opportunities', label: 'Opportunities', kind: 'qual', note: 'from the spec', help: 'Ideas to remove the obstacles (written in the journey spec).' },
    { key: 'metrics', label: 'Metrics', kind: 'metrics', note: 'measured', help: 'Reach, closed funnel level, conversion and drop-off from the previous stage, and time from the previous stage, for the segment shown.' }
  ];

  function laneHasContent(lane, list) {
    var stages0 = list[0].seg.stages;
    if (lane.kind === 'qual') return stages0.some(function (st) { return (st[lane.key] || []).length > 0; });
    if (lane.kind === 'touchpoints') return list.some(function (s) { return s.seg.stages.some(function (st) { return st.touchpoints.length > 0; }); });
    if (lane.kind === 'pain') return list.some(function (s) { return s.seg.stages.some(function (st) { return st.pain_points.length > 0; }); });
    if (lane.kind === 'emotion') return list.some(function (s) { return s.seg.stages.some(function (st) { return st.emotion.count > 0; }); });
    return true;
  }

  function grid() {
    var list = shown();
    var table = document.getElementById('grid');
    table.textContent = '';
    var stages = list[0].seg.stages;
    var cg = add(table, el('colgroup'));
    add(cg, el('col', 'lane'));
    stages.forEach(function () { add(cg, el('col')); });
    var thead = add(table, el('thead'));
    var hr = add(thead, el('tr'));
    add(hr, el('th', 'corner', 'Stage'));
    stages.forEach(function (st, k) {
      var crit = list.some(function (s) { return s.seg.stages[k] && s.seg.stages[k].critical; });
      var th = add(hr, el('th', crit ? 'critical' : null, null,
        crit ? 'Critical point: the stage with the lowest mean satisfaction score' : 'Stage ' + (k + 1) + ' of the journey spec'));
      th.setAttribute('data-stage', st.id);
      add(th, el('span', 'step', 'Stage ' + (k + 1) + (crit ? ' · critical point' : '')));
      th.appendChild(document.createTextNode(st.name));
    });
    var tbody = add(table, el('tbody'));
    LANES.forEach(function (lane) {
      if (!laneHasContent(lane, list)) return;
      var tr = add(tbody, el('tr', 'lane-' + lane.key + (lane.kind === 'qual' ? ' qual' : '')));
      var th = add(tr, el('th', 'lane-h', lane.label, lane.help));
      th.setAttribute('scope', 'row');
      add(th, el('small', null, lane.note));
      if (lane.kind === 'emotion') {
        var td = add(tr, el('td', 'chart-cell'));
        td.colSpan = stages.length;
        var div = add(td, el('div', 'emotion-chart'));
        div.id = 'emotion-chart';
        emotionChart(div, list);
        return;
      }
      stages.forEach(function (st, k) {
        var cell = add(tr, el('td'));
        if (lane.kind === 'qual') qualCell(cell, st[lane.key] || []);
        else list.forEach(function (s) {
          var block = add(cell, el('div', 'seg-block'));
          if (list.length > 1) add(block, segTag(s));
          var sst = s.seg.stages[k];
          if (lane.kind === 'touchpoints') touchpointCell(block, sst, s.seg);
          else if (lane.kind === 'pain') painCell(block, sst);
          else if (lane.kind === 'metrics') metricsCell(block, sst, k, s.seg);
        });
      });
    });
  }

  function qualCell(cell, items) {
    if (!items.length) { cell.appendChild(el('span', 'cell-empty', '')); return; }
    if (items.length === 1) { cell.appendChild(el('div', null, items[0])); return; }
    var ul = add(cell, el('ul'));
    items.forEach(function (t) { add(ul, el('li', null, t)); });
  }

  function touchpointCell(block, st, seg) {
    if (!st.touchpoints.length) { add(block, el('span', 'cell-empty', 'No events')); return; }
    var max = st.touchpoints[0].customers || 1;
    st.touchpoints.forEach(function (tp) {
      var d = add(block, el('div', 'tp', null,
        tp.name + ': ' + int(tp.customers) + ' ' + UNITS + ' of ' + seg.name + ' had this event in ' + st.name +
        ' (' + pct(share(tp.customers, st.reached)) + ' of those who reached the stage)'));
      add(d, el('span', 'tp-name', tp.name));
      add(d, el('span', 'tp-n', int(tp.customers)));
      if (tp.control) add(d, el('span', 'badge badge-' + (tp.control === 'direct' ? 'direct' : 'indirect'), tp.control, tp.control === 'direct' ? 'Direct: controlled by the company' : 'Indirect: not controlled by the company'));
      if (tp.medium) add(d, el('span', 'badge badge-' + (tp.medium === 'online' ? 'online' : 'offline'), tp.medium,
        tp.medium === 'online' ? 'Online: met on a screen (site, app, ad, email)' : 'Offline: met in person or by phone (shop, call centre, print)'));
      var bar = add(d, el('span', 'tp-bar'));
      bar.style.width = Math.max(4, Math.round(100 * tp.customers / max)) + '%';
    });
  }

  function painCell(block, st) {
    if (!st.pain_points.length) { add(block, el('span', 'cell-empty', '—')); return; }
    st.pain_points.forEach(function (p) {
      var d = add(block, el('div', 'pain' + (p.measured ? ' measured' : ''), null,
        p.measured ? 'Measured from the event log' : 'Written in the journey spec'));
      add(d, el('span', 'kind', p.measured ? 'measured' : 'from the spec'));
      d.appendChild(document.createTextNode(p.text));
    });
  }

  function metricsCell(block, st, k, seg) {
    var dl = add(block, el('dl', 'metrics'));
    function row(label, value, help, bad) {
      add(dl, el('dt', null, label, help));
      add(dl, el('dd', bad ? 'bad' : null, value, help));
    }
    row('Reach', int(st.reached) + ' · ' + pct(st.reach_share, 0),
        UNITS_C + ' of ' + seg.name + ' with at least one event in ' + st.name + ', and their share of the segment\'s ' + int(seg.customers) + ' ' + UNITS);
    row('Funnel', int(st.funnel_level),
        UNITS_C + ' of ' + seg.name + ' who went through every stage up to ' + st.name + ' in order' + (seg.funnel.window_s ? ', within the conversion window' : '') + ' (closed funnel)');
    if (k > 0) {
      row('Conversion', pct(st.conversion_from_previous),
          'Of the ' + UNITS + ' at the previous funnel step, the share who also reached ' + st.name + ' (closed funnel)');
      row('Drop-off', pct(st.drop_off),
          'Of the ' + UNITS + ' at the previous funnel step, the share who did not reach ' + st.name, st.drop_off !== null && st.drop_off >= 0.5);
      var t = st.time_from_previous_s;
      row('Time, median', t.count ? dur(t.p50) : '—',
          'Median time from the first event of the previous stage to the next event in ' + st.name + ', over ' + int(t.count) + ' ' + UNITS);
      row('Time, p90', t.count ? dur(t.p90) : '—',
          '90% of those ' + int(t.count) + ' ' + UNITS + ' took at most this long');
    }
    if (st.critical) add(block, el('div', 'critical-note', 'Critical point: lowest mean score',
      'Among stages with scores, this one has the lowest mean score for ' + seg.name));
  }

  function scoreRange(list) {
    var lo = Infinity, hi = -Infinity;
    list.forEach(function (s) {
      s.seg.stages.forEach(function (st) {
        scores(st.emotion).forEach(function (d) { lo = Math.min(lo, d[0]); hi = Math.max(hi, d[0]); });
      });
    });
    if (!isFinite(lo)) return [0, 1];
    return [Math.floor(lo), Math.ceil(hi) === Math.floor(lo) ? Math.floor(lo) + 1 : Math.ceil(hi)];
  }

  function emotionChart(div, list) {
    var range = scoreRange(list);
    var stages = list[0].seg.stages;
    var series = list.map(function (s) {
      return {
        name: s.seg.name,
        type: 'line',
        connectNulls: true,
        lineStyle: { width: 3, color: s.color },
        itemStyle: { color: s.color },
        symbolSize: 9,
        data: s.seg.stages.map(function (st) {
          if (!st.emotion.count) return { value: null };
          var p = { value: st.emotion.mean, st: st, seg: s.seg };
          if (st.critical) {
            p.symbol = 'diamond'; p.symbolSize = 18;
            p.itemStyle = { color: C.vermillion, borderColor: '#fff', borderWidth: 2 };
            p.label = { position: 'bottom', color: C.vermillion, fontWeight: 'bold', distance: 8 };
          }
          return p;
        }),
        label: {
          show: true, position: 'top', fontSize: 11, color: C.ink,
          formatter: function (p) {
            if (!p.data || !p.data.st) return '';
            return (p.data.st.critical ? 'Critical point\n' : '') +
              p.data.st.emotion.mean.toFixed(2) + '  (n=' + int(p.data.st.emotion.count) + ')';
          }
        }
      };
    });
    var c = newChart(div);
    c.setOption({
      animation: false,
      grid: { left: 0, right: 0, top: 38, bottom: 10 },
      xAxis: { type: 'category', data: stages.map(function (st) { return st.name; }), boundaryGap: true, show: false },
      yAxis: {
        type: 'value', min: range[0], max: range[1],
        axisLabel: { inside: true, color: C.grey, fontSize: 10 },
        splitLine: { lineStyle: { color: '#eef0f4' } }
      },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          var d = p.data;
          if (!d || !d.st) return '';
          var dist = scores(d.st.emotion).map(function (x) { return esc(x[0]) + ': ' + esc(int(x[1])); }).join(', ');
          return '<div class="tt-title">' + esc(d.st.name) + ' · ' + esc(d.seg.name) + '</div>' +
            'Mean score <b>' + esc(d.st.emotion.mean.toFixed(2)) + '</b> over ' + esc(int(d.st.emotion.count)) + ' scores' +
            (d.st.critical ? '<br><b style="color:#D55E00">Critical point</b>: the lowest mean of the journey' : '') +
            '<div class="tt-note">Scores given: ' + dist + '. Counts every event with a score in this stage, of ' + esc(d.seg.name) + '.</div>';
        }
      }),
      series: series
    });
  }

