// UTF-8 encoding of one code point, used wherever a stage builds text from code points (charset
// conversion, XML character references, trigger normalization). Thread safety: pure function.
#ifndef VESTIGE_COMMON_UTF8_H_
#define VESTIGE_COMMON_UTF8_H_

#include <cstdint>
#include <string>

namespace vestige::common {

// Appends `cp` encoded as UTF-8. Surrogates, values above U+10FFFF and NUL become U+FFFD, so the
// output is always valid UTF-8 without NUL bytes.
void AppendUtf8(std::uint32_t cp, std::string* out);

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_UTF8_H_
