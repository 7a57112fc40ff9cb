  // ---------- attribution ----------
  var MODELS = [
    ['first_touch', 'First touch', C.blue, 'All credit to the first touchpoint of a converting journey'],
    ['last_touch', 'Last touch', C.orange, 'All credit to the last touchpoint before the conversion'],
    ['linear', 'Linear', C.green, 'Credit shared equally by every touchpoint of the journey'],
    ['position_based', 'Position-based', C.vermillion, '40% to the first, 40% to the last, 20% shared by those between'],
    ['time_decay', 'Time decay', C.purple, 'More credit to touchpoints close in time to the conversion (half-life from the spec)'],
    ['markov', 'Markov (removal effect)', C.sky, 'How much conversion would fall if this touchpoint were removed from the fitted transition graph, normalised over all']
  ];
  var attrKind = 'touchpoint';
  var ATTR_TOP = 12;

  function attrNames(a, kind) {
    var models = a[kind] || {}, best = {};
    MODELS.forEach(function (m) {
      var conv = models[m[0]] || {};
      Object.keys(conv).forEach(function (k) { best[k] = Math.max(best[k] || 0, conv[k] || 0); });
    });
    return Object.keys(best).sort(function (x, y) { return best[y] - best[x] || (x < y ? -1 : 1); });
  }

  function attribution() {
    var host = document.getElementById('attribution');
    host.textContent = '';
    var any = function (kind) { return shown().some(function (s) { return attrNames(s.seg.attribution || {}, kind).length > 0; }); };
    var hasTp = any('touchpoint'), hasCh = any('channel');
    setVisible('attribution-section', hasTp || hasCh);
    if (!hasTp && !hasCh) return;
    if (attrKind === 'touchpoint' && !hasTp) attrKind = 'channel';
    if (attrKind === 'channel' && !hasCh) attrKind = 'touchpoint';
    var toggle = document.getElementById('attribution-toggle');
    toggle.style.display = hasTp && hasCh ? '' : 'none';
    Array.prototype.forEach.call(toggle.querySelectorAll('button'), function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-kind') === attrKind ? 'true' : 'false');
    });
    var a0 = shown()[0].seg.attribution || {};
    document.getElementById('attribution-note').textContent =
      'Conversions credited to each ' + (attrKind === 'touchpoint' ? 'touchpoint' : 'channel') + ' by six models. ' +
      'Where the models agree the credit is safe; where they disagree it depends on the model. Hover a bar for the model\'s definition. ' +
      (a0.converting_paths !== undefined ? int(a0.converting_paths) + ' converting and ' + int(a0.non_converting_paths) + ' non-converting journeys; Markov chain of order ' + (a0.markov_order || 1) + '.' : '');
    shown().forEach(function (s) {
      var names = attrNames(s.seg.attribution || {}, attrKind);
      if (!names.length) return;
      var panel = segPanel(host, s, 'Conversions credited, by model', 'wide');
      if (names.length > ATTR_TOP)
        add(panel, el('p', 'muted small', 'The ' + ATTR_TOP + ' ' + attrKind + 's with the most credit in any model; ' + (names.length - ATTR_TOP) + ' more not shown.'));
      var div = add(panel, el('div', 'chart attribution-chart'));
      attributionChart(div, s.seg, names.slice(0, ATTR_TOP));
    });
  }

  function attributionChart(div, seg, names) {
    var a = seg.attribution, models = a[attrKind] || {};
    var present = MODELS.filter(function (m) { return models[m[0]]; });
    var c = newChart(div);
    c.setOption({
      animation: false,
      color: present.map(function (m) { return m[2]; }),
      legend: { top: 0, textStyle: { fontSize: 11 }, tooltip: { show: true, formatter: function (p) {
        var m = present.filter(function (x) { return x[1] === p.name; })[0];
        return m ? esc(m[3]) : '';
      } } },
      grid: { left: 50, right: 10, top: 40, bottom: names.length > 6 ? 70 : 30 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 25 : 0, fontSize: 11, overflow: 'truncate', width: 110 } },
      yAxis: { type: 'value', name: 'conversions', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
      tooltip: Object.assign(tooltipBase(), {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (ps) {
          if (!ps.length) return '';
          var name = names[ps[0].dataIndex];
          var out = '<div class="tt-title">' + esc(name) + ' · ' + esc(seg.name) + '</div>';
          ps.forEach(function (p) {
            var m = present[p.seriesIndex], val = ((a[attrKind + '_value'] || {})[m[0]] || {})[name];
            out += '<span style="color:' + m[2] + '">■</span> ' + esc(m[1]) + ': <b>' + esc(num(p.value, 1)) + '</b> conversions (' +
              esc(pct(share(p.value, a.total_conversions), 1)) + ')' + (val ? ', value ' + esc(num(val)) : '') + '<br>';
          });
          return out + '<div class="tt-note">Of ' + esc(num(a.total_conversions)) + ' conversions of ' + esc(seg.name) + '. ' +
            present.map(function (m) { return esc(m[1]) + ': ' + esc(m[3]) + '.'; }).join(' ') + '</div>';
        }
      }),
      series: present.map(function (m) {
        var conv = models[m[0]] || {};
        return { name: m[1], type: 'bar', barGap: '5%', barCategoryGap: '22%',
          data: names.map(function (n) { return conv[n] || 0; }) };
      })
    });
  }

