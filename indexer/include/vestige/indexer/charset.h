// Character encodings of HTML payloads: which one a page uses, and conversion to UTF-8.
//
// Order of evidence (DetectCharset):
//  1. A byte-order mark. Issue 4 lists the HTTP Content-Type first; we put the BOM first, as the
//     HTML standard and every browser do, because it is evidence in the bytes themselves (written
//     by the tool that wrote the file), whereas a server's charset is often a site-wide default
//     ("iso-8859-1" from an old Apache). A BOM-first page is also the page its readers saw.
//  2. The charset parameter of the HTTP Content-Type.
//  3. A <meta charset> or <meta http-equiv=Content-Type> in the first kMetaPrescanBytes.
//  4. Detection (DetectUndeclared): UTF-8 when the bytes are (mostly) UTF-8; else, for
//     Cyrillic-looking bytes, windows-1251 / koi8-r / koi8-u / iso-8859-5 by byte ranges; else
//     ICU's charset detector when confident (windows-1250, iso-8859-2, CJK, ...); else
//     windows-1252.
// A declaration (2 or 3) is skipped when the bytes contradict it, since wrong declarations are
// common on old sites and a wrong decode fills the page with U+FFFD or mojibake:
//  - "utf-8" declared, but more invalid UTF-8 sequences than valid multi-byte ones: the page is
//    in a legacy encoding (e.g. windows-1251), so the next evidence decides. Fewer than
//    kMinInvalidToOverrideUtf8 bad bytes (a capture truncated mid-character) do not count.
//  - A legacy encoding declared, but the bytes are valid UTF-8 with at least one multi-byte
//    sequence: UTF-8 (text in a single-byte or CJK encoding is practically never valid UTF-8).
//  - "utf-16"/"utf-32" declared without a BOM, but no NUL byte in the first 1 KiB: ignored.
// Not detected: a declaration naming the wrong legacy encoding (koi8-r declared, windows-1251
// sent); the declaration wins there. ICU does the detection and the conversion
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

// How far `bytes` look like UTF-8: counts of well-formed multi-byte sequences and of bytes that
// start no well-formed sequence.
struct Utf8Stats {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
};
Utf8Stats CountUtf8(std::string_view bytes);

// Guesses an encoding for bytes that are not UTF-8 and declare nothing. When the high bytes look
// like Cyrillic letters (at least as many as ASCII letters, outside markup): "windows-1251",
// "koi8-r" (or "koi8-u" when Ukrainian letters appear) or "iso-8859-5", whichever puts the most
// bytes in its lower-case range; else "windows-1252".
std::string GuessLegacyCharset(std::string_view bytes);

// The encoding DecodeToUtf8 would use for these bytes, as a canonical lower-case name
// ("utf-8", "windows-1251", ...), chosen as described at the top of this file. `http_charset` is
// the Content-Type charset parameter, "" if none. An unknown label is ignored, and labels are
// read as the HTML standard reads them (a <meta> that says utf-16 means utf-8; iso-8859-1 and
// us-ascii mean windows-1252).
std::string DetectCharset(std::string_view bytes, std::string_view http_charset);

// The encoding of bytes that declare none (DetectCharset's step 4): "utf-8" when there are no
// more invalid UTF-8 sequences than valid multi-byte ones. Else, when GuessLegacyCharset says
// Cyrillic, its answer, unless ICU's detector is confident (>= kConfidentDetection) of a
// non-Cyrillic encoding (CJK text is also mostly high bytes): ICU's Russian-trained models are
// unsure of Belarusian (confidence 17-30 on whole paragraphs) and it has no KOI8-U. Else ICU's
// answer when confident, else windows-1252 (ICU calls short Latin text iso-8859-2 or so).
std::string DetectUndeclared(std::string_view bytes);
inline constexpr int kConfidentDetection = 50;

// ICU's charset detector alone (the first kMaxDetectBytes, markup skipped): its best answer
// among the ASCII-compatible encodings browsers support, canonical as above, with ICU's
// confidence (0-100); nullopt when it has none.
struct IcuDetection {
  std::string charset;
  int confidence = 0;
};
std::optional<IcuDetection> DetectWithIcu(std::string_view bytes);
inline constexpr std::size_t kMaxDetectBytes = 256 * 1024;

// A declared utf-8 is overruled (see the top of this file) only when at least this many bytes
// are invalid UTF-8, so a capture truncated inside a character keeps its declared encoding.
inline constexpr std::size_t kMinInvalidToOverrideUtf8 = 4;

// Converts a payload to UTF-8 using DetectCharset's choice; a BOM is dropped. Invalid or
// unmappable bytes become U+FFFD: a page is never refused for its bytes. Fails (Internal) only if
// ICU itself cannot convert, which means a broken installation.
common::Result<std::string> DecodeToUtf8(std::string_view bytes, std::string_view http_charset);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_CHARSET_H_
