// ListCandidates: reads the XN terms of an index (Xapian, read-only). See entities.h.
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "vestige/common/schema.h"
#include "vestige/indexer/entities.h"

namespace vestige::indexer {

common::Result<std::vector<CandidateCount>> ListCandidates(const std::string& collection_dir) {
  const std::filesystem::path index = std::filesystem::path(collection_dir) / "index";
  std::error_code ec;
  if (!std::filesystem::is_directory(index, ec)) {
    return common::Status::NotFound("no index at " + index.string() + ": run vestige-index first");
  }
  std::vector<CandidateCount> out;
  try {
    Xapian::Database db(index.string());
    const std::string prefix(common::schema::kPrefixCandidate);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      CandidateCount c;
      c.name = (*it).substr(prefix.size());
      c.documents = it.get_termfreq();
      c.occurrences = db.get_collection_freq(*it);
      out.push_back(std::move(c));
    }
  } catch (const Xapian::DatabaseCorruptError& e) {
    return common::Status::Corruption("index " + index.string() + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return common::Status::IOError("index " + index.string() + ": " + e.get_msg());
  }
  std::stable_sort(out.begin(), out.end(), [](const CandidateCount& a, const CandidateCount& b) {
    if (a.documents != b.documents) return a.documents > b.documents;
    return a.occurrences > b.occurrences;
  });
  return out;
}

}  // namespace vestige::indexer
