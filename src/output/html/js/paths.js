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
      if (s.seg.paths_between) questionPanel(host, s, pathsBetweenTitle(s.seg.paths_between),
        pathsBetweenNote(s.seg.paths_between), s.seg.paths_between.paths);
      var last = s.seg.last_steps;
      if (last && last.paths.length) questionPanel(host, s, 'Last steps before leaving',
        'The last ' + last.steps + ' steps of the ' + int(last.journeys) + ' ' + UNITS +
        (VISITS ? ' that' : ' who') + ' did not convert (repeats collapsed).', last.paths);
    });
  }

  // A label's blocks ("a ⇄ b ×4 → c ×2–3"), each step shown by `name`: a
  // count after a loop is its moves, after a step its repeats in a row.
  function labelSpans(td, label, name) {
    var inLoop = false;
    label.split(/( → | ⇄ | ×\d+(?:–\d+)?\+?)/).forEach(function (part) {
      if (!part) return;
      if (part === ' → ') { inLoop = false; add(td, el('span', 'arrow', '→')); }
      else if (part === ' ⇄ ') { inLoop = true; add(td, el('span', 'loop', '⇄', 'back and forth between the two')); }
      else if (/^ ×\d/.test(part)) {
        if (inLoop) add(td, el('span', 'loop-count', part.trim(), 'moves back and forth'));
        else add(td, el('span', 'repeat-count', part.trim(), part.indexOf('–') >= 0
          ? 'repeated in a row: from ' + part.trim().slice(1).replace('–', ' to ') + ' times, depending on the journey'
          : 'repeated ' + part.trim().slice(1) + ' times in a row'));
      }
      else add(td, el('span', null, name(part)));
    });
  }

  function pathsBetweenTitle(q) { return 'Paths from ' + q.from + ' to ' + q.to; }
  function pathsBetweenNote(q) {
    var t = int(q.with_path) + ' of ' + int(q.with_from) + ' ' + UNITS + ' with ' + q.from + ' (' +
      pct(q.with_path_share, 0) + ') went on to ' + q.to;
    if (q.time_s && q.time_s.count > 0) t += ', median ' + dur(q.time_s.p50) + ' later';
    return t + '.';
  }

  function questionPanel(host, s, title, note, rows) {
    var panel = add(host, el('div', 'panel'));
    var h = add(panel, el('h3'));
    if (shown().length > 1) add(h, segTag(s));
    h.appendChild(document.createTextNode(title));
    add(panel, el('p', 'muted', note));
    if (!rows.length) { add(panel, el('p', 'muted', 'No paths.')); return; }
    var t = add(panel, el('table', 'paths'));
    var hr = add(add(t, el('thead')), el('tr'));
    add(hr, el('th', null, 'Touchpoints in order', 'Repeats of the same event collapsed; loops folded as a ⇄ b ×moves'));
    add(hr, el('th', 'num', UNITS_C, 'How many ' + UNITS + ' took this path (share)'));
    var tb = add(t, el('tbody'));
    rows.slice(0, 10).forEach(function (r) {
      var tr = add(tb, el('tr'));
      labelSpans(add(tr, el('td', 'steps')), r.label, function (x) { return x; });
      add(tr, el('td', 'num', int(r.journeys) + ' · ' + pct(r.share, r.share !== null && r.share < 0.1 ? 1 : 0)));
    });
  }

  function pathTable(panel, seg, rows, isStage) {
    if (!rows.length) { add(panel, el('p', 'muted', 'No paths.')); return; }
    var t = add(panel, el('table', 'paths'));
    var hr = add(add(t, el('thead')), el('tr'));
    add(hr, el('th', null, isStage ? 'Stages in order' : 'Touchpoints in order',
      isStage ? 'The sequence of stages of a journey, repeats of a stage collapsed: ×n after a stage is how many events it had in a row (a range when the journeys differ); a ⇄ b ×n is a loop of n moves' : 'The sequence of events of a journey, repeats of the same event collapsed: ×n after an event is how often it came in a row (a range when the journeys differ); a ⇄ b ×n is a loop of n moves'));
    add(hr, el('th', 'num', UNITS_C, UNITS_C + ' of ' + seg.name + ' whose journey followed exactly this path (share of journeys)'));
    add(hr, el('th', 'num', 'Converted', 'Of those ' + UNITS + ', the share with a conversion event'));
    var tb = add(t, el('tbody'));
    rows.slice(0, 10).forEach(function (r) {
      var tr = add(tb, el('tr'));
      var td = add(tr, el('td', 'steps'));
      labelSpans(td, r.label, isStage ? stageLabel : function (x) { return x; });
      var sh = share(r.customers, seg.shape.journeys);
      add(tr, el('td', 'num', int(r.customers) + ' · ' + pct(sh, sh !== null && sh < 0.1 ? 1 : 0)));
      var rate = share(r.converted, r.customers);
      var c = add(tr, el('td', 'num', pct(rate, 0), int(r.converted) + ' of ' + int(r.customers) + ' converted'));
      var bar = add(c, el('span', 'rate-bar'));
      bar.style.width = Math.round(40 * (rate || 0)) + 'px';
    });
  }

