  // ---------- header ----------
  function header() {
    document.getElementById('title').textContent = DATA.title || 'Journey map';
    document.getElementById('description').textContent = DATA.description || '';
    Array.prototype.forEach.call(document.querySelectorAll('.units'), function (e) { e.textContent = UNITS; });
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
    if (DATA.visits !== null && DATA.visits !== undefined)
      fact('Visits', int(DATA.visits), 'Visits: a new one when the session id changes or after a pause longer than the session gap' +
        (VISITS ? '. Every figure of this map counts visits.' : ''));
    fact('Converted', int(all.converted) + ' (' + pct(share(all.converted, all.customers)) + ')',
         UNITS_C + ' with at least one conversion event, of all ' + UNITS);
    if (DATA.window_s !== null && DATA.window_s !== undefined)
      fact('Conversion window', dur(DATA.window_s), 'Funnels count a ' + UNIT + ' only if it went from the first to the last step within this time (windowFunnel semantics)');
    if (DATA.unmapped_events > 0)
      fact('Unmapped events', int(DATA.unmapped_events),
           'Events whose name matches no stage: ' + (DATA.unmapped_names || []).slice(0, 10).join(', '));
    document.getElementById('footer').textContent =
      'Made with cjm from the event log and the journey spec. Every figure is measured; texts in the goal, actions, thinking, feeling and opportunity lanes come from the spec. ' +
      'Definitions of every figure: docs/analyses.md.';
  }

  // Whose journey the map shows: everyone or a persona ("Show"), over all
  // dates or in one period ("Period"); a period's map is that of all its
  // journeys. "Compare with" puts any segment beside it.
  function switcher() {
    var a = document.getElementById('seg-a'), p = document.getElementById('seg-period'), b = document.getElementById('seg-b');
    a.textContent = ''; p.textContent = ''; b.textContent = '';
    var none = add(b, el('option', null, '— nobody —')); none.value = '-1';
    var allDates = add(p, el('option', null, 'All dates')); allDates.value = 'all';
    var groups = { persona: null, period: null };
    SEGS.forEach(function (s, i) {
      var label = s.name + ' (' + int(s.customers) + ')';
      var when = s.kind === 'period' ? s.name + ', ' + dateRange(s.from, s.to) + ' (' + int(s.customers) + ')' : label;
      var o = add(s.kind === 'period' ? p : a, el('option', null, s.kind === 'period' ? when : label)); o.value = String(i);
      var host = b;
      if (s.kind === 'persona' || s.kind === 'period') {
        if (!groups[s.kind]) { groups[s.kind] = add(b, el('optgroup')); groups[s.kind].label = s.kind === 'period' ? 'Periods' : 'Personas'; }
        host = groups[s.kind];
      }
      var o2 = add(host, el('option', null, s.kind === 'period' ? when : label)); o2.value = String(i);
    });
    var hasPersonas = SEGS.some(function (s) { return s.kind === 'persona'; });
    var hasPeriods = SEGS.some(function (s) { return s.kind === 'period'; });
    a.parentNode.style.display = hasPersonas || !hasPeriods ? '' : 'none';
    p.parentNode.style.display = hasPeriods ? '' : 'none';
    if (SEGS.length < 2) document.getElementById('switcher').style.display = 'none';
    function sync() {
      var period = SEGS[state.a] && SEGS[state.a].kind === 'period';
      a.value = period ? '0' : String(state.a);
      p.value = period ? String(state.a) : 'all';
      b.value = String(state.b);
    }
    sync();
    a.addEventListener('change', function () { state.a = Number(a.value); sync(); render(); });
    p.addEventListener('change', function () { state.a = p.value === 'all' ? Number(a.value) : Number(p.value); sync(); render(); });
    b.addEventListener('change', function () { state.b = Number(b.value); render(); });
  }

  function legend() {
    var lg = document.getElementById('legend');
    lg.textContent = '';
    shown().forEach(function (s) {
      var c = add(lg, el('span', 'chip'));
      var sw = add(c, el('span', 'swatch')); sw.style.background = s.color;
      c.appendChild(document.createTextNode(s.seg.name + (s.seg.kind === 'period' ? ' (' + dateRange(s.seg.from, s.seg.to) + ')' : '') +
        ': ' + int(s.seg.customers) + ' ' + UNITS + ', ' +
        int(s.seg.events) + ' events, ' + pct(share(s.seg.converted, s.seg.customers)) + ' converted'));
    });
  }

