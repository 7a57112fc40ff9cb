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
        var ex = cell(tr, num(o.extra_conversions, 1), 'About ' + num(o.extra_conversions, 1) + ' more ' + UNITS + ' would convert; 95% interval ' +
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

