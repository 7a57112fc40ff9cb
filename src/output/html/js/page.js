  // ---------- page ----------
  function render() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    legend();
    personaCards();
    grid();
    whatChanged();
    timelines();
    asIsToBe();
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
  ['asis-a', 'asis-b'].forEach(function (id) {
    document.getElementById(id).addEventListener('change', function () {
      asis.a = Number(document.getElementById('asis-a').value);
      asis.b = id === 'asis-a' ? 'rest' : document.getElementById('asis-b').value;
      render();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('#attribution-toggle button'), function (b) {
    b.addEventListener('click', function () { attrKind = b.getAttribute('data-kind'); render(); });
  });
  render();
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  document.body.setAttribute('data-ready', '1');
})();
