// FormatDocument: one document in full, for `vestige-query show`.
#include "vestige/query/show.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "vestige/common/document.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

using Json = nlohmann::ordered_json;

// Keeps '\n' (paragraphs) but replaces other control characters, so page text cannot drive the
// terminal.
std::string Safe(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' && keep_newlines) {
      out.push_back('\n');
    } else if (c < 0x20 || c == 0x7F) {
      out.push_back(' ');
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out.push_back(' ');
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string Text(const Hit& hit) {
  const common::IndexedDocument& d = hit.document;
  std::string out;
  auto line = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(Safe(value, false)).push_back('\n');
  };
  line("url", d.url);
  line("title", d.title);
  line("language", d.language);
  line("content_type", d.content_type);
  line("captured", d.captured);
  line("published", d.published.empty() ? "unknown" : d.published);
  line("published_source", d.published_source);
  line("published_confidence", std::to_string(d.published_confidence));
  for (const common::PersonMention& p : d.persons) {
    line("person", p.id + " (" + p.name + "), " + std::to_string(p.count) + " mention(s), as \"" +
                       p.alias + "\"");
  }
  for (const common::CrimeMention& c : d.crimes) {
    line("crime", c.id + " (" + c.label + "), " + std::to_string(c.count) + " trigger(s)");
  }
  line("warc_file", d.warc.file);
  line("warc_offset", std::to_string(d.warc.offset));
  line("warc_length", std::to_string(d.warc.length));
  line("warc_record_id", d.warc.record_id);
  line("payload_digest", d.warc.payload_digest);
  line("docid", std::to_string(hit.docid));
  out.push_back('\n');
  out.append(Safe(d.text, true));
  if (out.back() != '\n') out.push_back('\n');
  return out;
}

Json DocumentJson(const Hit& hit) {
  const common::IndexedDocument& d = hit.document;
  Json persons = Json::array();
  for (const common::PersonMention& p : d.persons) {
    persons.push_back({{"id", p.id}, {"name", p.name}, {"count", p.count}, {"alias", p.alias}});
  }
  Json crimes = Json::array();
  for (const common::CrimeMention& c : d.crimes) {
    crimes.push_back({{"id", c.id}, {"label", c.label}, {"count", c.count}});
  }
  return Json{{"docid", hit.docid},
              {"url", d.url},
              {"title", d.title},
              {"language", d.language},
              {"content_type", d.content_type},
              {"captured", d.captured},
              {"published", d.published},
              {"published_source", d.published_source},
              {"published_confidence", d.published_confidence},
              {"persons", std::move(persons)},
              {"crimes", std::move(crimes)},
              {"warc",
               {{"file", d.warc.file},
                {"offset", d.warc.offset},
                {"length", d.warc.length},
                {"record_id", d.warc.record_id},
                {"payload_digest", d.warc.payload_digest}}},
              {"text", d.text}};
}

}  // namespace

std::string FormatDocument(const Hit& hit, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
    case OutputFormat::kJsonl:
      return DocumentJson(hit).dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    case OutputFormat::kCsv: {
      SearchResults one;
      one.hits.push_back(hit);
      std::string csv = FormatCsv(one);
      // Append the text column to the header row and to the data row.
      const std::size_t header_end = csv.find("\r\n");
      csv.insert(header_end, ",text");
      csv.erase(csv.size() - 2);
      std::string text = "\"";
      for (char c : hit.document.text) {
        if (c == '"') text.push_back('"');
        text.push_back(c);
      }
      return csv + "," + text + "\"\r\n";
    }
    case OutputFormat::kText:
      break;
  }
  return Text(hit);
}

}  // namespace vestige::query
