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

