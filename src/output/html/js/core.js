// The HTML journey map's script. It reads the map (JSON in #cjm-data) and
// builds the page. Every string from the data or the spec is put into the DOM
// with textContent or as an attribute value, and chart tooltips escape it: no
// data ever reaches innerHTML unescaped.
//
// One file per section of the page (src/output/html/js/), joined in the
// order cmake/embed.cmake gives into one script: this file opens the
// script's function scope, page.js (the last) closes it.
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
  // What one journey is: a customer's whole history, or one visit. Every
  // text about journeys says it in these words.
  var VISITS = DATA.unit === 'visit';
  var UNIT = VISITS ? 'visit' : 'customer';
  var UNITS = VISITS ? 'visits' : 'customers';
  var UNITS_C = VISITS ? 'Visits' : 'Customers';

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

