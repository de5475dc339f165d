// Encoding labels and conversion to UTF-8 with ICU: the only file of the indexer that calls ICU.
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vestige/common/utf8.h"
#include "vestige/indexer/charset.h"

namespace vestige::indexer {
namespace {

using common::Result;
using common::Status;

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr OpenConverter(const std::string& name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(name.c_str(), &err));
  if (U_FAILURE(err)) return nullptr;
  return cnv;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The canonical lower-case name for an encoding label, or nullopt if ICU does not know it.
// `from_meta`: the label came from a <meta>, where the HTML standard reads utf-16 as utf-8 (the
// bytes could not have been read as ASCII-compatible otherwise).
std::optional<std::string> CanonicalCharset(std::string_view label, bool from_meta) {
  std::size_t b = 0, e = label.size();
  auto junk = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '\f';
  };
  while (b < e && junk(label[b])) ++b;
  while (e > b && junk(label[e - 1])) --e;
  std::string l;
  for (char c : label.substr(b, e - b)) l.push_back(ToLower(c));
  // No encoding name is long; ICU wants a NUL-terminated string anyway.
  if (l.empty() || l.size() > 64 || l.find('\0') != std::string::npos) return std::nullopt;
  // The HTML standard decodes these Latin-1 labels as windows-1252 (servers say iso-8859-1 and
  // send curly quotes in 0x80-0x9F), and x-user-defined too for our purposes.
  static constexpr std::string_view kLatin1[] = {
      "iso-8859-1",     "iso8859-1",     "iso_8859-1", "latin1",          "l1",
      "cp819",          "ibm819",        "iso-ir-100", "us-ascii",        "ascii",
      "cp1252",         "x-cp1252",      "iso88591",   "iso_8859-1:1987", "csisolatin1",
      "x-user-defined", "ansi_x3.4-1968"};
  for (std::string_view latin1 : kLatin1) {
    if (l == latin1) return "windows-1252";
  }
  if (from_meta && l.rfind("utf-16", 0) == 0) return "utf-8";
  ConverterPtr cnv = OpenConverter(l);
  if (!cnv) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  const char* internal = ucnv_getName(cnv.get(), &err);
  if (U_FAILURE(err) || internal == nullptr) return l;
  for (const char* standard : {"MIME", "IANA"}) {
    err = U_ZERO_ERROR;
    const char* name = ucnv_getStandardName(internal, standard, &err);
    if (U_SUCCESS(err) && name != nullptr && *name != '\0') {
      std::string out;
      for (const char* p = name; *p != '\0'; ++p) out.push_back(ToLower(*p));
      return out;
    }
  }
  return l;
}

// Replaces each illegal, unassigned or irregular input sequence by U+FFFD (ICU's default writes
// U+001A for single-byte charsets).
void ReplaceWithFffd(const void* /*context*/, UConverterToUnicodeArgs* args,
                     const char* /*code_units*/, int32_t /*length*/,
                     UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// UTF-16 to UTF-8 across buffer boundaries: a high surrogate at the end of one buffer waits in
// *pending for its low half; lone surrogates become U+FFFD.
void AppendUtf16(const UChar* begin, const UChar* end, std::uint32_t* pending, std::string* out) {
  for (const UChar* p = begin; p != end; ++p) {
    const std::uint32_t u = *p;
    if (*pending != 0) {
      if (u >= 0xDC00 && u <= 0xDFFF) {
        common::AppendUtf8(0x10000 + ((*pending - 0xD800) << 10) + (u - 0xDC00), out);
        *pending = 0;
        continue;
      }
      common::AppendUtf8(0xFFFD, out);
      *pending = 0;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      *pending = u;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      common::AppendUtf8(0xFFFD, out);
    } else {
      common::AppendUtf8(u, out);
    }
  }
}

bool IsUtf16Or32(const std::string& charset) {
  return charset.rfind("utf-16", 0) == 0 || charset.rfind("utf-32", 0) == 0;
}

// Whether the bytes are consistent with a declared `charset` (see charset.h).
bool Plausible(const std::string& charset, std::string_view bytes, const Utf8Stats& utf8) {
  if (charset == "utf-8") {
    return utf8.invalid <= utf8.multibyte || utf8.invalid < kMinInvalidToOverrideUtf8;
  }
  if (IsUtf16Or32(charset)) {
    return bytes.substr(0, std::min<std::size_t>(bytes.size(), 1024)).find('\0') !=
           std::string_view::npos;
  }
  return !(utf8.invalid == 0 && utf8.multibyte > 0);
}

// The encodings we accept from ICU's detector: ASCII-compatible ones browsers support. (It also
// offers UTF-16/32 without a BOM, EBCDIC and ISO-2022, which misfire on ordinary pages.)
bool Detectable(std::string_view charset) {
  static constexpr std::string_view kAccepted[] = {
      "windows-1251", "koi8-r",       "iso-8859-5",   "windows-1250", "iso-8859-2",
      "windows-1252", "iso-8859-7",   "windows-1253", "iso-8859-9",   "windows-1254",
      "iso-8859-6",   "windows-1256", "iso-8859-8",   "windows-1255", "shift_jis",
      "euc-jp",       "euc-kr",       "big5",         "gb18030"};
  return std::find(std::begin(kAccepted), std::end(kAccepted), charset) != std::end(kAccepted);
}

bool IsCyrillicCharset(std::string_view charset) {
  return charset == "windows-1251" || charset == "koi8-r" || charset == "iso-8859-5";
}

}  // namespace

std::optional<IcuDetection> DetectWithIcu(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  bytes = bytes.substr(0, std::min(bytes.size(), kMaxDetectBytes));
  UErrorCode err = U_ZERO_ERROR;
  DetectorPtr detector(ucsdet_open(&err));
  if (U_FAILURE(err) || !detector) return std::nullopt;
  ucsdet_enableInputFilter(detector.get(), true);  // skip <markup>
  ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return std::nullopt;
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &err);
  if (U_FAILURE(err) || matches == nullptr) return std::nullopt;
  for (int32_t k = 0; k < count; ++k) {
    err = U_ZERO_ERROR;
    const int32_t confidence = ucsdet_getConfidence(matches[k], &err);
    if (U_FAILURE(err) || confidence <= 0) break;  // sorted, best first
    const char* name = ucsdet_getName(matches[k], &err);
    if (U_FAILURE(err) || name == nullptr) continue;
    std::optional<std::string> canonical = CanonicalCharset(name, /*from_meta=*/false);
    if (canonical && Detectable(*canonical)) return IcuDetection{*canonical, confidence};
  }
  return std::nullopt;
}

std::string DetectUndeclared(std::string_view bytes) {
  const Utf8Stats utf8 = CountUtf8(bytes);
  if (utf8.invalid == 0 || utf8.invalid <= utf8.multibyte) return "utf-8";
  const std::string guess = GuessLegacyCharset(bytes);
  const std::optional<IcuDetection> icu = DetectWithIcu(bytes);
  if (!icu || icu->confidence < kConfidentDetection) return guess;
  if (guess != "windows-1252" && IsCyrillicCharset(icu->charset)) return guess;
  return icu->charset;
}

std::string DetectCharset(std::string_view bytes, std::string_view http_charset) {
  // A byte-order mark is near-certain evidence, so it comes first, as in the HTML standard.
  if (auto bom = BomCharset(bytes)) return *bom;
  const Utf8Stats utf8 = CountUtf8(bytes);
  const bool valid_utf8_text = utf8.invalid == 0 && utf8.multibyte > 0;
  std::optional<std::string> declared[2] = {CanonicalCharset(http_charset, /*from_meta=*/false),
                                            std::nullopt};
  if (auto meta = PrescanMetaCharset(bytes)) {
    declared[1] = CanonicalCharset(*meta, /*from_meta=*/true);
  }
  for (const std::optional<std::string>& charset : declared) {
    if (!charset) continue;
    if (Plausible(*charset, bytes, utf8)) return *charset;
    // A legacy declaration over valid UTF-8 text: no later evidence can beat the bytes.
    if (valid_utf8_text) return "utf-8";
  }
  return DetectUndeclared(bytes);
}

Result<std::string> DecodeToUtf8(std::string_view bytes, std::string_view http_charset) {
  const std::string charset = DetectCharset(bytes, http_charset);
  std::optional<std::string> bom = BomCharset(bytes);
  if (bom && *bom == charset) bytes.remove_prefix(charset == "utf-8" ? 3 : 2);
  if (charset == "utf-8" && IsValidUtf8(bytes)) return std::string(bytes);

  ConverterPtr cnv = OpenConverter(charset);
  // A label ICU knows but cannot open a converter for (data left out of this ICU build): decode
  // as windows-1252, which maps every byte, rather than drop the page.
  if (!cnv) cnv = OpenConverter("windows-1252");
  if (!cnv) return Status::Internal("ICU cannot open the " + charset + " converter");
  UErrorCode err = U_ZERO_ERROR;
  ucnv_setToUCallBack(cnv.get(), ReplaceWithFffd, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return Status::Internal(std::string("ICU: ") + u_errorName(err));

  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::uint32_t pending = 0;
  const char* src = bytes.data();
  const char* const src_end = bytes.data() + bytes.size();
  UChar buffer[8192];
  do {
    err = U_ZERO_ERROR;
    UChar* target = buffer;
    ucnv_toUnicode(cnv.get(), &target, buffer + sizeof(buffer) / sizeof(buffer[0]), &src, src_end,
                   nullptr, /*flush=*/true, &err);
    AppendUtf16(buffer, target, &pending, &out);
  } while (err == U_BUFFER_OVERFLOW_ERROR);
  if (U_FAILURE(err)) return Status::Internal(std::string("ICU: ") + u_errorName(err));
  if (pending != 0) common::AppendUtf8(0xFFFD, &out);
  return out;
}

}  // namespace vestige::indexer
