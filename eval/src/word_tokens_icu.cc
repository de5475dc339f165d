// The benchmark's tokenizer, \w+ as Python's re module reads it on str: a word character is one
// for which str.isalnum() holds (general category L*, Nd, Nl, No, or any character with a numeric
// value) or '_'. ICU supplies the Unicode properties; this is the only eval file that calls ICU.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/eval/extract_eval.h"

namespace vestige::eval {
namespace {

bool IsWordChar(UChar32 c) {
  if (c == '_') return true;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return u_getNumericValue(c) != U_NO_NUMERIC_VALUE;
  }
}

}  // namespace

std::vector<std::string> WordTokens(std::string_view text) {
  std::vector<std::string> tokens;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  // ICU indexes with int32_t; texts past 2 GiB are cut there (no page is that long).
  if (text.size() > 0x7FFFFFFF) text = text.substr(0, 0x7FFFFFFF);
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  std::int32_t start = -1;
  while (i < length) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);  // c < 0 for an invalid sequence
    const bool word = c >= 0 && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      tokens.emplace_back(
          text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)));
      start = -1;
    }
  }
  if (start >= 0) tokens.emplace_back(text.substr(static_cast<std::size_t>(start)));
  return tokens;
}

}  // namespace vestige::eval
