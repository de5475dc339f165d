// The crime-type taxonomy: parsing data/crime_types.tsv. See gazetteer.h.
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tsv_table.h"
#include "vestige/common/gazetteer.h"

namespace vestige::common {
namespace {

constexpr std::string_view kCrimeHeader =
    "id\tlabel\tcategory\tlegal_basis\ten_triggers\tru_triggers\tbe_triggers";

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const Taxonomy>> Taxonomy::Load(const std::string& path) {
  Result<std::string> text = tsv::ReadFile(path, "crime types file");
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

Result<std::shared_ptr<const Taxonomy>> Taxonomy::Parse(std::string_view tsv_text,
                                                        const std::string& file_name) {
  auto t = std::make_shared<Taxonomy>();
  std::set<std::string, std::less<>> ids;
  static const char* kLanguages[] = {"en", "ru", "be"};
  Result<std::vector<tsv::Row>> rows = tsv::ReadRows(tsv_text, file_name, kCrimeHeader);
  if (!rows.ok()) return rows.status();
  for (const tsv::Row& row : *rows) {
    const std::vector<std::string>& cells = row.cells;
    const std::size_t line_no = row.line;
    CrimeType c;
    c.id = cells[0];
    c.label = cells[1];
    c.category = cells[2];
    c.legal_basis = cells[3];
    VESTIGE_RETURN_IF_ERROR(tsv::CheckId(c.id, &ids, file_name, line_no));
    if (c.label.empty()) return tsv::LineError(file_name, line_no, "empty label");
    for (std::size_t i = 0; i < 3; ++i) {
      std::vector<std::string>& list = c.triggers[kLanguages[i]];
      for (const std::string& v : tsv::Split(cells[4 + i], '|')) {
        std::string trigger = tsv::Trim(v);
        if (trigger.empty()) continue;
        if (trigger == "*" || trigger.find(" *") != std::string::npos || trigger.front() == '*') {
          return tsv::LineError(file_name, line_no,
                                std::string(kLanguages[i]) + " trigger \"" + trigger +
                                    "\": '*' must end a word, after at least one letter");
        }
        list.push_back(std::move(trigger));
      }
    }
    t->types_.push_back(std::move(c));
  }
  return std::shared_ptr<const Taxonomy>(std::move(t));
}

const CrimeType* Taxonomy::Resolve(std::string_view id_or_label) const {
  const std::string wanted = AsciiLower(tsv::Trim(id_or_label));
  for (const CrimeType& c : types_) {
    if (c.id == wanted || AsciiLower(c.label) == wanted) return &c;
  }
  return nullptr;
}

}  // namespace vestige::common
