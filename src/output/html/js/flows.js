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
    kpi('linear', sh.linear, 'Journeys (' + UNITS + ' with a mapped event) that never went back and never skipped a stage, of ' + int(sh.journeys));
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
      c.setOption({ title: { text: 'No ' + UNIT + ' went back to an earlier stage', left: 'center', top: 'middle', textStyle: { color: C.grey, fontSize: 13, fontWeight: 'normal' } } });
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
              '<div class="tt-note">A ' + UNIT + ' left ' + esc(stageLabel(p.data.from)) + ' for an earlier stage; counted over the journeys of ' + esc(seg.name) + '.</div>';
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

