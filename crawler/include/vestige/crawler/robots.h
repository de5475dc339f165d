// robots.txt per RFC 9309: parsing a file into the rules that apply to one crawler, and matching
// URL paths against them.
//
// Group selection: the groups whose user-agent line equals our product token (case-insensitive;
// the token is the user agent up to the first '/' or space) are merged; when there are none, the
// "*" groups are merged; when there are none either, everything is allowed. Rules: Allow and
// Disallow with '*' (any run of characters) and a final '$' (end of path); the longest matching
// pattern wins and Allow wins a tie; an empty Disallow matches nothing. "/robots.txt" itself is
// always allowed. Paths and patterns are compared after percent-encoding normalization (hex
// digits upper case, bytes outside ASCII and spaces encoded). Only the first 500 KiB are read,
// as the RFC permits. Parsing never fails: unknown lines are skipped.
// Thread safety: a RobotsRules is an immutable value once built.
#ifndef VESTIGE_CRAWLER_ROBOTS_H_
#define VESTIGE_CRAWLER_ROBOTS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vestige::crawler {

class RobotsRules {
 public:
  // What is read from a robots.txt body at most; the rest is ignored (RFC 9309 2.5).
  static constexpr std::size_t kMaxBytes = 500 * 1024;

  // Rules for `user_agent` (a full User-Agent value or just its product token).
  static RobotsRules Parse(std::string_view body, std::string_view user_agent);
  // No robots.txt (4xx): everything allowed.
  static RobotsRules AllowAll();
  // robots.txt unreachable (5xx, network failure): nothing allowed but /robots.txt.
  static RobotsRules DisallowAll();

  // Whether a URL's path (with its query, "?..." included) may be fetched. "" counts as "/".
  bool IsAllowed(std::string_view path_and_query) const;

  // Crawl-delay of the selected groups in seconds (the largest when several give one); 0 when
  // none does. Values that are not a number from 0 to 86400 are ignored.
  double crawl_delay() const { return crawl_delay_; }

  // Sitemap: lines seen in the file (any group), as written.
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  struct Rule {
    bool allow = false;
    std::string pattern;  // normalized
  };
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  std::vector<Rule> rules_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
  double crawl_delay_ = 0;
};

// The product token of a User-Agent value: "vestige-crawl/0.1 (+url)" -> "vestige-crawl".
std::string ProductToken(std::string_view user_agent);

// Whether a robots.txt pattern ('*' wildcards, optional final '$') matches the start of `path`
// (or all of it, with '$'). Both are taken as given (no normalization).
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_ROBOTS_H_
