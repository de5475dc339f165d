// IndexedDocument <-> JSON, with nlohmann-json (used only in this file of vestige_common).
//
// The JSON object's keys are the struct's field names; "warc" is a nested object, "persons" and
// "crimes" arrays of objects. nlohmann orders keys alphabetically, so the same document always
// encodes to the same bytes. Decoding: "url" is required, every other field may be missing (it
// gets the struct's default), unknown keys are ignored (room for additions), and a field of the
// wrong type makes the whole document Corruption. Text that is not valid UTF-8 is encoded with
// U+FFFD in place of the bad bytes (JSON must be UTF-8), so only valid UTF-8 round-trips exactly.
#include "vestige/common/document.h"

#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace vestige::common {
namespace {

using Json = nlohmann::json;

// Reads optional fields of one JSON object; remembers the first type error.
class Reader {
 public:
  Reader(const Json& object, std::string path) : object_(object), path_(std::move(path)) {}

  const Json* Find(const char* key) {
    if (!object_.is_object()) {
      Fail(path_.empty() ? "document" : path_, "an object");
      return nullptr;
    }
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  void String(const char* key, std::string& out) {
    const Json* v = Find(key);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(key, "a string");
    out = v->get_ref<const std::string&>();
  }
  void Unsigned(const char* key, std::uint64_t& out) {
    const Json* v = Find(key);
    if (v == nullptr) return;
    if (!v->is_number_unsigned()) {
      // Non-negative integers parse as unsigned; anything else is wrong.
      return Fail(key, "a non-negative integer");
    }
    out = v->get<std::uint64_t>();
  }
  void Int(const char* key, int& out) {
    const Json* v = Find(key);
    if (v == nullptr) return;
    if (!v->is_number_integer()) return Fail(key, "an integer");
    if (v->is_number_unsigned()) {
      const auto u = v->get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        return Fail(key, "an int");
      }
      out = static_cast<int>(u);
      return;
    }
    const auto i = v->get<std::int64_t>();
    if (i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max()) {
      return Fail(key, "an int");
    }
    out = static_cast<int>(i);
  }
  void Double(const char* key, double& out) {
    const Json* v = Find(key);
    if (v == nullptr) return;
    if (!v->is_number()) return Fail(key, "a number");
    out = v->get<double>();
  }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void Fail(std::string_view key, std::string_view want) {
    if (!error_.empty()) return;
    error_ = "field '";
    if (!path_.empty() && key != path_) error_ += path_ + ".";
    error_ += std::string(key) + "' is not " + std::string(want);
  }

 private:
  const Json& object_;
  std::string path_;
  std::string error_;
};

// Encoded numbers must stay numbers: NaN and infinities would come back as null.
double FiniteOrZero(double v) { return std::isfinite(v) ? v : 0.0; }

Result<IndexedDocument> Decode(const Json& root) {
  if (!root.is_object()) return Status::Corruption("document is not a JSON object");
  IndexedDocument doc;
  Reader r(root, "");
  const auto url = root.find("url");
  if (url == root.end() || !url->is_string()) {
    return Status::Corruption("document has no 'url' string");
  }
  r.String("url", doc.url);
  r.String("title", doc.title);
  r.String("language", doc.language);
  r.String("content_type", doc.content_type);
  r.String("captured", doc.captured);
  r.String("published", doc.published);
  r.String("published_source", doc.published_source);
  r.Double("published_confidence", doc.published_confidence);
  r.String("text", doc.text);
  if (!r.ok()) return Status::Corruption(r.error());

  if (const Json* warc = r.Find("warc")) {
    Reader w(*warc, "warc");
    w.String("file", doc.warc.file);
    w.Unsigned("offset", doc.warc.offset);
    w.Unsigned("length", doc.warc.length);
    w.String("record_id", doc.warc.record_id);
    w.String("payload_digest", doc.warc.payload_digest);
    if (!w.ok()) return Status::Corruption(w.error());
  }
  if (const Json* persons = r.Find("persons")) {
    if (!persons->is_array()) return Status::Corruption("field 'persons' is not an array");
    doc.persons.reserve(persons->size());
    for (const Json& item : *persons) {
      PersonMention p;
      Reader pr(item, "persons[]");
      pr.String("id", p.id);
      pr.String("name", p.name);
      pr.Int("count", p.count);
      pr.String("alias", p.alias);
      if (!pr.ok()) return Status::Corruption(pr.error());
      doc.persons.push_back(std::move(p));
    }
  }
  if (const Json* crimes = r.Find("crimes")) {
    if (!crimes->is_array()) return Status::Corruption("field 'crimes' is not an array");
    doc.crimes.reserve(crimes->size());
    for (const Json& item : *crimes) {
      CrimeMention c;
      Reader cr(item, "crimes[]");
      cr.String("id", c.id);
      cr.String("label", c.label);
      cr.Int("count", c.count);
      if (!cr.ok()) return Status::Corruption(cr.error());
      doc.crimes.push_back(std::move(c));
    }
  }
  return doc;
}

// JSON nesting deeper than this is not a document of ours; refusing it early bounds the work.
constexpr int kMaxJsonDepth = 16;

bool NestsTooDeep(std::string_view data) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

}  // namespace

std::string EncodeDocument(const IndexedDocument& doc) {
  Json j = Json::object();
  j["url"] = doc.url;
  j["title"] = doc.title;
  j["language"] = doc.language;
  j["content_type"] = doc.content_type;
  j["captured"] = doc.captured;
  j["published"] = doc.published;
  j["published_source"] = doc.published_source;
  j["published_confidence"] = FiniteOrZero(doc.published_confidence);
  j["text"] = doc.text;
  j["warc"] = {{"file", doc.warc.file},
               {"offset", doc.warc.offset},
               {"length", doc.warc.length},
               {"record_id", doc.warc.record_id},
               {"payload_digest", doc.warc.payload_digest}};
  Json persons = Json::array();
  for (const PersonMention& p : doc.persons) {
    persons.push_back({{"id", p.id}, {"name", p.name}, {"count", p.count}, {"alias", p.alias}});
  }
  j["persons"] = std::move(persons);
  Json crimes = Json::array();
  for (const CrimeMention& c : doc.crimes) {
    crimes.push_back({{"id", c.id}, {"label", c.label}, {"count", c.count}});
  }
  j["crimes"] = std::move(crimes);
  // replace: invalid UTF-8 becomes U+FFFD instead of an exception.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<IndexedDocument> DecodeDocument(std::string_view data) {
  if (NestsTooDeep(data)) return Status::Corruption("document JSON nests too deep");
  try {
    const Json root = Json::parse(data.begin(), data.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return Status::Corruption("document is not valid JSON");
    return Decode(root);
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("document does not decode: ") + e.what());
  }
}

}  // namespace vestige::common
