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
    add(hr, el('th', 'num', UNITS_C, UNITS_C + ' of ' + seg.name + ' whose journey followed exactly this path (share of journeys)'));
    add(hr, el('th', 'num', 'Converted', 'Of those ' + UNITS + ', the share with a conversion event'));
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

