  // ---------- persona cards (cjm personas) ----------
  // A persona found by `cjm personas` carries its card: who the group is,
  // shown under the switcher for every shown segment that has one.
  function cardTitle(c) {
    return 'Found by cjm personas: ' + int(c.customers) + ' customers who behave alike (k-means on their stage reach, touchpoint and channel mix, visits, time to convert and barriers)';
  }
  function traitValue(feature, v) {
    if (feature === 'visits') return (Math.expm1(v)).toFixed(1) + ' visits';
    if (feature === 'days_to_convert') return (Math.expm1(v)).toFixed(1) + ' days';
    return pct(v);
  }
  function personaCards() {
    var host = document.getElementById('persona-cards');
    host.textContent = '';
    var all = SEGS[0] || { converted: 0, customers: 0 };
    var list = shown().filter(function (s) { return s.seg.card; });
    host.style.display = list.length ? '' : 'none';
    list.forEach(function (s) {
      var c = s.seg.card;
      var box = add(host, el('div', 'persona-card', null, cardTitle(c)));
      box.style.borderColor = s.color;
      add(box, el('h3', null, c.name));
      var facts = add(box, el('p', 'card-facts'));
      facts.appendChild(document.createTextNode(c.id + ' · '));
      add(facts, el('b', null, int(c.customers)));
      facts.appendChild(document.createTextNode(' customers (' + pct(c.share) + ') · conversion '));
      add(facts, el('b', null, pct(c.conversion)));
      facts.appendChild(document.createTextNode(' (everyone ' + pct(share(all.converted, all.customers)) + ')'));
      var dl = add(box, el('dl'));
      function row(term, text, title) {
        add(dl, el('dt', null, term));
        add(dl, el('dd', null, text, title));
      }
      var path = c.typical_path || { stages: [], share: 0 };
      row('Typical path', (path.stages.length ? path.stages.join(' → ') : '(no stage)') + ' (' + pct(path.share) + ' of them)',
          'The most common stage path of the group (repeats collapsed) and the share of its customers who took it');
      row('Lost most at', c.lost_at ? c.lost_at.name + ' (' + pct(c.lost_at.share) + ' of them)' : 'none lost',
          'The furthest stage of most of the group\'s customers who never converted');
      row('Behaviour', (c.traits || []).map(function (t) {
        return t.words + ' (' + traitValue(t.feature, t.mean) + ' vs ' + traitValue(t.feature, t.overall) + ')';
      }).join('; ') || 'like everyone', 'Features where the group\'s mean lies at least half a standard deviation from everyone\'s');
      row('Sets it apart', (c.attributes || []).map(function (a) {
        return a.column + ' ' + a.value + ': ' + pct(a.share) + ' (everyone ' + pct(a.overall) + ')';
      }).join('; ') || 'no attribute stands out', 'Attribute values at least 1.25 times as common in the group as in everyone (and held by at least 20% of it)');
    });
  }

