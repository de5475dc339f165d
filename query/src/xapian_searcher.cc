// Searcher: the Xapian seam of the query side. Every Xapian call of the searcher happens here (and
// in xapian_query.cc for parsing); every Xapian::Error is caught here and becomes a Status.
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/common/schema.h"
#include "vestige/common/status.h"
#include "vestige/query/searcher.h"
#include "xapian_facets.h"
#include "xapian_filters.h"
#include "xapian_query.h"
#include "xapian_snippet.h"

namespace vestige::query {
namespace {

using common::Result;
using common::Status;
namespace fs = std::filesystem;
namespace schema = common::schema;

Status FromXapian(const Xapian::Error& e, const std::string& context) {
  std::string msg = context + ": " + e.get_type() + ": " + e.get_msg();
  const char* os_error = e.get_error_string();  // errno text, when the OS was involved
  if (os_error != nullptr && *os_error != '\0') msg += " (" + std::string(os_error) + ")";
  // Xapian::Error has no virtual functions in 1.4, so dynamic_cast cannot tell the kinds apart;
  // get_type() names the class.
  const std::string_view type = e.get_type();
  if (type == "DatabaseNotFoundError") return Status::NotFound(msg);
  if (type == "DatabaseCorruptError") return Status::Corruption(msg);
  if (type == "DatabaseVersionError") return Status::FailedPrecondition(msg);
  if (type == "DatabaseOpeningError") return Status::IOError(msg);
  if (type == "NetworkError" || type == "NetworkTimeoutError") return Status::Unavailable(msg);
  if (type == "QueryParserError" || type == "WildcardError") {
    return Status::InvalidArgument("bad query: " + e.get_msg());
  }
  return Status::Internal(msg);
}

// How to rebuild, for error messages: with the collection folder when we know it.
std::string RebuildAdvice(const fs::path& index, const std::optional<fs::path>& collection) {
  std::string advice = "to rebuild, delete " + index.string() + " and re-run vestige-index";
  if (collection) advice += " --collection " + collection->string();
  return advice;
}

Status CheckSchemaVersion(const Xapian::Database& shard, const fs::path& path,
                          const std::optional<fs::path>& collection) {
  const std::string found = shard.get_metadata(std::string(schema::kSchemaVersionKey));
  const std::string expected = std::to_string(schema::kSchemaVersion);
  if (found == expected) return Status::OK();
  std::string msg = "index at " + path.string();
  if (found.empty()) {
    msg += " has no schema version (metadata key " + std::string(schema::kSchemaVersionKey) +
           " is missing)";
  } else {
    msg += " has schema version " + found;
  }
  msg += "; this vestige-query reads schema version " + expected + ": ";
  bool newer = false;
  if (!found.empty() && found.size() < 10 &&
      std::all_of(found.begin(), found.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    newer = std::stoi(found) > schema::kSchemaVersion;
  }
  if (newer) msg += "upgrade vestige-query, or ";
  msg += RebuildAdvice(path, collection);
  return Status::FailedPrecondition(msg);
}

// Opens one database folder or stub file and checks its schema version.
Result<Xapian::Database> OpenShard(const fs::path& path,
                                   const std::optional<fs::path>& collection) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    std::string msg = "no index at " + path.string();
    if (collection) msg += ": run vestige-index --collection " + collection->string() + " first";
    return Status::NotFound(msg);
  }
  try {
    Xapian::Database shard(path.string());
    VESTIGE_RETURN_IF_ERROR(CheckSchemaVersion(shard, path, collection));
    return shard;
  } catch (const Xapian::DatabaseNotFoundError& e) {
    std::string msg = "no index at " + path.string() + " (" + e.get_msg() + ")";
    if (collection) msg += ": run vestige-index --collection " + collection->string() + " first";
    return Status::NotFound(msg);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "cannot open index " + path.string());
  } catch (const std::exception& e) {
    return Status::Internal("cannot open index " + path.string() + ": " + e.what());
  }
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos;
}

// The slot that --sort newest/oldest sorts by, with Xapian's built-in sort by value (a KeyMaker
// would not run on remote shards). The published-date sort slots put undated documents last in
// both directions and break ties by capture time; every document has a capture time.
Xapian::valueno SortSlot(const SearchRequest& request) {
  if (request.date_field == DateField::kCaptured) return schema::kSlotCapturedTime;
  return request.sort == SortOrder::kNewest ? schema::kSlotSortNewest : schema::kSlotSortOldest;
}

Result<SearchResults> RunSearch(const Xapian::Database& db, const SearchRequest& request) {
  internal::ParseContext context;
  context.max_wildcard_terms = request.max_wildcard_terms;
  context.alias_resolver = request.alias_resolver;
  context.crime_resolver = request.crime_resolver;
  context.exact = request.exact;
  Result<internal::ParsedQuery> parsed = internal::ParseQuery(request.query, db, context);
  if (!parsed.ok()) return parsed.status();
  const bool filtered = internal::HasFilters(request);
  if (parsed->query.empty() && !filtered) {
    return Status::InvalidArgument("empty query (give words to search for, or a filter)");
  }

  SearchResults results;
  results.query = request.query;
  results.offset = request.offset;
  results.limit = request.limit;
  results.stemmer = parsed->stemmer_name;

  const Xapian::doccount db_size = db.get_doccount();
  const Xapian::Query query =
      internal::Restrict(parsed->query, internal::FilterQuery(request, /*include_date=*/true));
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (request.collapse) enquire.set_collapse_key(schema::kSlotTextDigest);
  if (request.sort != SortOrder::kRelevance) {
    enquire.set_sort_by_value_then_relevance(SortSlot(request),
                                             /*reverse=*/request.sort == SortOrder::kNewest);
  }
  internal::FacetSpy spy;
  if (request.facets) spy.AddTo(enquire);
  const std::uint64_t wanted = std::uint64_t{request.offset} + request.limit;
  std::uint64_t at_least = std::max<std::uint64_t>(request.exact_count_threshold, wanted);
  // Facets must see every match: examine the whole database (exact up to its size).
  if (request.facets) at_least = std::max<std::uint64_t>(at_least, db_size);
  const auto check_at_least = static_cast<Xapian::doccount>(
      std::min<std::uint64_t>(at_least, std::numeric_limits<Xapian::doccount>::max()));
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);
  results.total.estimated = mset.get_matches_estimated();
  results.total.lower_bound = mset.get_matches_lower_bound();
  results.total.upper_bound = mset.get_matches_upper_bound();
  if (request.facets) {
    results.has_facets = true;
    results.facets = spy.Collect();
  }
  // When every document has a published date (the value statistics of slot 0, kept by Xapian
  // and summed over shards) no match can be left out for lacking one: skip the second pass.
  if (internal::HasPublishedDateFilter(request) &&
      db.get_value_freq(schema::kSlotPublished) < db_size) {
    // The same search without the date range, restricted to documents with no published date.
    Xapian::Enquire undated(db);
    undated.set_query(
        Xapian::Query(Xapian::Query::OP_AND_NOT,
                      internal::Restrict(parsed->query, internal::FilterQuery(request, false)),
                      internal::HasPublishedDate()));
    if (request.collapse) undated.set_collapse_key(schema::kSlotTextDigest);
    results.undated_left_out = undated.get_mset(0, 0, db_size).get_matches_estimated();
  }

  const internal::SnippetMaker snippets(mset, query, parsed->stemmer, request.snippet_bytes);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::docid docid = *it;
    Result<common::IndexedDocument> doc = common::DecodeDocument(it.get_document().get_data());
    if (!doc.ok()) {
      results.warnings.push_back("document " + std::to_string(docid) + ": " +
                                 doc.status().ToString() + " (skipped)");
      continue;
    }
    Hit hit;
    hit.rank = std::uint64_t{it.get_rank()} + 1;
    hit.percent = it.get_percent();
    hit.weight = it.get_weight();
    hit.docid = docid;
    hit.snippet = snippets.Make(doc->text);
    hit.document = std::move(doc).value();
    results.hits.push_back(std::move(hit));
  }
  return results;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() < 10 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<Hit> GetDocument(const Xapian::Database& db, std::string_view url_or_id) {
  Xapian::docid docid = 0;
  if (AllDigits(url_or_id)) {
    docid = static_cast<Xapian::docid>(std::stoul(std::string(url_or_id)));
  } else {
    std::vector<std::string> candidates{std::string(url_or_id)};
    if (url_or_id.ends_with('/')) {
      candidates.emplace_back(url_or_id.substr(0, url_or_id.size() - 1));
    } else {
      candidates.push_back(std::string(url_or_id) + "/");
    }
    for (const std::string& url : candidates) {
      const std::string term = schema::IdTerm(url);
      auto it = db.postlist_begin(term);
      if (it != db.postlist_end(term)) {
        docid = *it;
        break;
      }
    }
  }
  if (docid == 0) {
    return Status::NotFound("no document " + std::string(url_or_id) + " in the index");
  }
  Xapian::Document xdoc;
  try {
    xdoc = db.get_document(docid);
  } catch (const Xapian::DocNotFoundError&) {
    return Status::NotFound("no document " + std::string(url_or_id) + " in the index");
  }
  Result<common::IndexedDocument> doc = common::DecodeDocument(xdoc.get_data());
  if (!doc.ok()) return doc.status();
  Hit hit;
  hit.docid = docid;
  hit.document = std::move(doc).value();
  return hit;
}

}  // namespace

struct Searcher::Impl {
  Xapian::Database db;
};

fs::path CollectionIndexPath(const fs::path& collection_dir) { return collection_dir / "index"; }

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

namespace {

Result<Xapian::Database> OpenAll(const std::vector<fs::path>& paths,
                                 const std::optional<fs::path>& collection) {
  if (paths.empty()) return Status::InvalidArgument("no index given");
  Xapian::Database combined;
  for (const fs::path& path : paths) {
    Result<Xapian::Database> shard = OpenShard(path, collection);
    if (!shard.ok()) return shard.status();
    try {
      combined.add_database(*shard);
    } catch (const Xapian::Error& e) {
      return FromXapian(e, "cannot add index " + path.string());
    }
  }
  return combined;
}

}  // namespace

Result<Searcher> Searcher::OpenCollection(const fs::path& collection_dir) {
  Result<Xapian::Database> db =
      OpenAll({CollectionIndexPath(collection_dir)}, std::optional<fs::path>(collection_dir));
  if (!db.ok()) return db.status();
  return Searcher(std::make_unique<Impl>(Impl{std::move(db).value()}));
}

Result<Searcher> Searcher::Open(const std::vector<fs::path>& index_paths) {
  Result<Xapian::Database> db = OpenAll(index_paths, std::nullopt);
  if (!db.ok()) return db.status();
  return Searcher(std::make_unique<Impl>(Impl{std::move(db).value()}));
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  if (IsBlank(request.query) && !internal::HasFilters(request)) {
    return Status::InvalidArgument("empty query (give words to search for, or a filter)");
  }
  // A writer committing twice while we read invalidates our revision (DatabaseModifiedError):
  // reopen at the latest revision and try once more.
  for (int attempt = 0;; ++attempt) {
    try {
      if (attempt > 0) impl_->db.reopen();
      return RunSearch(impl_->db, request);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 1) return FromXapian(e, "search");
    } catch (const Xapian::Error& e) {
      return FromXapian(e, "search");
    } catch (const std::exception& e) {
      return Status::Internal(std::string("search: ") + e.what());
    }
  }
}

Result<Hit> Searcher::Get(std::string_view url_or_id) {
  try {
    return GetDocument(impl_->db, url_or_id);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "show " + std::string(url_or_id));
  }
}

std::uint64_t Searcher::document_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace vestige::query
