#include "server/live_page.h"

namespace cjm::server {

namespace {

// Beside the header: whether the figures are live.
constexpr const char* kStatus = R"PAGE(<p id="live-status" class="muted" aria-live="polite"></p>
)PAGE";

// The spec editor, above the footer.
constexpr const char* kEditor = R"PAGE(<section id="spec-section" aria-labelledby="h-spec">
<style>
#spec-section textarea { width: 100%; box-sizing: border-box; font: 13px/1.45 ui-monospace, monospace; }
#spec-section .bar { display: flex; gap: .5em; align-items: center; margin: .5em 0; flex-wrap: wrap; }
#spec-error { color: #b00020; white-space: pre-wrap; }
#spec-ok { color: #1b5e20; }
</style>
<h2 id="h-spec">Journey spec</h2>
<p class="muted">Edit the spec (YAML, docs/spec.md). Check shows any error at its line; Save makes it the spec, recomputes the map and keeps the previous version, which Restore brings back into the editor.</p>
<textarea id="spec-text" rows="24" spellcheck="false" aria-label="Journey spec (YAML)"></textarea>
<div class="bar">
<button type="button" id="spec-check">Check</button>
<button type="button" id="spec-save">Save</button>
<label>Earlier versions <select id="spec-history"></select></label>
<button type="button" id="spec-restore">Restore into the editor</button>
</div>
<p id="spec-error" role="alert" data-line=""></p>
<p id="spec-ok"></p>
</section>
)PAGE";

// Polls the totals and drives the editor. Every text shown is set with
// textContent.
constexpr const char* kScript = R"PAGE(<script>
(function () {
  'use strict';
  var status = document.getElementById('live-status');
  function post(url, body) {
    return fetch(url, { method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/yaml', 'X-Requested-With': 'cjm' } });
  }
  function setFact(label, value) {
    var spans = document.querySelectorAll('#facts > span');
    for (var i = 0; i < spans.length; i++) {
      var t = spans[i].firstChild;
      if (t && t.nodeType === 3 && t.nodeValue === label + ' ') {
        var b = spans[i].querySelector('b');
        if (b) { b.textContent = value; b.setAttribute('data-live', label.toLowerCase()); }
      }
    }
  }
  function int(n) { return Number(n || 0).toLocaleString('en-US'); }
  function poll() {
    fetch('/api/v1/live', { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (v) {
      setFact('Events', int(v.events));
      setFact('Customers', int(v.customers));
      status.textContent = 'Live: ' + int(v.events) + ' events, updated ' + new Date().toLocaleTimeString() +
        (v.error ? ' (last refresh failed: ' + v.error + ')' : '');
      status.setAttribute('data-events', String(v.events));
    }).catch(function (e) { status.textContent = 'Not live: ' + e.message; });
  }
  poll();
  setInterval(poll, 1000);

  var text = document.getElementById('spec-text'), err = document.getElementById('spec-error'),
      ok = document.getElementById('spec-ok'), history = document.getElementById('spec-history');
  function showLine(line) {
    var lines = text.value.split('\n'), start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    text.focus();
    text.setSelectionRange(start, start + (lines[line - 1] || '').length);
  }
  function answer(r) {
    return r.json().then(function (j) {
      err.textContent = ''; ok.textContent = ''; err.setAttribute('data-line', '');
      if (j.ok) return true;
      err.textContent = (j.line ? 'Line ' + j.line + ': ' : '') + (j.error || ('HTTP ' + r.status));
      err.setAttribute('data-line', j.line ? String(j.line) : '');
      if (j.line) showLine(j.line);
      return false;
    });
  }
  function load() {
    fetch('/api/v1/spec', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (j) {
      text.value = j.text;
      history.textContent = '';
      j.history.slice().reverse().forEach(function (v) {
        var o = document.createElement('option'); o.value = String(v); o.textContent = 'version ' + v; history.appendChild(o);
      });
    });
  }
  document.getElementById('spec-check').addEventListener('click', function () {
    post('/api/v1/spec/check', text.value).then(answer).then(function (good) { if (good) ok.textContent = 'The spec is valid.'; });
  });
  document.getElementById('spec-save').addEventListener('click', function () {
    post('/api/v1/spec', text.value).then(answer).then(function (good) {
      if (good) { ok.textContent = 'Saved; the map is recomputed.'; location.reload(); }
    });
  });
  document.getElementById('spec-restore').addEventListener('click', function () {
    if (!history.value) return;
    fetch('/api/v1/spec/history/' + history.value, { credentials: 'same-origin' }).then(function (r) { return r.json(); })
      .then(function (j) { text.value = j.text; ok.textContent = 'Version ' + history.value + ' is in the editor: Save to use it.'; });
  });
  load();
})();
</script>
)PAGE";

// Inserts `what` before the last occurrence of `marker` in `html` (at the
// end when there is none).
std::string insert_before(std::string html, const std::string& marker, const std::string& what) {
  const size_t at = html.rfind(marker);
  html.insert(at == std::string::npos ? html.size() : at, what);
  return html;
}

}  // namespace

std::string with_nonce(const std::string& html, const std::string& nonce) {
  const std::string tag = "<script", marked = "<script nonce=\"" + nonce + "\"";
  std::string out;
  out.reserve(html.size() + 64);
  size_t pos = 0;
  for (size_t at; (at = html.find(tag, pos)) != std::string::npos; pos = at + tag.size()) {
    out.append(html, pos, at - pos);
    out += marked;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

std::string live_page(const std::string& map_html, const std::string& nonce) {
  // The map file's own policy forbids fetching; the response's header policy
  // (page_csp) replaces it.
  std::string page = map_html;
  const size_t meta = page.find("<meta http-equiv=\"Content-Security-Policy\"");
  if (meta != std::string::npos) page.erase(meta, page.find('>', meta) + 1 - meta);
  page = insert_before(std::move(page), "</header>", kStatus);
  page = insert_before(std::move(page), "<footer id=\"footer\"", kEditor);
  page = insert_before(std::move(page), "</body>", kScript);
  return with_nonce(page, nonce);
}

std::string page_csp(const std::string& nonce) {
  return "default-src 'none'; script-src 'nonce-" + nonce +
         "'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
         "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

}  // namespace cjm::server
