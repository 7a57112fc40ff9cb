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

