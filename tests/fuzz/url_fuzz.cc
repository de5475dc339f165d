// libFuzzer target for url.h. Properties checked beyond "no crash":
// - a parsed URL's ToString parses again;
// - CanonicalUrl is idempotent: the canonical form of a canonical URL is itself;
// - a resolved http(s) URL parses again.
// The first input byte splits the rest into a base URL and a reference for ResolveUrl.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vestige/common/url.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckCanonicalIsFixedPoint(std::string_view text) {
  vestige::common::Result<std::string> canonical = vestige::common::CanonicalUrl(text);
  if (!canonical.ok()) return;
  vestige::common::Result<std::string> again = vestige::common::CanonicalUrl(*canonical);
  Check(again.ok());
  Check(*again == *canonical);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vestige::common;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  Result<Url> url = ParseUrl(input);
  if (url.ok()) Check(ParseUrl(url->ToString()).ok());
  CheckCanonicalIsFixedPoint(input);

  if (size < 1) return 0;
  const std::size_t split = 1 + (static_cast<std::size_t>(data[0]) % size);
  const std::string_view base_text = input.substr(1, split - 1);
  const std::string_view reference = input.substr(split);
  Result<Url> base = ParseUrl(base_text);
  if (!base.ok()) return 0;
  Result<Url> resolved = ResolveUrl(*base, reference);
  if (!resolved.ok()) return 0;
  if (resolved->scheme == "http" || resolved->scheme == "https") {
    const std::string text = resolved->ToString();
    Check(ParseUrl(text).ok());
    CheckCanonicalIsFixedPoint(text);
  }
  NormalizeUrl(*resolved).ToString();
  return 0;
}
