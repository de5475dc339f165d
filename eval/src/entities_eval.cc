// Entity-facet scoring. See entities_eval.h.
#include "vestige/eval/entities_eval.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace vestige::eval {

std::string StripPort(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const std::size_t host = scheme + 3;
  std::size_t end = url.find_first_of("/?#", host);
  if (end == std::string_view::npos) end = url.size();
  const std::string_view authority = url.substr(host, end - host);
  const std::size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos || authority.find(']', colon) != std::string_view::npos) {
    return std::string(url);
  }
  std::string out(url.substr(0, host + colon));
  out += url.substr(end);
  return out;
}

common::Result<std::map<std::string, PageFacets>> ParseEntityLabels(
    std::string_view json, const common::Gazetteer* gazetteer) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return common::Status::InvalidArgument("labels: not a JSON object");
  }
  std::map<std::string, PageFacets> out;
  for (const auto& [url, entry] : doc.items()) {
    if (!entry.is_object()) {
      return common::Status::InvalidArgument("labels: entry of " + url + " is not an object");
    }
    PageFacets facets;
    for (const char* field : {"persons", "crimes"}) {
      auto it = entry.find(field);
      if (it == entry.end() || it->is_null()) continue;
      if (!it->is_array()) {
        return common::Status::InvalidArgument("labels: " + url + ": " + field +
                                               " is not an array");
      }
      for (const auto& v : *it) {
        if (!v.is_string()) {
          return common::Status::InvalidArgument("labels: " + url + ": " + field +
                                                 " holds a non-string");
        }
        std::string value = v.get<std::string>();
        if (std::string(field) == "crimes") {
          facets.crimes.insert(value);
          continue;
        }
        if (gazetteer != nullptr && gazetteer->FindById(value) == nullptr) {
          const auto found = gazetteer->Resolve(value);
          if (found.size() == 1) value = found[0]->id;
        }
        facets.persons.insert(value);
      }
    }
    out[StripPort(url)] = std::move(facets);
  }
  return out;
}

namespace {

void Score(const std::set<std::string>& expected, const std::set<std::string>& got,
           FacetScore* score, std::string* mistakes) {
  for (const std::string& id : got) {
    if (expected.count(id) > 0) {
      ++score->true_positives;
    } else {
      ++score->false_positives;
      *mistakes += " +" + id;
    }
  }
  for (const std::string& id : expected) {
    if (got.count(id) == 0) {
      ++score->false_negatives;
      *mistakes += " -" + id;
    }
  }
}

}  // namespace

EntitiesReport ScoreEntities(const std::map<std::string, PageFacets>& labels,
                             const std::map<std::string, PageFacets>& found) {
  EntitiesReport report;
  const PageFacets none;
  for (const auto& [url, expected] : labels) {
    ++report.pages;
    auto it = found.find(StripPort(url));
    if (it == found.end()) report.not_found.push_back(url);
    const PageFacets& got = it == found.end() ? none : it->second;
    std::string persons;
    std::string crimes;
    Score(expected.persons, got.persons, &report.persons, &persons);
    Score(expected.crimes, got.crimes, &report.crimes, &crimes);
    if (!persons.empty() || !crimes.empty()) {
      report.mistakes.push_back(url + ":" + (persons.empty() ? "" : " persons" + persons) +
                                (crimes.empty() ? "" : " crimes" + crimes));
    }
  }
  return report;
}

std::string FormatEntitiesReport(const EntitiesReport& report) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "pages labelled: %llu (not in the index: %zu)\n",
                static_cast<unsigned long long>(report.pages), report.not_found.size());
  out += line;
  const auto facet = [&](const char* name, const FacetScore& s) {
    std::snprintf(line, sizeof line,
                  "%-8s precision %.3f  recall %.3f  (true %llu, false %llu, missed %llu)\n", name,
                  s.Precision(), s.Recall(), static_cast<unsigned long long>(s.true_positives),
                  static_cast<unsigned long long>(s.false_positives),
                  static_cast<unsigned long long>(s.false_negatives));
    out += line;
  };
  facet("persons", report.persons);
  facet("crimes", report.crimes);
  for (const std::string& url : report.not_found) out += "not in the index: " + url + "\n";
  if (!report.mistakes.empty())
    out += "mistakes (+ found but not labelled, - labelled but missed):\n";
  for (const std::string& m : report.mistakes) out += "  " + m + "\n";
  return out;
}

}  // namespace vestige::eval
