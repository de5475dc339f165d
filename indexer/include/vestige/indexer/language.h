// A simple language guess for a page, from the script of its letters and its <html lang>.
//
// This is a placeholder good enough for the stemmer choice and the L term: Cyrillic text is "be"
// (Belarusian letters i and short u frequent, no Russian-only letters), "uk" (Ukrainian-only
// letters present) or "ru"; Latin text is "en"; anything else "und". A declared <html lang> wins
// when it is a well-formed tag whose script agrees with the text (or the text is too short to
// tell), because sites often keep a template's lang="en" on pages in another language.
// Thread safety: pure functions.
#ifndef VESTIGE_INDEXER_LANGUAGE_H_
#define VESTIGE_INDEXER_LANGUAGE_H_

#include <optional>
#include <string>
#include <string_view>

namespace vestige::indexer {

// The primary language subtag of a BCP 47 tag, lower case ("be-BY" -> "be", "EN_us" -> "en"),
// or nullopt when the tag is not 2-3 ASCII letters followed by an optional "-"/"_" and more.
std::optional<std::string> PrimaryLanguage(std::string_view tag);

// Guesses from the letters of `text` (UTF-8) alone: "be", "uk", "ru", "en" or "und".
std::string GuessLanguageFromText(std::string_view text);

// The language of a page: `html_lang` is the <html lang> attribute ("" if none), `text` the title
// and main text. Returns an ISO 639-1 (or 639-2/3 when the page says so) code, "und" if unknown.
std::string GuessLanguage(std::string_view text, std::string_view html_lang);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_LANGUAGE_H_
