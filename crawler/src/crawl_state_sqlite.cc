// The only file that calls SQLite (ARCHITECTURE.md).
#include <sqlite3.h>

#include <functional>
#include <map>
#include <string_view>

#include "crawl_state.h"

namespace vestige::crawler {

namespace {

// Stored in PRAGMA user_version. Bump when a later version changes the table in a way this code
// cannot read; Open() refuses databases with a newer number.
constexpr int kStateSchemaVersion = 2;

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
//   record_id, capture_date  WARC-Record-ID and WARC-Date of that response record
// runs: one row per run (finished "" while running or after a kill); queue: the frontier of the
// unfinished run; run_urls: outcome per run and URL; meta: "warc_mark" = "<file>\t<offset>", the
// end of the WARC bytes the committed state covers.
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
  fetch_count INTEGER NOT NULL DEFAULT 0,
  record_id TEXT NOT NULL DEFAULT '',
  capture_date TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS runs (
  run INTEGER PRIMARY KEY AUTOINCREMENT,
  started TEXT NOT NULL,
  finished TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS queue (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  url TEXT UNIQUE NOT NULL,
  host_key TEXT NOT NULL,
  scope TEXT NOT NULL,
  hops INTEGER NOT NULL DEFAULT 0,
  seed INTEGER NOT NULL DEFAULT 0,
  depth INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL DEFAULT 'page'
);
CREATE TABLE IF NOT EXISTS run_urls (
  run INTEGER NOT NULL,
  url TEXT NOT NULL,
  kind TEXT NOT NULL,
  outcome TEXT NOT NULL,
  status INTEGER NOT NULL DEFAULT 0,
  time TEXT NOT NULL,
  PRIMARY KEY (run, url)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
)sql";

// Columns added by schema 2 to a schema 1 `urls` table.
constexpr const char* kUpgrade1To2 = R"sql(
ALTER TABLE urls ADD COLUMN record_id TEXT NOT NULL DEFAULT '';
ALTER TABLE urls ADD COLUMN capture_date TEXT NOT NULL DEFAULT '';
)sql";

constexpr const char* kUpsertArchived = R"sql(
INSERT INTO urls (url, first_seen, last_seen, last_status, last_error, etag, last_modified,
                  payload_digest, warc_file, warc_offset, fetch_count, record_id, capture_date)
VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?2)
ON CONFLICT(url) DO UPDATE SET
  last_seen = excluded.last_seen, last_status = excluded.last_status,
  last_error = excluded.last_error, etag = excluded.etag, last_modified = excluded.last_modified,
  payload_digest = excluded.payload_digest, warc_file = excluded.warc_file,
  warc_offset = excluded.warc_offset, fetch_count = fetch_count + 1,
  record_id = excluded.record_id, capture_date = excluded.capture_date
)sql";

constexpr const char* kUpsertRevisit = R"sql(
UPDATE urls SET last_seen = ?2, last_status = ?3, last_error = ?4,
  etag = CASE WHEN ?5 = '' THEN etag ELSE ?5 END,
  last_modified = CASE WHEN ?6 = '' THEN last_modified ELSE ?6 END,
  fetch_count = fetch_count + 1
WHERE url = ?1
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
       warc_file, warc_offset, fetch_count, record_id, capture_date FROM urls WHERE url = ?1
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

  // Statements by SQL text, prepared once: parsing the SQL again for every row was a tenth of
  // the crawler's CPU time. Declared after `db`, so they are finalized before it closes.
  std::map<std::string, Stmt, std::less<>> cache;

  // Binds `args` (std::string or integers) as ?1, ?2, ... to the (cached) statement for `sql`
  // and steps it until done, calling `on_row` for each row. IOError on failure.
  template <typename... Args>
  common::Status Run(const char* sql, const std::function<void(sqlite3_stmt*)>& on_row,
                     const Args&... args) {
    auto it = cache.find(std::string_view(sql));
    if (it == cache.end()) {
      common::Result<Stmt> st = Prepare(sql);
      if (!st.ok()) return st.status();
      it = cache.emplace(sql, std::move(*st)).first;
    }
    sqlite3_stmt* st = it->second.get();
    int index = 0;
    (Bind(st, ++index, args), ...);
    common::Status status;
    while (true) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        if (on_row) on_row(st);
        continue;
      }
      if (rc != SQLITE_DONE) status = Error(sql);
      break;
    }
    // Ready for the next use, holding no read lock and no bound copies meanwhile.
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return status;
  }
  static void Bind(sqlite3_stmt* st, int index, const std::string& v) {
    sqlite3_bind_text(st, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  static void Bind(sqlite3_stmt* st, int index, std::int64_t v) {
    sqlite3_bind_int64(st, index, static_cast<sqlite3_int64>(v));
  }
  static void Bind(sqlite3_stmt* st, int index, int v) { sqlite3_bind_int(st, index, v); }

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
  // A 256 KiB page cache instead of SQLite's 2 MiB: the crawl reads one URL's row at a time and
  // the OS caches the file anyway. Peak RSS of the 5,384-page bench crawl: 1.6 MB less at 512
  // KiB, its pages/s unmoved (bench/README.md); 0.3 MB less again at 256 KiB, its CPU unmoved,
  // and on a 49,672-page crawl 0.2 MB less for 1.6% more CPU (more reads of the file; issue 3).
  VESTIGE_RETURN_IF_ERROR(impl->Exec("PRAGMA cache_size=-256"));
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
  if (version == 1) VESTIGE_RETURN_IF_ERROR(impl->Exec(kUpgrade1To2));
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
  if (row.revisit) {
    return s.Run(kUpsertRevisit, nullptr, row.url, row.time, row.status, row.error, row.etag,
                 row.last_modified);
  }
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
    sqlite3_bind_text(st, 10, row.record_id.data(), static_cast<int>(row.record_id.size()),
                      SQLITE_TRANSIENT);
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
  row.record_id = Text(st, 11);
  row.capture_date = Text(st, 12);
  sqlite3_reset(st);
  return std::optional<UrlRow>(std::move(row));
}

common::Result<std::optional<RunRow>> CrawlState::LastRun() {
  std::optional<RunRow> out;
  VESTIGE_RETURN_IF_ERROR(
      impl_->Run("SELECT run, started, finished FROM runs ORDER BY run DESC LIMIT 1",
                 [&out](sqlite3_stmt* st) {
                   out = RunRow{sqlite3_column_int64(st, 0), Text(st, 1), Text(st, 2)};
                 }));
  return out;
}

common::Result<std::vector<RunRow>> CrawlState::Runs() {
  std::vector<RunRow> out;
  VESTIGE_RETURN_IF_ERROR(
      impl_->Run("SELECT run, started, finished FROM runs ORDER BY run", [&out](sqlite3_stmt* st) {
        out.push_back({sqlite3_column_int64(st, 0), Text(st, 1), Text(st, 2)});
      }));
  return out;
}

common::Result<std::int64_t> CrawlState::StartRun(const std::string& started) {
  VESTIGE_RETURN_IF_ERROR(impl_->BeginIfNeeded());
  VESTIGE_RETURN_IF_ERROR(
      impl_->Run("DELETE FROM queue", nullptr));  // a finished run leaves none; be sure
  VESTIGE_RETURN_IF_ERROR(impl_->Run("INSERT INTO runs (started) VALUES (?1)", nullptr, started));
  std::int64_t id = sqlite3_last_insert_rowid(impl_->db.get());
  VESTIGE_RETURN_IF_ERROR(Commit());
  return id;
}

common::Status CrawlState::FinishRun(std::int64_t run, const std::string& finished) {
  VESTIGE_RETURN_IF_ERROR(impl_->BeginIfNeeded());
  VESTIGE_RETURN_IF_ERROR(impl_->Run("DELETE FROM queue", nullptr));
  return impl_->Run("UPDATE runs SET finished = ?2 WHERE run = ?1", nullptr, run, finished);
}

common::Status CrawlState::Enqueue(const QueuedRow& r) {
  VESTIGE_RETURN_IF_ERROR(impl_->BeginIfNeeded());
  return impl_->Run(
      "INSERT OR IGNORE INTO queue (url, host_key, scope, hops, seed, depth, kind) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      nullptr, r.url, r.host_key, r.scope, r.hops, r.seed ? 1 : 0, r.depth, r.kind);
}

common::Status CrawlState::Dequeue(const std::string& url) {
  VESTIGE_RETURN_IF_ERROR(impl_->BeginIfNeeded());
  return impl_->Run("DELETE FROM queue WHERE url = ?1", nullptr, url);
}

common::Result<std::vector<QueuedRow>> CrawlState::Queue() {
  std::vector<QueuedRow> out;
  VESTIGE_RETURN_IF_ERROR(impl_->Run(
      "SELECT url, host_key, scope, hops, seed, depth, kind FROM queue ORDER BY seq",
      [&out](sqlite3_stmt* st) {
        out.push_back({Text(st, 0), Text(st, 1), Text(st, 2), sqlite3_column_int(st, 3),
                       sqlite3_column_int(st, 4) != 0, sqlite3_column_int(st, 5), Text(st, 6)});
      }));
  return out;
}

common::Status CrawlState::RecordOutcome(std::int64_t run, const RunUrlRow& r) {
  VESTIGE_RETURN_IF_ERROR(impl_->BeginIfNeeded());
  return impl_->Run(
      "INSERT INTO run_urls (run, url, kind, outcome, status, time) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6) "
      "ON CONFLICT(run, url) DO UPDATE SET kind = excluded.kind, outcome = excluded.outcome, "
      "status = excluded.status, time = excluded.time",
      nullptr, run, r.url, r.kind, r.outcome, r.status, r.time);
}

common::Result<std::vector<RunUrlRow>> CrawlState::RunUrls(std::int64_t run) {
  std::vector<RunUrlRow> out;
  VESTIGE_RETURN_IF_ERROR(impl_->Run(
      "SELECT url, kind, outcome, status, time FROM run_urls WHERE run = ?1 ORDER BY time, url",
      [&out](sqlite3_stmt* st) {
        out.push_back(
            {Text(st, 0), Text(st, 1), Text(st, 2), sqlite3_column_int(st, 3), Text(st, 4)});
      },
      run));
  return out;
}

common::Status CrawlState::SetMeta(const std::string& key, const std::string& value) {
  VESTIGE_RETURN_IF_ERROR(impl_->BeginIfNeeded());
  return impl_->Run("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", nullptr, key,
                    value);
}

common::Result<std::string> CrawlState::GetMeta(const std::string& key) {
  std::string out;
  VESTIGE_RETURN_IF_ERROR(impl_->Run(
      "SELECT value FROM meta WHERE key = ?1", [&out](sqlite3_stmt* st) { out = Text(st, 0); },
      key));
  return out;
}

}  // namespace vestige::crawler
