// The only file that calls SQLite (ARCHITECTURE.md).
#include <sqlite3.h>

#include "crawl_state.h"

namespace vestige::crawler {

namespace {

// Stored in PRAGMA user_version. Bump when a later version changes the table in a way this code
// cannot read; Open() refuses databases with a newer number.
constexpr int kStateSchemaVersion = 1;

// Format of each column:
//   url             canonical URL (vestige::common::CanonicalUrl)
//   first_seen      ISO 8601 UTC time of the first fetch ("2026-11-22T02:54:03.123456Z")
//   last_seen       ISO 8601 UTC time of the latest fetch
//   last_status     HTTP status of the latest fetch; 0 when no response arrived
//   last_error      why the latest fetch failed; "" when it did not
//   etag, last_modified   validators of the latest archived response, "" when absent
//   payload_digest  WARC-Payload-Digest of the latest archived response
//   warc_file, warc_offset  where that response record is (file name in warc/, byte offset)
//   fetch_count     fetches of this URL so far
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS urls (
  url TEXT PRIMARY KEY NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  payload_digest TEXT NOT NULL DEFAULT '',
  warc_file TEXT NOT NULL DEFAULT '',
  warc_offset INTEGER NOT NULL DEFAULT 0,
  fetch_count INTEGER NOT NULL DEFAULT 0
);
)sql";

constexpr const char* kUpsertArchived = R"sql(
INSERT INTO urls (url, first_seen, last_seen, last_status, last_error, etag, last_modified,
                  payload_digest, warc_file, warc_offset, fetch_count)
VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)
ON CONFLICT(url) DO UPDATE SET
  last_seen = excluded.last_seen, last_status = excluded.last_status,
  last_error = excluded.last_error, etag = excluded.etag, last_modified = excluded.last_modified,
  payload_digest = excluded.payload_digest, warc_file = excluded.warc_file,
  warc_offset = excluded.warc_offset, fetch_count = fetch_count + 1
)sql";

constexpr const char* kUpsertNotArchived = R"sql(
INSERT INTO urls (url, first_seen, last_seen, last_status, last_error, fetch_count)
VALUES (?1, ?2, ?2, ?3, ?4, 1)
ON CONFLICT(url) DO UPDATE SET
  last_seen = excluded.last_seen, last_status = excluded.last_status,
  last_error = excluded.last_error, fetch_count = fetch_count + 1
)sql";

constexpr const char* kFind = R"sql(
SELECT url, first_seen, last_seen, last_status, last_error, etag, last_modified, payload_digest,
       warc_file, warc_offset, fetch_count FROM urls WHERE url = ?1
)sql";

struct DbDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbDeleter>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

std::string Text(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t == nullptr ? "" : reinterpret_cast<const char*>(t);
}

}  // namespace

struct CrawlState::Impl {
  std::string path;
  Db db;
  Stmt upsert_archived;
  Stmt upsert_not_archived;
  Stmt find;
  bool in_batch = false;

  common::Status Error(const std::string& what) const {
    return common::Status::IOError(path + ": " + what + ": " + sqlite3_errmsg(db.get()));
  }
  common::Status Exec(const char* sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db.get(), sql, nullptr, nullptr, &message);
    std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    if (rc != SQLITE_OK) return common::Status::IOError(path + ": " + text);
    return common::Status::OK();
  }
  common::Result<Stmt> Prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &s, nullptr) != SQLITE_OK) {
      return Error("prepare");
    }
    return Stmt(s);
  }
  common::Status BeginIfNeeded() {
    if (in_batch) return common::Status::OK();
    VESTIGE_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    in_batch = true;
    return common::Status::OK();
  }
};

CrawlState::CrawlState(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CrawlState::~CrawlState() {
  if (impl_ && impl_->in_batch) (void)impl_->Exec("ROLLBACK");
}

common::Result<std::unique_ptr<CrawlState>> CrawlState::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  impl->db.reset(raw);
  if (rc != SQLITE_OK) {
    return common::Status::IOError(
        path + ": cannot open: " + (raw != nullptr ? sqlite3_errmsg(raw) : "out of memory"));
  }
  // Another process (a second crawler, a reader) may hold the lock briefly.
  sqlite3_busy_timeout(raw, 5000);
  // WAL: readers do not block the crawler's writes; synchronous=NORMAL is durable at each
  // checkpoint and consistent after a crash, which is what batched commits need.
  VESTIGE_RETURN_IF_ERROR(impl->Exec("PRAGMA journal_mode=WAL"));
  VESTIGE_RETURN_IF_ERROR(impl->Exec("PRAGMA synchronous=NORMAL"));
  sqlite3_stmt* version_stmt = nullptr;
  if (sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &version_stmt, nullptr) != SQLITE_OK) {
    return impl->Error("read schema version");
  }
  Stmt version_holder(version_stmt);
  int version = sqlite3_step(version_stmt) == SQLITE_ROW ? sqlite3_column_int(version_stmt, 0) : 0;
  if (version > kStateSchemaVersion) {
    return common::Status::FailedPrecondition(
        path + ": crawl state schema " + std::to_string(version) + " is newer than this " +
        "vestige-crawl understands (" + std::to_string(kStateSchemaVersion) + ")");
  }
  VESTIGE_RETURN_IF_ERROR(impl->Exec(kSchema));
  VESTIGE_RETURN_IF_ERROR(
      impl->Exec(("PRAGMA user_version=" + std::to_string(kStateSchemaVersion)).c_str()));
  auto upsert_archived = impl->Prepare(kUpsertArchived);
  if (!upsert_archived.ok()) return upsert_archived.status();
  auto upsert_not_archived = impl->Prepare(kUpsertNotArchived);
  if (!upsert_not_archived.ok()) return upsert_not_archived.status();
  auto find = impl->Prepare(kFind);
  if (!find.ok()) return find.status();
  impl->upsert_archived = std::move(*upsert_archived);
  impl->upsert_not_archived = std::move(*upsert_not_archived);
  impl->find = std::move(*find);
  return std::unique_ptr<CrawlState>(new CrawlState(std::move(impl)));
}

common::Status CrawlState::RecordFetch(const FetchRow& row) {
  Impl& s = *impl_;
  VESTIGE_RETURN_IF_ERROR(s.BeginIfNeeded());
  sqlite3_stmt* st = row.archived ? s.upsert_archived.get() : s.upsert_not_archived.get();
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  sqlite3_bind_text(st, 1, row.url.data(), static_cast<int>(row.url.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, row.time.data(), static_cast<int>(row.time.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int(st, 3, row.status);
  sqlite3_bind_text(st, 4, row.error.data(), static_cast<int>(row.error.size()), SQLITE_TRANSIENT);
  if (row.archived) {
    sqlite3_bind_text(st, 5, row.etag.data(), static_cast<int>(row.etag.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, row.last_modified.data(), static_cast<int>(row.last_modified.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, row.payload_digest.data(), static_cast<int>(row.payload_digest.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, row.warc_file.data(), static_cast<int>(row.warc_file.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 9, static_cast<sqlite3_int64>(row.warc_offset));
  }
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return s.Error("record " + row.url);
  return common::Status::OK();
}

common::Status CrawlState::Commit() {
  Impl& s = *impl_;
  if (!s.in_batch) return common::Status::OK();
  VESTIGE_RETURN_IF_ERROR(s.Exec("COMMIT"));
  s.in_batch = false;
  return common::Status::OK();
}

common::Result<std::optional<UrlRow>> CrawlState::Find(const std::string& url) {
  Impl& s = *impl_;
  sqlite3_stmt* st = s.find.get();
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, url.data(), static_cast<int>(url.size()), SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(st);
    return std::optional<UrlRow>();
  }
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    return s.Error("find " + url);
  }
  UrlRow row;
  row.url = Text(st, 0);
  row.first_seen = Text(st, 1);
  row.last_seen = Text(st, 2);
  row.last_status = sqlite3_column_int(st, 3);
  row.last_error = Text(st, 4);
  row.etag = Text(st, 5);
  row.last_modified = Text(st, 6);
  row.payload_digest = Text(st, 7);
  row.warc_file = Text(st, 8);
  row.warc_offset = static_cast<std::uint64_t>(sqlite3_column_int64(st, 9));
  row.fetch_count = sqlite3_column_int64(st, 10);
  sqlite3_reset(st);
  return std::optional<UrlRow>(std::move(row));
}

}  // namespace vestige::crawler
