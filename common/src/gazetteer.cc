// The person gazetteer: parsing data/persons.tsv and resolving names. See gazetteer.h.
#include "vestige/common/gazetteer.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vestige::common {
namespace {

constexpr std::size_t kPersonColumns = 8;
constexpr std::string_view kPersonHeader =
    "id\tcanonical_name\trole\taliases\taliases_unverified\tsurname_only_ok\tcyr_stems\tconfidence";

std::vector<std::string> Split(std::string_view line, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = line.find(sep, start);
    out.emplace_back(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> Multi(const std::string& cell) {
  std::vector<std::string> out;
  for (const std::string& v : Split(cell, '|')) {
    std::string t = Trim(v);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

Status LineError(const std::string& file, std::size_t line, const std::string& message) {
  return Status::InvalidArgument(file + ":" + std::to_string(line) + ": " + message);
}

}  // namespace

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open persons file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return Parse(buf.str(), path);
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Parse(std::string_view tsv,
                                                          const std::string& file_name) {
  auto g = std::make_shared<Gazetteer>();
  std::set<std::string, std::less<>> ids;
  std::size_t line_no = 0;
  bool header_seen = false;
  for (const std::string& raw : Split(tsv, '\n')) {
    ++line_no;
    const std::string line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      header_seen = true;
      if (line.rfind("id\t", 0) == 0) {
        if (line != kPersonHeader) {
          return LineError(file_name, line_no,
                           "header must be: " + std::string(kPersonHeader) + " (tab-separated)");
        }
        continue;
      }
    }
    const std::vector<std::string> cells = Split(line, '\t');
    if (cells.size() != kPersonColumns) {
      return LineError(file_name, line_no,
                       "expected " + std::to_string(kPersonColumns) +
                           " tab-separated columns, got " + std::to_string(cells.size()));
    }
    Person p;
    p.id = Trim(cells[0]);
    p.canonical_name = Trim(cells[1]);
    p.role = Trim(cells[2]);
    p.aliases = Multi(cells[3]);
    p.aliases_unverified = Multi(cells[4]);
    p.surname_only = Multi(cells[5]);
    p.cyr_stems = Multi(cells[6]);
    p.confidence = Trim(cells[7]);
    if (p.id.empty()) return LineError(file_name, line_no, "empty id");
    for (char c : p.id) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) return LineError(file_name, line_no, "id \"" + p.id + "\": use a-z, 0-9 and _");
    }
    if (!ids.insert(p.id).second) {
      return LineError(file_name, line_no, "duplicate id \"" + p.id + "\"");
    }
    if (p.canonical_name.empty()) return LineError(file_name, line_no, "empty canonical_name");
    if (NameKey(p.canonical_name).empty()) {
      return LineError(file_name, line_no, "canonical_name has no letters");
    }
    if (p.confidence != "H" && p.confidence != "M" && p.confidence != "L" &&
        !p.confidence.empty()) {
      return LineError(file_name, line_no, "confidence must be H, M or L");
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
  if (const Person* p = FindById(Trim(name_or_id))) {
    out.push_back(p);
    return out;
  }
  auto it = by_key_.find(NameKey(name_or_id));
  if (it == by_key_.end()) return out;
  for (std::size_t i : it->second) out.push_back(&persons_[i]);
  return out;
}

}  // namespace vestige::common
