// What CLD2 (Compact Language Detector 2) says about a text: the seam between language.cc and
// the one file that calls libcld2 (language_cld2.cc). Internal to the indexer.
#ifndef VESTIGE_INDEXER_SRC_LANGUAGE_CLD2_H_
#define VESTIGE_INDEXER_SRC_LANGUAGE_CLD2_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vestige::indexer::cld2 {

struct Detection {
  // ISO 639-1 code of the most likely language ("he", not CLD2's "iw"), a 639-2/3 code for the
  // few languages without one ("chr", "haw"), or "und" when CLD2 does not know.
  std::string language = "und";
  // CLD2's own verdict: the best language beats the second by a margin that depends on length.
  bool reliable = false;
  // Share of the letters (0-100) CLD2 attributes to `language`.
  int percent = 0;
  // Letter bytes CLD2 scored (spaces, digits and punctuation excluded).
  int text_bytes = 0;
};

// Detects the language of plain `text`. Bytes that are not valid UTF-8 are replaced by spaces
// first (CLD2 gives up on the whole text otherwise); only the first kMaxBytes are read. Never
// fails: an empty or undecidable text gives {"und", false}. Thread safety: pure function (CLD2's
// tables are read-only).
Detection Detect(std::string_view text);

// Texts longer than this are cut (at a character boundary) before detection: 64 KiB of letters
// decide any language, and CLD2's time grows with length.
inline constexpr std::size_t kMaxBytes = 64 * 1024;

}  // namespace vestige::indexer::cld2

#endif  // VESTIGE_INDEXER_SRC_LANGUAGE_CLD2_H_
