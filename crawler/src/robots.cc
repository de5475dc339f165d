#include "vestige/crawler/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace vestige::crawler {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

// Percent-encoding normalization (RFC 9309 2.2.2): escapes of unreserved characters decoded,
// other escapes upper-cased, bytes outside printable ASCII encoded. In a path (not a pattern),
// '*' and '$' are encoded too, so that they match a pattern's "%2A" / "%24" and never act as
// the pattern's special characters.
std::string Normalize(std::string_view s, bool is_pattern) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && s.size() - i >= 3) {
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        unsigned char decoded = static_cast<unsigned char>(hi * 16 + lo);
        if (IsUnreserved(decoded)) {
          out.push_back(static_cast<char>(decoded));
        } else {
          out += {'%', kHex[hi], kHex[lo]};
        }
        i += 2;
        continue;
      }
    }
    bool encode = c <= 0x20 || c >= 0x7f || (!is_pattern && (c == '*' || c == '$'));
    if (encode) {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

struct Group {
  std::vector<std::string> agents;  // product tokens, lower case
  std::vector<RobotsRules::Rule> rules;
  double crawl_delay = -1;  // seconds; -1 when the group has none
};

}  // namespace

std::string ProductToken(std::string_view user_agent) {
  std::string_view t = Trim(user_agent);
  std::size_t end = t.find_first_of("/ \t");
  return Lower(t.substr(0, end));
}

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Greedy wildcard matching with backtracking to the last '*': linear in practice, and at
  // worst |pattern| * |path|, both bounded by the file and URL size limits.
  std::size_t p = 0, s = 0;
  std::size_t star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
      continue;
    }
    if (p == pattern.size() && !anchored) return true;
    if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
      continue;
    }
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.disallow_all_ = true;
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view body, std::string_view user_agent) {
  if (body.size() > kMaxBytes) body = body.substr(0, kMaxBytes);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 BOM
  const std::string token = ProductToken(user_agent);
  RobotsRules result;
  std::vector<Group> groups;
  bool last_was_agent = false;
  while (!body.empty()) {
    std::size_t eol = body.find_first_of("\r\n");
    std::string_view line = body.substr(0, eol);
    body.remove_prefix(eol == std::string_view::npos ? body.size() : eol + 1);
    std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!last_was_agent) groups.emplace_back();
      groups.back().agents.push_back(ProductToken(value));
      last_was_agent = true;
    } else if (key == "allow" || key == "disallow") {
      last_was_agent = false;
      if (groups.empty() || value.empty()) continue;  // rules outside a group; empty rule
      if (value.front() != '/' && value.front() != '*') continue;
      groups.back().rules.push_back({key == "allow", Normalize(value, true)});
    } else if (key == "crawl-delay") {
      last_was_agent = false;
      if (groups.empty()) continue;
      std::string number(value);
      char* end = nullptr;
      double seconds = std::strtod(number.c_str(), &end);
      if (!number.empty() && end == number.c_str() + number.size() && seconds >= 0 &&
          seconds <= 86400) {
        groups.back().crawl_delay = seconds;
      }
    } else if (key == "sitemap") {
      if (!value.empty()) result.sitemaps_.emplace_back(value);
    }
  }
  bool matched = false;
  for (const Group& g : groups) {
    for (const std::string& agent : g.agents) {
      if (!token.empty() && agent == token) matched = true;
    }
  }
  const std::string wanted = matched ? token : "*";
  for (const Group& g : groups) {
    bool applies = false;
    for (const std::string& agent : g.agents) applies = applies || agent == wanted;
    if (!applies) continue;
    result.rules_.insert(result.rules_.end(), g.rules.begin(), g.rules.end());
    if (g.crawl_delay >= 0) result.crawl_delay_ = std::max(result.crawl_delay_, g.crawl_delay);
  }
  return result;
}

bool RobotsRules::IsAllowed(std::string_view path_and_query) const {
  std::string path = Normalize(path_and_query.empty() ? "/" : path_and_query, false);
  if (path == "/robots.txt") return true;
  if (disallow_all_) return false;
  std::size_t best_length = 0;
  bool best_allow = true;
  bool any = false;
  for (const Rule& rule : rules_) {
    if (!RobotsPatternMatches(rule.pattern, path)) continue;
    std::size_t length = rule.pattern.size();
    if (!any || length > best_length) {
      best_allow = rule.allow;
      best_length = length;
      any = true;
    } else if (length == best_length && rule.allow) {
      best_allow = true;  // the least restrictive rule wins a tie (RFC 9309 2.2.2)
    }
  }
  return best_allow;
}

}  // namespace vestige::crawler
