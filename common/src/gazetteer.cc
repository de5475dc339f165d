// The person gazetteer: parsing data/persons.tsv and resolving names. See gazetteer.h.
#include "vestige/common/gazetteer.h"

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tsv_table.h"

namespace vestige::common {
namespace {

constexpr std::string_view kPersonHeader =
    "id\tcanonical_name\trole\taliases\taliases_unverified\tsurname_only_ok\tcyr_stems\tconfidence";

}  // namespace

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Load(const std::string& path) {
  Result<std::string> text = tsv::ReadFile(path, "persons file");
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Parse(std::string_view tsv_text,
                                                          const std::string& file_name) {
  auto g = std::make_shared<Gazetteer>();
  std::set<std::string, std::less<>> ids;
  Result<std::vector<tsv::Row>> rows = tsv::ReadRows(tsv_text, file_name, kPersonHeader);
  if (!rows.ok()) return rows.status();
  for (const tsv::Row& row : *rows) {
    const std::vector<std::string>& cells = row.cells;
    const std::size_t line_no = row.line;
    Person p;
    p.id = cells[0];
    p.canonical_name = cells[1];
    p.role = cells[2];
    p.aliases = tsv::Multi(cells[3]);
    p.aliases_unverified = tsv::Multi(cells[4]);
    p.surname_only = tsv::Multi(cells[5]);
    p.cyr_stems = tsv::Multi(cells[6]);
    p.confidence = cells[7];
    VESTIGE_RETURN_IF_ERROR(tsv::CheckId(p.id, &ids, file_name, line_no));
    if (p.canonical_name.empty()) return tsv::LineError(file_name, line_no, "empty canonical_name");
    if (NameKey(p.canonical_name).empty()) {
      return tsv::LineError(file_name, line_no, "canonical_name has no letters");
    }
    if (p.confidence != "H" && p.confidence != "M" && p.confidence != "L" &&
        !p.confidence.empty()) {
      return tsv::LineError(file_name, line_no, "confidence must be H, M or L");
    }
    g->persons_.push_back(std::move(p));
  }
  for (std::size_t i = 0; i < g->persons_.size(); ++i) {
    const Person& p = g->persons_[i];
    std::set<std::string> keys{p.id, NameKey(p.canonical_name)};
    for (const auto* list : {&p.aliases, &p.aliases_unverified, &p.surname_only}) {
      for (const std::string& a : *list) keys.insert(NameKey(a));
    }
    for (const std::string& k : keys) {
      if (!k.empty()) g->by_key_[k].push_back(i);
    }
  }
  return std::shared_ptr<const Gazetteer>(std::move(g));
}

const Person* Gazetteer::FindById(std::string_view id) const {
  for (const Person& p : persons_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::vector<const Person*> Gazetteer::Resolve(std::string_view name_or_id) const {
  std::vector<const Person*> out;
  if (const Person* p = FindById(tsv::Trim(name_or_id))) {
    out.push_back(p);
    return out;
  }
  auto it = by_key_.find(NameKey(name_or_id));
  if (it == by_key_.end()) return out;
  for (std::size_t i : it->second) out.push_back(&persons_[i]);
  return out;
}

}  // namespace vestige::common
