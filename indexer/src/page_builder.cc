// One WARC record to one page. See page_builder.h.
#include "page_builder.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stage_timer.h"
#include "text_digest.h"
#include "vestige/common/date.h"
#include "vestige/common/html.h"
#include "vestige/common/http.h"
#include "vestige/common/url.h"
#include "vestige/indexer/charset.h"
#include "vestige/indexer/date_extract.h"
#include "vestige/indexer/language.h"
#include "vestige/indexer/parse_options.h"
#include "vestige/indexer/text_extract.h"

namespace vestige::indexer {
namespace {

using common::WarcRecord;
using common::WarcType;

PageResult Outcome(PageOutcome outcome, std::string message) {
  PageResult r;
  r.outcome = outcome;
  r.message = std::move(message);
  return r;
}

bool IsHtmlMime(std::string_view mime) {
  return mime == "text/html" || mime == "application/xhtml+xml";
}

// For a response without Content-Type: does the payload start like an HTML document?
bool LooksLikeHtml(std::string_view payload) {
  if (payload.substr(0, 3) == "\xEF\xBB\xBF") payload.remove_prefix(3);
  while (!payload.empty() && (payload.front() == ' ' || payload.front() == '\t' ||
                              payload.front() == '\r' || payload.front() == '\n')) {
    payload.remove_prefix(1);
  }
  auto starts = [&](std::string_view prefix) {
    if (payload.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = payload[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts("<!doctype html") || starts("<html");
}

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

// WARC-Target-URI without the angle brackets some WARC/1.0 writers put around it (as the 1.0
// standard's examples did).
std::string_view TargetUri(const WarcRecord& record) {
  std::string_view uri = record.target_uri();
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    uri = uri.substr(1, uri.size() - 2);
  }
  return uri;
}

// True when the URI names a scheme other than http and https (dns: records of Heritrix, ftp:,
// whois:): such responses hold no HTTP message and are no pages. A URI without a scheme is not
// "other": it goes on to fail as a bad URL.
bool IsNonHttpScheme(std::string_view uri) {
  const std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string scheme;
  for (char c : uri.substr(0, colon)) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!alpha && (!other || scheme.empty())) return false;
    scheme.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return scheme != "http" && scheme != "https";
}

// The HTML payload of a record and what we know of it.
struct Payload {
  std::string bytes;         // Content-Encoding kept
  std::string content_type;  // the full Content-Type value, "" if none
  std::string encoding;      // Content-Encoding, "" if none
};

// Response record: parses the HTTP message and applies the status and MIME filters.
PageResult ResponsePayload(const WarcRecord& record, Payload* out) {
  common::Result<common::HttpResponse> http = common::ParseHttpResponse(record.block);
  if (!http.ok()) return Outcome(PageOutcome::kBad, "HTTP: " + http.status().message());
  if (http->status != 200) {
    return Outcome(PageOutcome::kStatus, "HTTP status " + std::to_string(http->status));
  }
  if (auto ct = common::FindHeader(http->headers, "Content-Type")) out->content_type = *ct;
  if (auto ce = common::FindHeader(http->headers, "Content-Encoding")) out->encoding = *ce;
  out->bytes = std::move(http->payload);
  return Outcome(PageOutcome::kPage, "");
}

}  // namespace

PageResult BuildPage(const WarcRecord& record, const common::WarcLocation& where,
                     StageSeconds* times, const EntityDetector* entities) {
  StageTimer timer(times);
  Payload payload;
  switch (record.type()) {
    case WarcType::kResponse: {
      if (IsNonHttpScheme(TargetUri(record))) return Outcome(PageOutcome::kOtherType, "not HTTP");
      PageResult r = ResponsePayload(record, &payload);
      if (r.outcome != PageOutcome::kPage) return r;
      break;
    }
    case WarcType::kResource:
      payload.bytes = record.block;
      if (auto ct = record.header("Content-Type")) payload.content_type = *ct;
      break;
    case WarcType::kRevisit:
      return Outcome(PageOutcome::kRevisit, "");
    default:
      return Outcome(PageOutcome::kOtherType, "");
  }

  std::string mime = common::MimeType(payload.content_type);
  if (mime.empty() && LooksLikeHtml(payload.bytes)) mime = "text/html";
  if (!IsHtmlMime(mime)) {
    return Outcome(PageOutcome::kMime, "MIME type " + (mime.empty() ? "(none)" : mime));
  }

  common::Result<std::string> url = common::CanonicalUrl(TargetUri(record));
  if (!url.ok()) {
    return Outcome(PageOutcome::kBad, "WARC-Target-URI \"" + std::string(record.target_uri()) +
                                          "\": " + url.status().message());
  }
  common::Result<common::Url> parsed = common::ParseUrl(*url);
  if (!parsed.ok()) {
    return Outcome(PageOutcome::kBad, "canonical URL: " + parsed.status().message());
  }
  common::Result<common::UnixSeconds> captured = common::ParseIsoTimestamp(record.date());
  if (!captured.ok()) {
    return Outcome(PageOutcome::kBad, "WARC-Date \"" + std::string(record.date()) +
                                          "\": " + captured.status().message());
  }

  PageResult result;
  result.outcome = PageOutcome::kPage;
  Page& page = result.page;
  common::IndexedDocument& doc = page.doc;
  doc.warc.file = where.file;
  doc.warc.offset = where.offset;
  doc.warc.length = where.length;
  doc.warc.record_id = std::string(record.record_id());
  if (auto digest = record.header("WARC-Payload-Digest"); digest && !digest->empty()) {
    doc.warc.payload_digest = std::string(*digest);
  } else {
    doc.warc.payload_digest = common::Sha256Digest(payload.bytes);
  }

  std::string body = std::move(payload.bytes);
  if (!payload.encoding.empty()) {
    common::Result<std::string> decoded = common::DecodeContentEncoding(body, payload.encoding);
    if (!decoded.ok()) {
      const bool unsupported = decoded.status().code() == common::Status::Code::kInvalidArgument;
      return Outcome(unsupported ? PageOutcome::kEncoding : PageOutcome::kBad,
                     "Content-Encoding " + payload.encoding + ": " + decoded.status().message());
    }
    body = std::move(decoded).value();
  }
  common::Result<std::string> utf8 = DecodeToUtf8(body, common::CharsetParam(payload.content_type));
  if (!utf8.ok()) return Outcome(PageOutcome::kBad, "charset: " + utf8.status().message());

  timer.Lap(&StageSeconds::decode);
  const common::HtmlDocument html = common::ParseHtml(*utf8, PageParseOptions());
  timer.Lap(&StageSeconds::parse);
  ExtractedText text = ExtractText(html);
  timer.Lap(&StageSeconds::extract);

  doc.url = std::move(url).value();
  doc.title = std::move(text.title);
  doc.content_type = mime;
  doc.captured = common::FormatIsoTimestamp(*captured);
  // The <h1> headline is kept out of the extracted paragraphs (the extraction benchmark's bodies
  // exclude it), but it is part of what the page says: index it when the title does not hold it.
  if (!text.headline.empty() && doc.title.find(text.headline) == std::string::npos) {
    text.paragraphs.insert(text.paragraphs.begin(), text.headline);
  }
  doc.text = Join(text.paragraphs);
  doc.language = GuessLanguage(doc.title + "\n" + doc.text, text.lang);
  if (const PublishedDate published =
          ExtractPublishedDate(html, *utf8, doc.url, common::DateOf(*captured));
      published.date) {
    doc.published = published.date->ToIso();
    doc.published_source = published.source;
    doc.published_confidence = published.confidence;
  }
  if (entities != nullptr) {  // the title is part of the main content
    std::vector<std::string> content{doc.title};
    content.insert(content.end(), text.paragraphs.begin(), text.paragraphs.end());
    const std::vector<WordToken> words = Tokenize(content, false);
    doc.persons = entities->PersonsInWords(words, doc.language);
    doc.crimes = entities->Crimes(content, doc.language);
    page.candidates = entities->CandidatesInWords(words, doc.language);
  }
  page.paragraphs = std::move(text.paragraphs);
  page.host = parsed->host;
  page.captured_day = common::DateOf(*captured).ToSlot();
  page.captured_time = common::FormatCompactTimestamp(*captured);
  page.text_digest = HexSha256(doc.text);
  timer.Lap(&StageSeconds::detect);
  return result;
}

}  // namespace vestige::indexer
