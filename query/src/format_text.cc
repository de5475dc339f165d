// FormatText: search results for people at a terminal.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

constexpr std::string_view kIndent = "   ";
constexpr std::string_view kSeparator = " \xC2\xB7 ";  // " · "
constexpr std::string_view kBoldOn = "\x1b[1m";
constexpr std::string_view kBoldOff = "\x1b[0m";

// Appends `text` with C0/C1 control characters and DEL turned into spaces: document text comes
// from the web and must not move the cursor, change colours or set the window title.
void AppendSafe(std::string_view text, std::string* out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out->push_back(' ');
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out->push_back(' ');  // U+0080..U+009F, e.g. U+009B (CSI)
      ++i;
    } else {
      out->push_back(text[i]);
    }
  }
}

std::string CountText(const MatchCount& total) {
  return (total.exact() ? "" : "about ") + std::to_string(total.estimated);
}

std::string Header(const SearchResults& results) {
  std::string out;
  if (results.hits.empty()) {
    if (results.total.upper_bound == 0) {
      out = "No results for: ";
    } else {
      out = "No results from " + std::to_string(std::uint64_t{results.offset} + 1) + " (" +
            CountText(results.total) + " in all) for: ";
    }
  } else {
    out = "Results " + std::to_string(results.hits.front().rank) + "-" +
          std::to_string(results.hits.back().rank) + " of " + CountText(results.total) + " for: ";
  }
  if (results.query.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
    out.append("(all documents passing the filters)");
  } else {
    AppendSafe(results.query, &out);
  }
  out.push_back('\n');
  return out;
}

void AppendSnippet(const Snippet& snippet, bool bold, std::string* out) {
  std::size_t pos = 0;
  for (const TextSpan& span : snippet.highlights) {
    if (span.begin < pos || span.end > snippet.text.size() || span.begin >= span.end) continue;
    AppendSafe(std::string_view(snippet.text).substr(pos, span.begin - pos), out);
    if (bold) out->append(kBoldOn);
    AppendSafe(std::string_view(snippet.text).substr(span.begin, span.end - span.begin), out);
    if (bold) out->append(kBoldOff);
    pos = span.end;
  }
  AppendSafe(std::string_view(snippet.text).substr(pos), out);
}

void AppendHit(const Hit& hit, const TextFormatOptions& options, std::string* out) {
  const common::IndexedDocument& doc = hit.document;
  out->append(std::to_string(hit.rank)).append(". ");
  AppendSafe(doc.title.empty() ? std::string_view("(untitled)") : std::string_view(doc.title), out);
  out->append("\n").append(kIndent);
  AppendSafe(doc.url, out);

  out->append("\n").append(kIndent).append("captured ");
  AppendSafe(doc.captured.empty() ? std::string_view("unknown")
                                  : std::string_view(doc.captured).substr(0, 10),
             out);
  out->append(kSeparator).append("published ");
  AppendSafe(doc.published.empty() ? std::string_view("unknown") : std::string_view(doc.published),
             out);
  if (!doc.published.empty() && !doc.published_source.empty()) {
    out->append(" (");
    AppendSafe(doc.published_source, out);
    out->append(")");
  }
  out->append(kSeparator);
  AppendSafe(doc.language.empty() ? std::string_view("und") : std::string_view(doc.language), out);
  if (!doc.persons.empty()) {
    out->append("\n").append(kIndent).append("persons: ");
    for (std::size_t i = 0; i < doc.persons.size(); ++i) {
      if (i > 0) out->append(", ");
      AppendSafe(doc.persons[i].name.empty() ? doc.persons[i].id : doc.persons[i].name, out);
      out->append(" [");
      AppendSafe(doc.persons[i].id, out);
      out->append("]");
    }
  }
  if (!doc.crimes.empty()) {
    out->append("\n").append(kIndent).append("crimes: ");
    for (std::size_t i = 0; i < doc.crimes.size(); ++i) {
      if (i > 0) out->append(", ");
      AppendSafe(doc.crimes[i].label.empty() ? doc.crimes[i].id : doc.crimes[i].label, out);
      out->append(" [");
      AppendSafe(doc.crimes[i].id, out);
      out->append("]");
    }
  }

  if (!hit.snippet.text.empty()) {
    out->append("\n").append(kIndent);
    AppendSnippet(hit.snippet, options.ansi_bold, out);
  }

  out->append("\n").append(kIndent).append("warc: ");
  AppendSafe(doc.warc.file, out);
  out->append("@").append(std::to_string(doc.warc.offset));
  out->append(" (").append(std::to_string(doc.warc.length)).append(" bytes)");
  if (!doc.warc.payload_digest.empty()) {
    out->push_back(' ');
    AppendSafe(doc.warc.payload_digest, out);
  }
  out->push_back('\n');
}

// "  name  count" lines, largest count first (ties by name).
void AppendCounts(std::string_view title, const std::map<std::string, std::uint64_t>& counts,
                  bool by_count, std::string* out) {
  if (counts.empty()) return;
  std::vector<std::pair<std::string, std::uint64_t>> rows(counts.begin(), counts.end());
  if (by_count) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  out->append(title).append(":\n");
  for (const auto& [name, count] : rows) {
    out->append(kIndent);
    AppendSafe(name, out);
    out->append(width - name.size() + 2, ' ').append(std::to_string(count)).push_back('\n');
  }
}

void AppendFacets(const Facets& facets, std::string* out) {
  out->append("\nFacets (documents among all matches)\n");
  AppendCounts("persons", facets.persons, true, out);
  AppendCounts("crimes", facets.crimes, true, out);
  AppendCounts("sites", facets.sites, true, out);
  AppendCounts("languages", facets.languages, true, out);
  AppendCounts("published year", facets.years, false, out);
  AppendCounts("published month", facets.months, false, out);
  out->append("undated: ").append(std::to_string(facets.undated)).push_back('\n');
}

}  // namespace

std::string FormatText(const SearchResults& results, const TextFormatOptions& options) {
  std::string out = Header(results);
  for (const Hit& hit : results.hits) {
    out.push_back('\n');
    AppendHit(hit, options, &out);
  }
  if (results.undated_left_out > 0) {
    out.append("\n(").append(std::to_string(results.undated_left_out));
    out.append(" more matched but have no published date, so the date filter left them out;");
    out.append(" use --date captured to filter by capture date)\n");
  }
  if (results.has_facets) AppendFacets(results.facets, &out);
  return out;
}

}  // namespace vestige::query
