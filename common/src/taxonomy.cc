// The crime-type taxonomy: parsing data/crime_types.tsv. See gazetteer.h.
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vestige/common/gazetteer.h"

namespace vestige::common {
namespace {

constexpr std::size_t kCrimeColumns = 7;
constexpr std::string_view kCrimeHeader =
    "id\tlabel\tcategory\tlegal_basis\ten_triggers\tru_triggers\tbe_triggers";

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

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status LineError(const std::string& file, std::size_t line, const std::string& message) {
  return Status::InvalidArgument(file + ":" + std::to_string(line) + ": " + message);
}

}  // namespace

Result<std::shared_ptr<const Taxonomy>> Taxonomy::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open crime types file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return Parse(buf.str(), path);
}

Result<std::shared_ptr<const Taxonomy>> Taxonomy::Parse(std::string_view tsv,
                                                        const std::string& file_name) {
  auto t = std::make_shared<Taxonomy>();
  std::set<std::string, std::less<>> ids;
  std::size_t line_no = 0;
  bool header_seen = false;
  static const char* kLanguages[] = {"en", "ru", "be"};
  for (const std::string& raw : Split(tsv, '\n')) {
    ++line_no;
    const std::string line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      header_seen = true;
      if (line.rfind("id\t", 0) == 0) {
        if (line != kCrimeHeader) {
          return LineError(file_name, line_no,
                           "header must be: " + std::string(kCrimeHeader) + " (tab-separated)");
        }
        continue;
      }
    }
    const std::vector<std::string> cells = Split(line, '\t');
    if (cells.size() != kCrimeColumns) {
      return LineError(file_name, line_no,
                       "expected " + std::to_string(kCrimeColumns) +
                           " tab-separated columns, got " + std::to_string(cells.size()));
    }
    CrimeType c;
    c.id = Trim(cells[0]);
    c.label = Trim(cells[1]);
    c.category = Trim(cells[2]);
    c.legal_basis = Trim(cells[3]);
    if (c.id.empty()) return LineError(file_name, line_no, "empty id");
    for (char ch : c.id) {
      const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
      if (!ok) return LineError(file_name, line_no, "id \"" + c.id + "\": use a-z, 0-9 and _");
    }
    if (!ids.insert(c.id).second) {
      return LineError(file_name, line_no, "duplicate id \"" + c.id + "\"");
    }
    if (c.label.empty()) return LineError(file_name, line_no, "empty label");
    for (std::size_t i = 0; i < 3; ++i) {
      std::vector<std::string>& list = c.triggers[kLanguages[i]];
      for (const std::string& v : Split(cells[4 + i], '|')) {
        std::string trigger = Trim(v);
        if (trigger.empty()) continue;
        if (trigger == "*" || trigger.find(" *") != std::string::npos || trigger.front() == '*') {
          return LineError(file_name, line_no,
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
  const std::string wanted = AsciiLower(Trim(id_or_label));
  for (const CrimeType& c : types_) {
    if (c.id == wanted || AsciiLower(c.label) == wanted) return &c;
  }
  return nullptr;
}

}  // namespace vestige::common
