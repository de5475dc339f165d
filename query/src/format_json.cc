// FormatJson: search results as one JSON object (nlohmann-json, so escaping is always correct).
#include <nlohmann/json.hpp>
#include <string>

#include "vestige/common/document.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

// ordered_json keeps keys in the order written, which reads better than alphabetical.
using Json = nlohmann::ordered_json;

Json WarcJson(const common::WarcPointer& warc) {
  return Json{{"file", warc.file},
              {"offset", warc.offset},
              {"length", warc.length},
              {"record_id", warc.record_id},
              {"payload_digest", warc.payload_digest}};
}

Json HitJson(const Hit& hit) {
  const common::IndexedDocument& doc = hit.document;
  Json highlights = Json::array();
  for (const TextSpan& span : hit.snippet.highlights) highlights.push_back({span.begin, span.end});
  Json persons = Json::array();
  for (const common::PersonMention& p : doc.persons) {
    persons.push_back({{"id", p.id}, {"name", p.name}, {"count", p.count}, {"alias", p.alias}});
  }
  Json crimes = Json::array();
  for (const common::CrimeMention& c : doc.crimes) {
    crimes.push_back({{"id", c.id}, {"label", c.label}, {"count", c.count}});
  }
  return Json{{"rank", hit.rank},
              {"percent", hit.percent},
              {"weight", hit.weight},
              {"docid", hit.docid},
              {"url", doc.url},
              {"title", doc.title},
              {"language", doc.language},
              {"content_type", doc.content_type},
              {"captured", doc.captured},
              {"captured_date", doc.captured.substr(0, 10)},
              {"published", doc.published},
              {"published_source", doc.published_source},
              {"published_confidence", doc.published_confidence},
              {"snippet", hit.snippet.text},
              {"highlights", std::move(highlights)},
              {"warc", WarcJson(doc.warc)},
              {"persons", std::move(persons)},
              {"crimes", std::move(crimes)}};
}

Json FacetsJson(const Facets& facets) {
  return Json{{"persons", facets.persons},       {"crimes", facets.crimes},
              {"sites", facets.sites},           {"languages", facets.languages},
              {"published_years", facets.years}, {"published_months", facets.months},
              {"undated", facets.undated}};
}

std::string Dump(const Json& json) {
  // Document text comes from the web: replace invalid UTF-8 rather than throw.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string FormatHitJson(const Hit& hit) { return Dump(HitJson(hit)); }

std::string FormatJsonl(const SearchResults& results) {
  std::string out;
  for (const Hit& hit : results.hits) out += Dump(HitJson(hit)) + "\n";
  Json summary{{"query", results.query},
               {"total", results.total.estimated},
               {"total_exact", results.total.exact()},
               {"offset", results.offset},
               {"limit", results.limit},
               {"hits", results.hits.size()},
               {"undated_left_out", results.undated_left_out},
               {"warnings", results.warnings}};
  if (results.has_facets) summary["facets"] = FacetsJson(results.facets);
  return out + Dump(Json{{"summary", std::move(summary)}}) + "\n";
}

std::string FormatJson(const SearchResults& results) {
  Json hits = Json::array();
  for (const Hit& hit : results.hits) hits.push_back(HitJson(hit));
  Json out{{"query", results.query},
           {"total", results.total.estimated},
           {"total_lower_bound", results.total.lower_bound},
           {"total_upper_bound", results.total.upper_bound},
           {"total_exact", results.total.exact()},
           {"offset", results.offset},
           {"limit", results.limit},
           {"stemmer", results.stemmer},
           {"hits", std::move(hits)},
           {"warnings", results.warnings},
           {"undated_left_out", results.undated_left_out}};
  if (results.has_facets) out["facets"] = FacetsJson(results.facets);
  return Dump(out) + "\n";
}

}  // namespace vestige::query
