// SURT keys for CDXJ (see url.h).
#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/url.h"

namespace vestige::common {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string SurtKey(std::string_view url_text) {
  std::string url = Lower(url_text);
  std::size_t scheme_end = url.find("://");
  std::string rest = scheme_end == std::string::npos ? url : url.substr(scheme_end + 3);
  std::size_t path_start = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : rest.substr(path_start);
  if (std::size_t at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  std::string port;
  if (std::size_t colon = authority.rfind(':');
      colon != std::string::npos && authority.find(']') == std::string::npos) {
    port = authority.substr(colon);
    authority.resize(colon);
  }
  if (port == ":80" || port == ":443") port.clear();
  if (authority.rfind("www.", 0) == 0) authority = authority.substr(4);
  std::vector<std::string> labels;
  std::stringstream host(authority);
  for (std::string label; std::getline(host, label, '.');) labels.push_back(label);
  std::string surt;
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
    if (!surt.empty()) surt += ",";
    surt += *it;
  }
  if (std::size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  if (path.empty() || path[0] == '?') path = "/" + path;
  if (std::size_t q = path.find('?'); q != std::string::npos) {
    std::vector<std::string> params;
    std::stringstream query(path.substr(q + 1));
    for (std::string p; std::getline(query, p, '&');) {
      if (!p.empty()) params.push_back(p);
    }
    std::sort(params.begin(), params.end());
    path.resize(q);
    std::string joined;
    for (const std::string& p : params) joined += (joined.empty() ? "" : "&") + p;
    if (!joined.empty()) path += "?" + joined;
  }
  return surt + port + ")" + path;
}

}  // namespace vestige::common
