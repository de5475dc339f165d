#include "tsv_table.h"

#include <fstream>
#include <sstream>
#include <utility>

namespace vestige::common::tsv {

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = text.find(sep, start);
    out.emplace_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
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

Result<std::string> ReadFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + what + " " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

Result<std::vector<Row>> ReadRows(std::string_view tsv, const std::string& file,
                                  std::string_view header) {
  const std::size_t columns = Split(header, '\t').size();
  std::vector<Row> rows;
  std::size_t line_no = 0;
  bool header_seen = false;
  for (const std::string& raw : Split(tsv, '\n')) {
    ++line_no;
    const std::string line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      header_seen = true;
      if (line.rfind("id\t", 0) == 0) {
        if (line != header) {
          return LineError(file, line_no,
                           "header must be: " + std::string(header) + " (tab-separated)");
        }
        continue;
      }
    }
    Row row;
    row.line = line_no;
    row.cells = Split(line, '\t');
    if (row.cells.size() != columns) {
      return LineError(file, line_no,
                       "expected " + std::to_string(columns) + " tab-separated columns, got " +
                           std::to_string(row.cells.size()));
    }
    for (std::string& cell : row.cells) cell = Trim(cell);
    rows.push_back(std::move(row));
  }
  return rows;
}

Status CheckId(const std::string& id, std::set<std::string, std::less<>>* seen,
               const std::string& file, std::size_t line) {
  if (id.empty()) return LineError(file, line, "empty id");
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return LineError(file, line, "id \"" + id + "\": use a-z, 0-9 and _");
  }
  if (!seen->insert(id).second) return LineError(file, line, "duplicate id \"" + id + "\"");
  return Status::OK();
}

}  // namespace vestige::common::tsv
