// The HTML journey map's script. It reads the map (JSON in #cjm-data) and
// builds the page. Every string from the data or the spec is put into the DOM
// with textContent or as an attribute value, and chart tooltips escape it: no
// data ever reaches innerHTML unescaped.
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('cjm-data').textContent);
  var SEGS = DATA.segments || [];
  var SEG_COLORS = ['#0072B2', '#D55E00'];
  var C = {
    blue: '#0072B2', sky: '#56B4E9', green: '#009E73', orange: '#E69F00',
    vermillion: '#D55E00', purple: '#CC79A7', yellow: '#F0E442', grey: '#8a93a3', ink: '#1d2433'
  };
  var charts = [];
  var state = { a: 0, b: -1 };

  // ---------- helpers ----------
  function el(tag, cls, text, title) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (title) e.title = title;
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function esc(s) {
    return String(s === undefined || s === null ? '' : s)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function int(n) { return Number(n || 0).toLocaleString('en-US'); }
  function pct(f, digits) {
    if (f === null || f === undefined || !isFinite(f)) return '—';
    return (f * 100).toFixed(digits === undefined ? 1 : digits) + '%';
  }
  function share(num, den) { return den > 0 ? num / den : null; }
  // A score distribution ({"4": n, ...}) as [score, n] pairs by score.
  function scores(emotion) {
    var d = emotion.distribution || {};
    return Object.keys(d).map(function (k) { return [Number(k), d[k]]; })
      .sort(function (a, b) { return a[0] - b[0]; });
  }
  // A funnel's levels ([{stage, customers}]) as customer counts.
  function levels(list) { return (list || []).map(function (l) { return l.customers; }); }
  function dur(s) {
    if (s === null || s === undefined || !isFinite(s)) return '—';
    if (s < 60) return (Math.round(s * 10) / 10) + 's';
    function two(big, bigUnit, small, smallUnit) {
      var total = Math.round(s / small), a = Math.floor(total / (big / small)), b = total % (big / small);
      return a + bigUnit + (b ? ' ' + b + smallUnit : '');
    }
    if (s < 3600) return two(60, 'm', 1, 's');
    if (s < 86400) return two(3600, 'h', 60, 'm');
    return two(86400, 'd', 3600, 'h');
  }
  function shown() {
    var list = [{ seg: SEGS[state.a], color: SEG_COLORS[0], index: state.a }];
    if (state.b >= 0 && state.b !== state.a && SEGS[state.b])
      list.push({ seg: SEGS[state.b], color: SEG_COLORS[1], index: state.b });
    return list;
  }
  function segTag(s) {
    var t = el('span', 'seg-tag', s.seg.name, 'Figures for ' + s.seg.name);
    t.style.background = s.color;
    return t;
  }
  function stageNames() {
    var base = SEGS[0] ? SEGS[0].stages : [];
    var m = {};
    base.forEach(function (st) { m[st.id] = st.name; });
    return m;
  }
  var STAGE_NAME = stageNames();
  function stageLabel(id) {
    if (id === null || id === undefined) return '';
    if (id === '(start)') return 'Start';
    if (id === '(end)') return 'End of journey';
    return Object.prototype.hasOwnProperty.call(STAGE_NAME, id) ? STAGE_NAME[id] : id;
  }
  function newChart(div) {
    var c = echarts.init(div, null, { renderer: 'svg' });
    charts.push(c);
    return c;
  }
  function tooltipBase() {
    return {
      confine: true,
      backgroundColor: '#ffffff',
      borderColor: '#d9dde5',
      textStyle: { color: C.ink, fontSize: 12 },
      extraCssText: 'max-width: 26rem; white-space: normal;'
    };
  }

  // ---------- header ----------
  function header() {
    document.getElementById('title').textContent = DATA.title || 'Journey map';
    document.getElementById('description').textContent = DATA.description || '';
    var facts = document.getElementById('facts');
    facts.textContent = '';
    var all = SEGS[0] || { customers: 0, converted: 0 };
    function fact(label, value, title) {
      var s = add(facts, el('span', null, null, title));
      s.appendChild(document.createTextNode(label + ' '));
      add(s, el('b', null, value));
    }
    if (DATA.first_date)
      fact('Data', DATA.first_date + ' – ' + DATA.last_date,
           'First and last event time in the log (UTC): ' + DATA.first_time + ' to ' + DATA.last_time);
    fact('Events', int(DATA.events), 'Rows of the event log accepted (' + int(DATA.rejected_rows) + ' rejected)');
    fact('Customers', int(DATA.customers), 'Distinct customer ids in the accepted events');
    fact('Converted', int(all.converted) + ' (' + pct(share(all.converted, all.customers)) + ')',
         'Customers with at least one conversion event, of all customers');
    if (DATA.window_s !== null && DATA.window_s !== undefined)
      fact('Conversion window', dur(DATA.window_s), 'Funnels count a customer only if they went from the first to the last step within this time (windowFunnel semantics)');
    if (DATA.unmapped_events > 0)
      fact('Unmapped events', int(DATA.unmapped_events),
           'Events whose name matches no stage: ' + (DATA.unmapped_names || []).slice(0, 10).join(', '));
    document.getElementById('footer').textContent =
      'Made with cjm from the event log and the journey spec. Every figure is measured; texts in the goal, actions, thinking, feeling and opportunity lanes come from the spec. ' +
      'Definitions of every figure: docs/analyses.md.';
  }

  function switcher() {
    var a = document.getElementById('seg-a'), b = document.getElementById('seg-b');
    a.textContent = ''; b.textContent = '';
    SEGS.forEach(function (s, i) {
      var label = s.name + ' (' + int(s.customers) + ')';
      var o = add(a, el('option', null, label)); o.value = String(i);
      var o2 = add(b, el('option', null, label)); o2.value = String(i);
    });
    var none = el('option', null, '— nobody —'); none.value = '-1';
    b.insertBefore(none, b.firstChild);
    a.value = String(state.a); b.value = String(state.b);
    if (SEGS.length < 2) document.getElementById('switcher').style.display = 'none';
    a.addEventListener('change', function () { state.a = Number(a.value); render(); });
    b.addEventListener('change', function () { state.b = Number(b.value); render(); });
  }

  function legend() {
    var lg = document.getElementById('legend');
    lg.textContent = '';
    shown().forEach(function (s) {
      var c = add(lg, el('span', 'chip'));
      var sw = add(c, el('span', 'swatch')); sw.style.background = s.color;
      c.appendChild(document.createTextNode(s.seg.name + ': ' + int(s.seg.customers) + ' customers, ' +
        int(s.seg.events) + ' events, ' + pct(share(s.seg.converted, s.seg.customers)) + ' converted'));
    });
  }

  // ---------- the grid ----------
  var LANES = [
    { key: 'goal', label: 'Customer goal', kind: 'qual', note: 'from the spec', help: 'What the customer wants at this stage (written in the journey spec).' },
    { key: 'actions', label: 'Actions', kind: 'qual', note: 'from the spec', help: 'What the customer does at this stage (written in the journey spec).' },
    { key: 'touchpoints', label: 'Touchpoints', kind: 'touchpoints', note: 'measured', help: 'The most used touchpoints (event names) of the stage: customers with at least one such event in the stage, of the segment shown.' },
    { key: 'thinking', label: 'Thinking', kind: 'qual', note: 'from the spec', help: 'What the customer thinks at this stage (written in the journey spec).' },
    { key: 'feeling', label: 'Feeling', kind: 'qual', note: 'from the spec', help: 'How the customer feels at this stage (written in the journey spec).' },
    { key: 'emotion', label: 'Emotion', kind: 'emotion', note: 'mean score', help: 'Mean satisfaction score of the events of each stage that carry a score (n = number of scores). The lowest point is the critical point.' },
    { key: 'pain_points', label: 'Pain points', kind: 'pain', note: 'spec + measured', help: 'Obstacles at this stage: written in the spec (including the notes of its barriers), and measured ones (each barrier against comparable customers; the biggest funnel drop-off; where most customers who left were last seen).' },
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
        tp.name + ': ' + int(tp.customers) + ' customers of ' + seg.name + ' had this event in ' + st.name +
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
        'Customers of ' + seg.name + ' with at least one event in ' + st.name + ', and their share of the segment\'s ' + int(seg.customers) + ' customers');
    row('Funnel', int(st.funnel_level),
        'Customers of ' + seg.name + ' who went through every stage up to ' + st.name + ' in order' + (seg.funnel.window_s ? ', within the conversion window' : '') + ' (closed funnel)');
    if (k > 0) {
      row('Conversion', pct(st.conversion_from_previous),
          'Of the customers at the previous funnel step, the share who also reached ' + st.name + ' (closed funnel)');
      row('Drop-off', pct(st.drop_off),
          'Of the customers at the previous funnel step, the share who did not reach ' + st.name, st.drop_off !== null && st.drop_off >= 0.5);
      var t = st.time_from_previous_s;
      row('Time, median', t.count ? dur(t.p50) : '—',
          'Median time from the first event of the previous stage to the next event in ' + st.name + ', over ' + int(t.count) + ' customers');
      row('Time, p90', t.count ? dur(t.p90) : '—',
          '90% of those ' + int(t.count) + ' customers took at most this long');
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

  // ---------- flows ----------
  function flows() {
    var host = document.getElementById('flows');
    host.textContent = '';
    shown().forEach(function (s) {
      var panel = add(host, el('div', 'panel'));
      var h = add(panel, el('h3'));
      if (shown().length > 1) add(h, segTag(s));
      h.appendChild(document.createTextNode('Stage to stage'));
      shapeKpis(panel, s.seg);
      var sdiv = add(panel, el('div', 'chart sankey-chart'));
      sankey(sdiv, s.seg);
      add(panel, el('h3', null, 'Going back: loops to an earlier stage'));
      var ldiv = add(panel, el('div', 'chart small loops-chart'));
      loops(ldiv, s.seg);
    });
  }

  function shapeKpis(panel, seg) {
    var sh = seg.shape, box = add(panel, el('div', 'shape'));
    function kpi(label, n, help) {
      var k = add(box, el('div', 'kpi', null, help));
      add(k, el('b', null, pct(share(n, sh.journeys), 0)));
      k.appendChild(document.createTextNode(label + ' (' + int(n) + ')'));
    }
    kpi('linear', sh.linear, 'Journeys (customers with a mapped event) that never went back and never skipped a stage, of ' + int(sh.journeys));
    kpi('looping', sh.backward, 'Journeys with at least one move back to an earlier stage, of ' + int(sh.journeys));
    kpi('skipping', sh.skip, 'Journeys with at least one move forward over one or more stages, of ' + int(sh.journeys) + '. A journey can loop and skip.');
  }

  function stageIndex(seg) {
    var idx = { '(start)': -1, '(end)': seg.stages.length };
    seg.stages.forEach(function (st, i) { idx[st.id] = i; });
    return idx;
  }

  function sankey(div, seg) {
    var idx = stageIndex(seg), n = seg.stages.length;
    var used = {}, links = [];
    seg.stage_transitions.forEach(function (t) {
      if (!(t.from in idx) || !(t.to in idx)) return;
      var a = idx[t.from], b = idx[t.to];
      if (b <= a) return;  // loops go to the loop chart
      var kind = t.from === '(start)' ? 'entry' : t.to === '(end)' ? 'exit' : (b > a + 1 ? 'skip' : 'forward');
      var color = kind === 'skip' ? C.orange : kind === 'exit' ? C.grey : kind === 'entry' ? C.sky : C.blue;
      used[t.from] = used[t.to] = true;
      links.push({ source: 'n:' + t.from, target: 'n:' + t.to, value: t.count, kind: kind, from: t.from, to: t.to,
        lineStyle: { color: color, opacity: kind === 'exit' ? 0.35 : 0.45 } });
    });
    var ids = ['(start)'].concat(seg.stages.map(function (st) { return st.id; }), ['(end)']);
    var nodes = ids.filter(function (id) { return used[id]; }).map(function (id) {
      var i = idx[id];
      return { name: 'n:' + id, key: id, depth: i + 1,
        itemStyle: { color: id === '(start)' ? C.sky : id === '(end)' ? C.grey : C.blue } };
    });
    var c = newChart(div);
    if (!links.length) { c.setOption({ title: { text: 'No stage transitions', left: 'center', top: 'middle', textStyle: { color: C.grey, fontSize: 13 } } }); return; }
    c.setOption({
      animation: false,
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          if (p.dataType === 'edge') {
            var d = p.data, what = { entry: 'first stage of the journey', exit: 'last stage before the journey ended', skip: 'skip: jumped over ' + (idx[d.to] - idx[d.from] - 1) + ' stage(s)', forward: 'next stage' }[d.kind];
            return '<div class="tt-title">' + esc(stageLabel(d.from)) + ' → ' + esc(stageLabel(d.to)) + '</div>' +
              '<b>' + esc(int(d.value)) + '</b> moves (' + esc(what) + ')' +
              '<div class="tt-note">Counts every move between consecutive stages of a journey (repeats of a stage collapsed), over the ' + esc(int(seg.shape.journeys)) + ' journeys of ' + esc(seg.name) + '.</div>';
          }
          var id = p.data.key;
          return '<div class="tt-title">' + esc(stageLabel(id)) + '</div>' + esc(int(p.value)) + ' moves through this point';
        }
      }),
      series: [{
        type: 'sankey',
        left: 8, right: 110, top: 10, bottom: 10,
        nodeWidth: 14, nodeGap: 14,
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        label: { color: C.ink, fontSize: 12, formatter: function (p) { return stageLabel(p.data.key); } },
        data: nodes,
        links: links
      }]
    });
  }

  function loops(div, seg) {
    var idx = stageIndex(seg), n = seg.stages.length;
    var back = seg.stage_transitions.filter(function (t) {
      return (t.from in idx) && (t.to in idx) && t.from !== '(start)' && t.to !== '(end)' && idx[t.to] < idx[t.from];
    });
    var c = newChart(div);
    if (!back.length) {
      c.setOption({ title: { text: 'No customer went back to an earlier stage', left: 'center', top: 'middle', textStyle: { color: C.grey, fontSize: 13, fontWeight: 'normal' } } });
      return;
    }
    var max = Math.max.apply(null, back.map(function (t) { return t.count; }));
    var nodes = seg.stages.map(function (st, i) {
      return { name: 's:' + st.id, key: st.id, x: i * 100, y: 10, symbolSize: 12,
        itemStyle: { color: C.blue }, label: { show: true, position: 'top', formatter: function () { return st.name; }, color: C.ink, fontWeight: 'bold' } };
    });
    // Invisible corners: the graph fits its points to the box, so give it height.
    nodes.push({ name: '#top', x: 0, y: 0, symbolSize: 0, label: { show: false }, tooltip: { show: false } });
    nodes.push({ name: '#bottom', x: (n - 1) * 100, y: 100, symbolSize: 0, label: { show: false }, tooltip: { show: false } });
    var edges = back.map(function (t) {
      var span = idx[t.from] - idx[t.to];
      return { source: 's:' + t.from, target: 's:' + t.to, value: t.count, from: t.from, to: t.to,
        lineStyle: { width: 1.5 + 8 * t.count / max, curveness: Math.min(0.9, 0.35 + 0.12 * span), color: C.purple, opacity: 0.8 },
        label: { show: true, formatter: function () { return int(t.count); }, color: C.ink, fontSize: 11 } };
    });
    c.setOption({
      animation: false,
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'item',
        formatter: function (p) {
          if (p.dataType === 'edge')
            return '<div class="tt-title">' + esc(stageLabel(p.data.from)) + ' → back to ' + esc(stageLabel(p.data.to)) + '</div>' +
              '<b>' + esc(int(p.data.value)) + '</b> moves back' +
              '<div class="tt-note">A customer left ' + esc(stageLabel(p.data.from)) + ' for an earlier stage; counted over the journeys of ' + esc(seg.name) + '.</div>';
          return p.data.key ? esc(stageLabel(p.data.key)) : '';
        }
      }),
      series: [{
        type: 'graph', layout: 'none', roam: false,
        left: 60, right: 60, top: 24, bottom: 10,
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 9,
        data: nodes, links: edges
      }]
    });
  }

  // ---------- funnel ----------
  function funnels() {
    var host = document.getElementById('funnels');
    host.textContent = '';
    var windowed = DATA.window_s !== null && DATA.window_s !== undefined;
    document.getElementById('funnel-note').textContent =
      'Closed funnel: customers who went through the stages in order from the first one. Open funnel: the same, but a customer may enter at any stage. ' +
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
      yAxis: { type: 'value', name: 'customers', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          if (!ps.length) return '';
          var k = ps[0].dataIndex;
          var out = '<div class="tt-title">' + esc(names[k]) + ' · ' + esc(seg.name) + '</div>';
          ps.forEach(function (p) {
            var d = defs[p.seriesIndex], prev = k > 0 ? d[1][k - 1] : null;
            out += esc(d[0]) + ': <b>' + esc(int(p.value)) + '</b> (' + esc(pct(share(p.value, seg.customers))) + ' of customers' +
              (prev ? ', ' + esc(pct(share(p.value, prev))) + ' of the step before' : '') + ')<br>';
          });
          return out + '<div class="tt-note">Customers counted at this step of the funnel, of the ' + esc(int(seg.customers)) + ' customers of ' + esc(seg.name) + '.</div>';
        }
      }),
      series: defs.map(function (d) {
        return { name: d[0], type: 'bar', data: (d[1] || []).slice(), barGap: '5%', barCategoryGap: '25%' };
      })
    });
  }

  // ---------- shared bits of the analysis sections ----------
  function setVisible(id, visible) {
    document.getElementById(id).style.display = visible ? '' : 'none';
  }
  function segPanel(host, s, title, extraClass) {
    var panel = add(host, el('div', 'panel' + (extraClass ? ' ' + extraClass : '')));
    var h = add(panel, el('h3'));
    if (shown().length > 1) add(h, segTag(s));
    h.appendChild(document.createTextNode(title));
    return panel;
  }
  function ci(i, digits) {
    if (!i) return '';
    return pct(i[0], digits === undefined ? 0 : digits) + '–' + pct(i[1], digits === undefined ? 0 : digits);
  }
  function num(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return '—';
    return Number(v).toLocaleString('en-US', { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
  }
  function dataTable(parent, cls, heads) {
    var t = add(parent, el('table', 'paths ' + cls));
    var hr = add(add(t, el('thead')), el('tr'));
    heads.forEach(function (h) { add(hr, el('th', h[2] ? 'num' : null, h[0], h[1])); });
    return add(t, el('tbody'));
  }
  function cell(tr, text, title, cls) { return add(tr, el('td', cls || null, text, title)); }
  function segName(id) {
    if (id === 'rest') return 'everyone else';
    for (var i = 0; i < SEGS.length; i++) if (SEGS[i].id === id) return SEGS[i].name;
    return id;
  }
  function barrierRows(seg) {
    return ((seg.barriers || {}).by_count || []).filter(function (r) { return r.customers > 0; });
  }

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
      return { kind: 'none', word: 'Cannot tell', text: ': too few customers met one and two barriers.', help: how };
    var a = pct(one.rate, 0) + ' (' + ci(one.rate_ci) + ') after one barrier';
    var b = pct(two.rate, 0) + ' (' + ci(two.rate_ci) + ') after two';
    if (two.rate_ci[1] < one.rate_ci[0])
      return { kind: 'yes', word: 'Yes', text: ': ' + b + ' against ' + a + '; the intervals do not overlap.', help: how };
    if (two.rate_ci[0] > one.rate_ci[1])
      return { kind: 'no', word: 'No', text: ': customers converted more after two barriers, ' + b + ' against ' + a + '.', help: how };
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
        add(right, el('h3', 'sub-h', 'Each barrier against comparable customers'));
        barrierTable(right, s.seg, items);
      }
    });
  }

  function barrierChart(div, s) {
    var seg = s.seg, rows = barrierRows(seg);
    var cats = rows.map(function (r) {
      return (COUNT_LABEL[Math.min(3, r.barriers)] || String(r.barriers)) + '\n' + int(r.customers) + ' customers';
    });
    var tip = function (r) {
      return '<div class="tt-title">' + esc(COUNT_LABEL[Math.min(3, r.barriers)]) + ' · ' + esc(seg.name) + '</div>' +
        '<b>' + esc(pct(r.rate, 1)) + '</b> converted: ' + esc(int(r.converted)) + ' of ' + esc(int(r.customers)) + ' customers' +
        '<br>95% interval ' + esc(ci(r.rate_ci, 1)) +
        '<div class="tt-note">Customers by the number of different barriers they met before converting (or, if they never converted, over their whole journey). ' +
        'The whisker is the 95% Wilson interval of the rate: with this many customers the true rate is very likely inside it.</div>';
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
      ['Met', 'Customers of ' + seg.name + ' who met this barrier', true],
      ['Converted', 'Of those, the share who converted after meeting it, with the 95% interval', true],
      ['Comparable', 'Conversion of comparable customers: those who reached the barrier\'s stage without meeting it', true],
      ['Lost right after', 'Customers who never converted and whose last mapped event is this barrier', true],
      ['Mean score around', 'Mean satisfaction score of the scored events around meeting the barrier (n = scores)', true]
    ]);
    items.forEach(function (it) {
      var tr = add(tb, el('tr'));
      var name = it.name || it.id;
      var td = cell(tr, null, (it.note ? it.note + ' · ' : '') + 'Stage: ' + stageLabel(it.stage));
      add(td, el('span', 'strong', name));
      add(td, el('span', 'sub', stageLabel(it.stage)));
      cell(tr, int(it.customers), int(it.customers) + ' customers met ' + name, 'num');
      var gap = it.rate !== null && it.comparable_rate !== null ? it.rate - it.comparable_rate : null;
      var conv = cell(tr, pct(it.rate, 0), int(it.converted) + ' of ' + int(it.customers) + ' converted after meeting ' + name +
        '; 95% interval ' + ci(it.rate_ci, 1), 'num' + (gap !== null && gap < 0 ? ' bad' : ''));
      if (it.rate !== null) add(conv, el('span', 'sub', ci(it.rate_ci)));
      var cmp = cell(tr, pct(it.comparable_rate, 0), int(it.comparable_converted) + ' of ' + int(it.comparable_customers) +
        ' comparable customers converted (reached ' + stageLabel(it.stage) + ' without meeting ' + name + ')', 'num');
      if (gap !== null) add(cmp, el('span', 'sub', (gap >= 0 ? '+' : '−') + Math.abs(Math.round(gap * 100)) + ' pts'));
      cell(tr, int(it.lost_after) + (it.customers ? ' · ' + pct(share(it.lost_after, it.customers), 0) : ''),
        int(it.lost_after) + ' of the ' + int(it.customers) + ' customers who met ' + name + ' never converted and were last seen there', 'num');
      cell(tr, it.mean_score_around === null ? '—' : it.mean_score_around.toFixed(2) + ' (n=' + int(it.scores_around) + ')',
        'Mean of ' + int(it.scores_around) + ' scores given around meeting ' + name, 'num');
    });
  }

  // ---------- what to fix first ----------
  function fixFirst() {
    var host = document.getElementById('fix');
    host.textContent = '';
    var list = shown().filter(function (s) { return (s.seg.opportunities || []).length > 0; });
    setVisible('fix-section', list.length > 0);
    list.forEach(function (s) {
      var panel = segPanel(host, s, 'Ranked opportunities', 'wide');
      var row = add(panel, el('div', 'side-by-side'));
      var left = add(row, el('div', 'grow'));
      var opps = s.seg.opportunities.slice().sort(function (a, b) { return a.rank - b.rank; });
      var maxGain = Math.max.apply(null, opps.map(function (o) { return o.gain_per_cost || 0; }));
      var per = maxGain > 0 && maxGain < 0.1 ? 1000 : 1;
      var perText = per === 1 ? 'per unit of cost' : 'per 1,000 of cost';
      var tb = dataTable(left, 'opportunity-table', [
        ['#', 'Rank: 1 is the best gain per unit of cost', true],
        ['Barrier', 'The barrier to remove'],
        ['Fix cost', 'The cost of removing it, as written in the journey spec (any currency unit)', true],
        ['Extra conversions', 'Estimated extra conversions if the barrier were removed, with the 95% interval', true],
        ['Extra value', 'Estimated extra revenue (value column) if the barrier were removed', true],
        ['Gain ' + perText, 'Extra conversions ' + perText + ': what decides the rank', true]
      ]);
      opps.forEach(function (o) {
        var tr = add(tb, el('tr'));
        var name = o.barrier_name || o.barrier_id;
        cell(tr, String(o.rank), 'Fix ' + (o.rank === 1 ? 'first' : 'in place ' + o.rank), 'num rank');
        cell(tr, name, name, 'strong');
        cell(tr, num(o.fix_cost), 'Cost of removing ' + name + ', from the spec', 'num');
        var ex = cell(tr, num(o.extra_conversions, 1), 'About ' + num(o.extra_conversions, 1) + ' more customers would convert; 95% interval ' +
          num(o.extra_conversions_ci[0], 1) + ' to ' + num(o.extra_conversions_ci[1], 1), 'num');
        add(ex, el('span', 'sub', num(o.extra_conversions_ci[0], 1) + '–' + num(o.extra_conversions_ci[1], 1)));
        cell(tr, num(o.extra_value), 'Extra revenue: the extra conversions times the value they bring', 'num');
        var g = cell(tr, num(o.gain_per_cost * per, 2), num(o.gain_per_cost * per, 3) + ' extra conversions ' + perText + ' of removing ' + name, 'num');
        var bar = add(g, el('span', 'rate-bar'));
        bar.style.width = Math.round(40 * (maxGain > 0 ? o.gain_per_cost / maxGain : 0)) + 'px';
      });
      var methods = [];
      opps.forEach(function (o) { if (o.method && methods.indexOf(o.method) < 0) methods.push(o.method); });
      if (methods.length) {
        var aside = add(row, el('aside', 'method', null, 'How the extra conversions were estimated'));
        add(aside, el('b', null, 'How this is estimated'));
        methods.forEach(function (m) { add(aside, el('p', null, m)); });
      }
    });
  }

  // ---------- attribution ----------
  var MODELS = [
    ['first_touch', 'First touch', C.blue, 'All credit to the first touchpoint of a converting journey'],
    ['last_touch', 'Last touch', C.orange, 'All credit to the last touchpoint before the conversion'],
    ['linear', 'Linear', C.green, 'Credit shared equally by every touchpoint of the journey'],
    ['position_based', 'Position-based', C.vermillion, '40% to the first, 40% to the last, 20% shared by those between'],
    ['time_decay', 'Time decay', C.purple, 'More credit to touchpoints close in time to the conversion (half-life from the spec)'],
    ['markov', 'Markov (removal effect)', C.sky, 'How much conversion would fall if this touchpoint were removed from the fitted transition graph, normalised over all']
  ];
  var attrKind = 'touchpoint';
  var ATTR_TOP = 12;

  function attrNames(a, kind) {
    var models = a[kind] || {}, best = {};
    MODELS.forEach(function (m) {
      var conv = models[m[0]] || {};
      Object.keys(conv).forEach(function (k) { best[k] = Math.max(best[k] || 0, conv[k] || 0); });
    });
    return Object.keys(best).sort(function (x, y) { return best[y] - best[x] || (x < y ? -1 : 1); });
  }

  function attribution() {
    var host = document.getElementById('attribution');
    host.textContent = '';
    var any = function (kind) { return shown().some(function (s) { return attrNames(s.seg.attribution || {}, kind).length > 0; }); };
    var hasTp = any('touchpoint'), hasCh = any('channel');
    setVisible('attribution-section', hasTp || hasCh);
    if (!hasTp && !hasCh) return;
    if (attrKind === 'touchpoint' && !hasTp) attrKind = 'channel';
    if (attrKind === 'channel' && !hasCh) attrKind = 'touchpoint';
    var toggle = document.getElementById('attribution-toggle');
    toggle.style.display = hasTp && hasCh ? '' : 'none';
    Array.prototype.forEach.call(toggle.querySelectorAll('button'), function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-kind') === attrKind ? 'true' : 'false');
    });
    var a0 = shown()[0].seg.attribution || {};
    document.getElementById('attribution-note').textContent =
      'Conversions credited to each ' + (attrKind === 'touchpoint' ? 'touchpoint' : 'channel') + ' by six models. ' +
      'Where the models agree the credit is safe; where they disagree it depends on the model. Hover a bar for the model\'s definition. ' +
      (a0.converting_paths !== undefined ? int(a0.converting_paths) + ' converting and ' + int(a0.non_converting_paths) + ' non-converting journeys; Markov chain of order ' + (a0.markov_order || 1) + '.' : '');
    shown().forEach(function (s) {
      var names = attrNames(s.seg.attribution || {}, attrKind);
      if (!names.length) return;
      var panel = segPanel(host, s, 'Conversions credited, by model', 'wide');
      if (names.length > ATTR_TOP)
        add(panel, el('p', 'muted small', 'The ' + ATTR_TOP + ' ' + attrKind + 's with the most credit in any model; ' + (names.length - ATTR_TOP) + ' more not shown.'));
      var div = add(panel, el('div', 'chart attribution-chart'));
      attributionChart(div, s.seg, names.slice(0, ATTR_TOP));
    });
  }

  function attributionChart(div, seg, names) {
    var a = seg.attribution, models = a[attrKind] || {};
    var present = MODELS.filter(function (m) { return models[m[0]]; });
    var c = newChart(div);
    c.setOption({
      animation: false,
      color: present.map(function (m) { return m[2]; }),
      legend: { top: 0, textStyle: { fontSize: 11 }, tooltip: { show: true, formatter: function (p) {
        var m = present.filter(function (x) { return x[1] === p.name; })[0];
        return m ? esc(m[3]) : '';
      } } },
      grid: { left: 50, right: 10, top: 40, bottom: names.length > 6 ? 70 : 30 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 25 : 0, fontSize: 11, overflow: 'truncate', width: 110 } },
      yAxis: { type: 'value', name: 'conversions', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          if (!ps.length) return '';
          var name = names[ps[0].dataIndex];
          var out = '<div class="tt-title">' + esc(name) + ' · ' + esc(seg.name) + '</div>';
          ps.forEach(function (p) {
            var m = present[p.seriesIndex], val = ((a[attrKind + '_value'] || {})[m[0]] || {})[name];
            out += '<span style="color:' + m[2] + '">■</span> ' + esc(m[1]) + ': <b>' + esc(num(p.value, 1)) + '</b> conversions (' +
              esc(pct(share(p.value, a.total_conversions), 1)) + ')' + (val ? ', value ' + esc(num(val)) : '') + '<br>';
          });
          return out + '<div class="tt-note">Of ' + esc(num(a.total_conversions)) + ' conversions of ' + esc(seg.name) + '. ' +
            present.map(function (m) { return esc(m[1]) + ': ' + esc(m[3]) + '.'; }).join(' ') + '</div>';
        }
      }),
      series: present.map(function (m) {
        var conv = models[m[0]] || {};
        return { name: m[1], type: 'bar', barGap: '5%', barCategoryGap: '22%',
          data: names.map(function (n) { return conv[n] || 0; }) };
      })
    });
  }

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
      if (!r.buyers) add(box, el('div', 'kpi', 'No buyers yet', 'No customer of ' + s.seg.name + ' converted'));
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
    var tb = dataTable(host, 'comparison-table', [
      ['Persona', 'The persona whose conversion is compared'],
      ['Conversion', 'Converted customers of the persona, of its customers', true],
      ['Against', 'The other persona, or everyone else (all customers not in the persona)'],
      ['Their conversion', 'Converted customers of the other group, of its customers', true],
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

  // ---------- paths ----------
  function paths() {
    var host = document.getElementById('paths');
    host.textContent = '';
    shown().forEach(function (s) {
      [['Stage variants', s.seg.stage_variants, true], ['Touchpoint paths', s.seg.touchpoint_paths, false]].forEach(function (d) {
        var panel = add(host, el('div', 'panel'));
        var h = add(panel, el('h3'));
        if (shown().length > 1) add(h, segTag(s));
        h.appendChild(document.createTextNode(d[0]));
        pathTable(panel, s.seg, d[1], d[2]);
      });
    });
  }

  function pathTable(panel, seg, rows, isStage) {
    if (!rows.length) { add(panel, el('p', 'muted', 'No paths.')); return; }
    var t = add(panel, el('table', 'paths'));
    var hr = add(add(t, el('thead')), el('tr'));
    add(hr, el('th', null, isStage ? 'Stages in order' : 'Touchpoints in order',
      isStage ? 'The sequence of stages of a journey, repeats of a stage collapsed' : 'The sequence of events of a journey, repeats of the same event collapsed'));
    add(hr, el('th', 'num', 'Customers', 'Customers of ' + seg.name + ' whose journey followed exactly this path (share of journeys)'));
    add(hr, el('th', 'num', 'Converted', 'Of those customers, the share with a conversion event'));
    var tb = add(t, el('tbody'));
    rows.slice(0, 10).forEach(function (r) {
      var tr = add(tb, el('tr'));
      var td = add(tr, el('td', 'steps'));
      r.steps.forEach(function (step, i) {
        if (i) add(td, el('span', 'arrow', '→'));
        add(td, el('span', null, isStage ? stageLabel(step) : step));
      });
      var sh = share(r.customers, seg.shape.journeys);
      add(tr, el('td', 'num', int(r.customers) + ' · ' + pct(sh, sh !== null && sh < 0.1 ? 1 : 0)));
      var rate = share(r.converted, r.customers);
      var c = add(tr, el('td', 'num', pct(rate, 0), int(r.converted) + ' of ' + int(r.customers) + ' converted'));
      var bar = add(c, el('span', 'rate-bar'));
      bar.style.width = Math.round(40 * (rate || 0)) + 'px';
    });
  }

  // ---------- page ----------
  function render() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    legend();
    grid();
    flows();
    funnels();
    barriers();
    fixFirst();
    attribution();
    retention();
    personas();
    pairLine();
    paths();
    document.body.setAttribute('data-segments', shown().map(function (s) { return s.seg.id; }).join(','));
    // Charts are sized when drawn; the panels beside them may have changed the layout since.
    resizeAll();
  }

  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }

  header();
  switcher();
  Array.prototype.forEach.call(document.querySelectorAll('#attribution-toggle button'), function (b) {
    b.addEventListener('click', function () { attrKind = b.getAttribute('data-kind'); render(); });
  });
  render();
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  document.body.setAttribute('data-ready', '1');
})();
