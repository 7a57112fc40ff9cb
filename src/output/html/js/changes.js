  // ---------- what changed ----------
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  // 'YYYY-MM-DD' as [year, month index, day], or null.
  function ymd(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ''));
    return m ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])] : null;
  }
  // An inclusive range of ISO dates in words: "7–27 April 2025",
  // "28 March – 3 April 2025", "30 December 2024 – 2 January 2025".
  function dateRange(from, to) {
    var a = ymd(from), b = ymd(to);
    if (!a || !b) return String(from) + ' – ' + String(to);
    function day(d, year) { return d[2] + ' ' + MONTHS[d[1]] + (year ? ' ' + d[0] : ''); }
    if (a[0] === b[0] && a[1] === b[1] && a[2] === b[2]) return day(a, true);
    if (a[0] === b[0] && a[1] === b[1]) return a[2] + '–' + day(b, true);
    if (a[0] === b[0]) return day(a, false) + ' – ' + day(b, true);
    return day(a, true) + ' – ' + day(b, true);
  }
  function prevStageName(seg, stageId) {
    var i = stageIndex(seg)[stageId];
    return i > 0 ? seg.stages[i - 1].name : 'the previous stage';
  }
  function times(lift) {
    if (lift === null || lift === undefined || !isFinite(lift)) return '—';
    return (lift >= 10 ? Math.round(lift) : Math.round(lift * 10) / 10) + '×';
  }
  // One change in words: what moved, from what to what, when, how sure, what
  // it cost, and the likeliest cause.
  function changeSentence(seg, c) {
    var down = c.direction === 'down', stage = stageLabel(c.stage);
    var lost = Math.round(Math.abs(c.lost || 0));
    var s = stage + (down ? ' fell' : ' rose') + ' from ' + pct(c.baseline_rate, 0) + ' to ' + pct(c.rate, 0) +
      ' of the ' + UNITS + ' that reached ' + prevStageName(seg, c.stage) + ', ' + dateRange(c.from, c.to) +
      ' (' + pIs(c.p_value) + '): about ' + int(lost) + (down ? ' fewer ' : ' more ') + (lost === 1 ? UNIT : UNITS) +
      ' reached ' + stage;
    var ev = (c.events || [])[0];
    if (ev) s += '; ' + ev.event + ' was ' + times(ev.lift) + ' as frequent in those ' + UNITS +
      ' (' + pct(ev.share_in, 0) + ' against ' + pct(ev.share_out, 0) + ' on other days)';
    return s + '.';
  }
  function changeHelp(seg, c) {
    var ev = (c.events || []).map(function (e) {
      return e.event + ' ' + times(e.lift) + ' (' + pct(e.share_in, 0) + ' against ' + pct(e.share_out, 0) + ')';
    });
    return 'The daily entry rate of ' + stageLabel(c.stage) + ' from ' + prevStageName(seg, c.stage) + ' between ' + c.from + ' and ' + c.to +
      ' left its rate on the other days (the baseline), by a scan over every window of days; the p-value is corrected for every window and stage tested. ' +
      'The ' + UNITS + ' lost are those the baseline rate would have brought minus those seen.' +
      (ev.length ? ' Events more frequent than usual in the ' + UNITS + ' at risk in the window: ' + ev.join(', ') + '.' : '');
  }

  function whatChanged() {
    var host = document.getElementById('changes');
    host.textContent = '';
    // Nothing was scanned without a stage after the first.
    var list = shown().filter(function (s) { return (s.seg.timelines || []).length > 0 || (s.seg.changes || []).length > 0; });
    setVisible('changes-section', list.length > 0);
    list.forEach(function (s) {
      var block = add(host, el('div', 'changes-block'));
      if (shown().length > 1) add(block, segTag(s));
      var list = s.seg.changes || [];
      if (!list.length) {
        var from = s.seg.kind === 'period' ? s.seg.from : DATA.first_date, to = s.seg.kind === 'period' ? s.seg.to : DATA.last_date;
        add(block, el('p', 'no-change', 'No significant change in the period' +
          (from ? ' (' + dateRange(from, to) + ')' : '') + ': no stage\'s daily entry rate left its baseline.'));
        return;
      }
      var ul = add(block, el('ul', 'change-list'));
      list.forEach(function (c) {
        var li = add(ul, el('li', 'change change-' + (c.direction === 'down' ? 'down' : 'up'), null, changeHelp(s.seg, c)));
        li.setAttribute('data-stage', c.stage);
        li.setAttribute('data-from', c.from);
        li.setAttribute('data-to', c.to);
        li.appendChild(document.createTextNode(changeSentence(s.seg, c)));
      });
    });
  }
