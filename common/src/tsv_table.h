// The project's editable TSV files (data/persons.tsv, data/crime_types.tsv): reading them into
// rows with errors that name the file and line. Internal to common.
#ifndef VESTIGE_COMMON_SRC_TSV_TABLE_H_
#define VESTIGE_COMMON_SRC_TSV_TABLE_H_

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::common::tsv {

struct Row {
  std::size_t line = 0;            // 1-based line number in the file
  std::vector<std::string> cells;  // exactly the table's column count, each trimmed
};

// Splits on `sep`, keeping empty fields.
std::vector<std::string> Split(std::string_view text, char sep);
// Strips spaces and CRs at both ends.
std::string Trim(std::string_view s);
// A '|'-separated multi-valued cell: trimmed, empty values dropped.
std::vector<std::string> Multi(const std::string& cell);
// InvalidArgument "file:line: message".
Status LineError(const std::string& file, std::size_t line, const std::string& message);

// Reads a whole file; NotFound naming `what` when it cannot be opened.
Result<std::string> ReadFile(const std::string& path, const std::string& what);

// The data rows of a table: blank and '#' lines skipped; a first line starting "id\t" must equal
// `header`; every other line must have header's column count.
Result<std::vector<Row>> ReadRows(std::string_view tsv, const std::string& file,
                                  std::string_view header);

// Checks an id: not empty, only a-z 0-9 _, not seen before (adds it to `seen`).
Status CheckId(const std::string& id, std::set<std::string, std::less<>>* seen,
               const std::string& file, std::size_t line);

}  // namespace vestige::common::tsv

#endif  // VESTIGE_COMMON_SRC_TSV_TABLE_H_
