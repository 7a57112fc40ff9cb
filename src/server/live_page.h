// The live UI page: the map page of `cjm map` with a small live layer (the
// header's totals polled from /api/v1/live) and the spec editor, every
// script carrying the response's CSP nonce.
#pragma once

#include <string>

namespace cjm::server {

// `html` with nonce="`nonce`" on every <script> tag. Text from data or spec
// never holds "<script" (the map escapes '<' in its JSON), so only the page's
// own tags are marked.
std::string with_nonce(const std::string& html, const std::string& nonce);

// The live page built from the standalone `map_html`.
std::string live_page(const std::string& map_html, const std::string& nonce);

// The Content-Security-Policy of a page whose scripts carry `nonce`.
std::string page_csp(const std::string& nonce);

}  // namespace cjm::server
