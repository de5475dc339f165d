// The only file of the indexer that calls Xapian. See xapian_writer.h.
#include "xapian_writer.h"

#include <xapian.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/common/schema.h"

namespace vestige::indexer {
namespace {

using common::Result;
using common::Status;
namespace schema = common::schema;

// Xapian refuses terms longer than this (bytes).
constexpr std::size_t kMaxTermBytes = 245;
// wdf added per title word in the unprefixed (free-text) terms, on top of any body occurrences,
// so a query word found in the title ranks the page higher.
constexpr Xapian::termcount kTitleWdfInc = 3;
// Position gap between title and body and between paragraphs, so phrases do not span them.
constexpr Xapian::termpos kSectionGap = 100;

Status FromXapian(const Xapian::Error& e, const std::string& context) {
  // Xapian::Error is not polymorphic in 1.4: tell the subclasses apart by name.
  const std::string type = e.get_type();
  const std::string msg = context + ": " + type + ": " + e.get_msg();
  if (type == "DatabaseLockError") {
    return Status::FailedPrecondition("index is locked by another vestige-index (" + context +
                                      "): " + e.get_msg());
  }
  if (type == "DatabaseVersionError") {
    return Status::FailedPrecondition(msg + "; delete the index folder and re-run vestige-index");
  }
  if (type == "DatabaseCorruptError") return Status::Corruption(msg);
  if (type == "DatabaseOpeningError" || type == "DatabaseCreateError" ||
      type == "DatabaseNotFoundError" || type == "DatabaseError" ||
      type == "DatabaseModifiedError" || type == "DatabaseClosedError") {
    return Status::IOError(msg);
  }
  return Status::Internal(msg);
}

// Runs `fn`, converting any exception into a Status with `context`.
template <typename Fn>
Status Guarded(const std::string& context, Fn&& fn) {
  try {
    fn();
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, context);
  } catch (const std::bad_alloc&) {
    return Status::Internal(context + ": out of memory");
  } catch (const std::exception& e) {
    return Status::Internal(context + ": " + e.what());
  }
}

void AddBooleanTerm(Xapian::Document* doc, std::string_view prefix, const std::string& value) {
  if (value.empty()) return;
  std::string term(prefix);
  term += value;
  if (term.size() <= kMaxTermBytes) doc->add_boolean_term(term);
}

// A facet term whose wdf is the number of mentions, so that ranking can prefer a document about
// a person or crime over one that mentions it once. Boolean filters ignore the wdf.
void AddCountedTerm(Xapian::Document* doc, std::string_view prefix, const std::string& value,
                    int count) {
  if (value.empty()) return;
  std::string term(prefix);
  term += value;
  if (term.size() <= kMaxTermBytes) {
    doc->add_term(term, static_cast<Xapian::termcount>(std::max(count, 1)));
  }
}

// Ids joined by '\n', the multi-valued slot format schema.h describes for facet counting.
template <typename Mentions>
std::string JoinIds(const Mentions& mentions) {
  std::string out;
  for (const auto& m : mentions) {
    if (!out.empty()) out += '\n';
    out += m.id;
  }
  return out;
}

}  // namespace

struct PreparedDocument::Impl {
  Xapian::Document doc;
  std::string id_term;        // schema::IdTerm(url)
  std::string captured_time;  // kSlotCapturedTime
  std::string url;            // for error messages
};

PreparedDocument::PreparedDocument() = default;
PreparedDocument::~PreparedDocument() = default;
PreparedDocument::PreparedDocument(PreparedDocument&&) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&&) noexcept = default;
const std::string& PreparedDocument::id_term() const { return impl_->id_term; }

struct DocumentMaker::Impl {
  // Xapian 1.4's Snowball stemmers by the ISO 639-1 code GuessLanguage returns (Xapian::Stem
  // takes these codes). Any other language (be, uk, pl, und, ...) is indexed unstemmed: Xapian
  // has no Belarusian or Ukrainian stemmer, and the Russian one would mangle them.
  std::vector<std::pair<std::string, Xapian::Stem>> stemmers = [] {
    std::vector<std::pair<std::string, Xapian::Stem>> out;
    for (const char* code :
         {"ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "hu", "id", "ga",
          "it", "lt", "ne", "nb", "nn", "no", "pt", "ro", "ru", "es", "sv", "ta", "tr"}) {
      try {
        out.emplace_back(code, Xapian::Stem(code));
      } catch (const Xapian::Error&) {
        // An older Xapian 1.4 without this stemmer: that language goes unstemmed.
      }
    }
    return out;
  }();
  Xapian::Stem none;

  const Xapian::Stem& StemmerFor(const std::string& language) const {
    for (const auto& [code, stemmer] : stemmers) {
      if (code == language) return stemmer;
    }
    return none;
  }

  Xapian::Document MakeDocument(const Page& page) const {
    const common::IndexedDocument& d = page.doc;
    Xapian::Document doc;
    Xapian::TermGenerator tg;
    tg.set_document(doc);
    tg.set_stemmer(StemmerFor(d.language));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    tg.index_text(d.title, 1, std::string(schema::kPrefixTitle));
    tg.increase_termpos(kSectionGap);
    tg.index_text(d.title, kTitleWdfInc);
    for (const std::string& paragraph : page.paragraphs) {
      tg.increase_termpos(kSectionGap);
      tg.index_text(paragraph);
    }
    doc.add_boolean_term(schema::IdTerm(d.url));
    AddBooleanTerm(&doc, schema::kPrefixHost, page.host);
    AddBooleanTerm(&doc, schema::kPrefixLanguage, d.language);
    AddBooleanTerm(&doc, schema::kPrefixContentType, d.content_type);
    doc.add_value(schema::kSlotCaptured, page.captured_day);
    doc.add_value(schema::kSlotCapturedTime, page.captured_time);
    doc.add_value(schema::kSlotLanguage, d.language);
    doc.add_value(schema::kSlotHost, page.host);
    doc.add_value(schema::kSlotTextDigest, page.text_digest);
    std::string published_month;      // "YYYYMM", for kSlotFacets
    std::string newest = "00000000";  // sort keys: undated last in both directions
    std::string oldest = "99999999";
    if (d.published.size() == 10) {  // "YYYY-MM-DD" -> "YYYYMMDD"
      published_month = d.published.substr(0, 4) + d.published.substr(5, 2);
      newest = oldest = published_month + d.published.substr(8, 2);
      doc.add_value(schema::kSlotPublished, newest);
    }
    doc.add_value(schema::kSlotSortNewest, newest + page.captured_time);
    doc.add_value(schema::kSlotSortOldest, oldest + page.captured_time);
    for (const common::PersonMention& p : d.persons) {
      AddCountedTerm(&doc, schema::kPrefixPerson, p.id, p.count);
    }
    for (const common::CrimeMention& c : d.crimes) {
      AddCountedTerm(&doc, schema::kPrefixCrime, c.id, c.count);
    }
    if (!d.persons.empty()) doc.add_value(schema::kSlotPersons, JoinIds(d.persons));
    if (!d.crimes.empty()) doc.add_value(schema::kSlotCrimes, JoinIds(d.crimes));
    std::string facets = JoinIds(d.persons);
    for (const std::string& field : {JoinIds(d.crimes), page.host, d.language, published_month}) {
      facets += schema::kFacetSeparator;
      facets += field;
    }
    doc.add_value(schema::kSlotFacets, facets);
    for (const auto& [name, count] : page.candidates) {
      AddCountedTerm(&doc, schema::kPrefixCandidate, name, count);
    }
    doc.set_data(common::EncodeDocument(d));
    return doc;
  }
};

DocumentMaker::DocumentMaker() : impl_(std::make_unique<Impl>()) {}
DocumentMaker::~DocumentMaker() = default;

Result<PreparedDocument> DocumentMaker::Make(const Page& page) {
  PreparedDocument prepared;
  Status st = Guarded(page.doc.url, [&] {
    auto impl = std::make_unique<PreparedDocument::Impl>();
    impl->doc = impl_->MakeDocument(page);
    impl->id_term = schema::IdTerm(page.doc.url);
    impl->captured_time = page.captured_time;
    impl->url = page.doc.url;
    prepared.impl_ = std::move(impl);
  });
  if (!st.ok()) return st;
  return prepared;
}

struct XapianWriter::Impl {
  std::string path;
  Xapian::WritableDatabase db;
  bool in_transaction = false;
  DocumentMaker maker;  // for Put(const Page&)
};

XapianWriter::XapianWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

XapianWriter::~XapianWriter() {
  if (!impl_) return;
  try {
    if (impl_->in_transaction) impl_->db.cancel_transaction();
    impl_->db.close();
  } catch (const Xapian::Error&) {
    // Nothing to do: uncommitted changes are gone either way, and the lock dies with us.
  }
}

Result<std::unique_ptr<XapianWriter>> XapianWriter::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  Status failed;
  Status st = Guarded(path, [&] {
    impl->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    const std::string key(schema::kSchemaVersionKey);
    const std::string want = std::to_string(schema::kSchemaVersion);
    const std::string have = impl->db.get_metadata(key);
    if (have.empty()) {
      if (impl->db.get_doccount() > 0) {
        failed = Status::FailedPrecondition(
            path +
            " holds documents but no schema version: it was not built by vestige-index. "
            "Delete it (or choose another collection) and re-run vestige-index");
        return;
      }
      impl->db.set_metadata(key, want);
      impl->db.commit();
    } else if (have != want) {
      failed = Status::FailedPrecondition(
          path + " was built with index schema version " + have + ", this vestige-index writes " +
          "version " + want + ": delete " + path + " and re-run vestige-index to rebuild it");
      return;
    }
    impl->db.begin_transaction(/*flushed=*/true);
    impl->in_transaction = true;
  });
  if (!st.ok()) return st;
  if (!failed.ok()) return failed;  // the Impl's database closes without writing anything
  return std::unique_ptr<XapianWriter>(new XapianWriter(std::move(impl)));
}

Result<std::string> XapianWriter::GetMetadata(const std::string& key) {
  std::string value;
  Status st = Guarded(impl_->path, [&] { value = impl_->db.get_metadata(key); });
  if (!st.ok()) return st;
  return value;
}

Result<PutOutcome> XapianWriter::Put(PreparedDocument doc) {
  PreparedDocument::Impl& d = *doc.impl_;
  PutOutcome outcome = PutOutcome::kAdded;
  Status st = Guarded(impl_->path + ": " + d.url, [&] {
    Xapian::PostingIterator it = impl_->db.postlist_begin(d.id_term);
    if (it != impl_->db.postlist_end(d.id_term)) {
      const std::string existing = impl_->db.get_document(*it).get_value(schema::kSlotCapturedTime);
      if (existing > d.captured_time) {
        outcome = PutOutcome::kKeptNewer;
        return;
      }
      outcome = PutOutcome::kReplaced;
    }
    impl_->db.replace_document(d.id_term, d.doc);
  });
  if (!st.ok()) return st;
  return outcome;
}

Result<PutOutcome> XapianWriter::Put(const Page& page) {
  Result<PreparedDocument> doc = impl_->maker.Make(page);
  if (!doc.ok()) return doc.status();
  return Put(std::move(doc).value());
}

Status XapianWriter::Commit(const std::vector<std::pair<std::string, std::string>>& metadata) {
  return Guarded(impl_->path + ": commit", [&] {
    for (const auto& [key, value] : metadata) impl_->db.set_metadata(key, value);
    // The transaction is committed explicitly (never by a destructor); a new one starts at once
    // so the next batch is again all-or-nothing.
    impl_->in_transaction = false;
    impl_->db.commit_transaction();
    impl_->db.begin_transaction(/*flushed=*/true);
    impl_->in_transaction = true;
  });
}

}  // namespace vestige::indexer
