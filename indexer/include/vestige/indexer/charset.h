// Character encodings of HTML payloads: which one a page uses, and conversion to UTF-8.
//
// The choice follows the HTML standard's order, simplified: a byte-order mark, then the charset
// parameter of the HTTP Content-Type, then a <meta charset> or <meta http-equiv=Content-Type> in
// the first 4 KiB, then UTF-8 if the bytes are valid UTF-8, else a guess between windows-1251
// (Cyrillic, common on the sites this tool archives) and windows-1252. ICU does the conversion
// (src/charset_icu.cc is the only file that calls ICU). Thread safety: pure functions.
#ifndef VESTIGE_INDEXER_CHARSET_H_
#define VESTIGE_INDEXER_CHARSET_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "vestige/common/status.h"

namespace vestige::indexer {

// How many leading bytes the <meta> prescan looks at (the HTML standard says 1024; real pages
// put long <script> blocks first, so we look further).
inline constexpr std::size_t kMetaPrescanBytes = 4096;

// "utf-8", "utf-16le" or "utf-16be" when `bytes` starts with that byte-order mark.
std::optional<std::string> BomCharset(std::string_view bytes);

// The encoding label a <meta charset=...> or <meta http-equiv="Content-Type" content="...;
// charset=..."> in the first kMetaPrescanBytes of `bytes` declares, lower case, as written
// (not validated). Comments are skipped. nullopt when there is none.
std::optional<std::string> PrescanMetaCharset(std::string_view bytes);

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// Guesses an encoding for bytes that are not UTF-8 and declare nothing: "windows-1251" when the
// high bytes look like Cyrillic letters, else "windows-1252".
std::string GuessLegacyCharset(std::string_view bytes);

// The encoding DecodeToUtf8 would use for these bytes, as a canonical lower-case name
// ("utf-8", "windows-1251", ...). `http_charset` is the Content-Type charset parameter, "" if none;
// an unknown label is ignored, as are labels the HTML standard maps away (a <meta> that says
// utf-16 means utf-8; iso-8859-1 and us-ascii mean windows-1252).
std::string DetectCharset(std::string_view bytes, std::string_view http_charset);

// Converts a payload to UTF-8 using DetectCharset's choice; a BOM is dropped. Invalid or
// unmappable bytes become U+FFFD: a page is never refused for its bytes. Fails (Internal) only if
// ICU itself cannot convert, which means a broken installation.
common::Result<std::string> DecodeToUtf8(std::string_view bytes, std::string_view http_charset);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_CHARSET_H_
