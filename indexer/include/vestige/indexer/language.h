// The language of a page, for the L term, the language value and the stemmer choice.
//
// Three kinds of evidence, combined in language.cc:
//  - CLD2 (Debian's libcld2, src/language_cld2.cc): any of its 83 languages, when it calls its
//    answer reliable. It needs a few words; on single words it mostly declines.
//  - Letters that tell the East Slavic languages apart, which CLD2 sometimes confuses on short
//    text ("Политзаключённые в Беларуси" is Belarusian to CLD2): ў only in Belarusian; ї є ґ
//    only in Ukrainian; і never in Russian; и щ never in Belarusian; ы э ё never in Ukrainian.
//    A language is ruled out when over 2% of the Cyrillic letters are ones it never writes (a
//    Russian quote inside a Belarusian article stays below that). They also overrule CLD2's
//    bg/sr/mk for Russian or Ukrainian text that has letters those never write.
//  - The page's <html lang>, when the text cannot decide: too short (under 40 letters) or CLD2
//    unsure, provided its script agrees with the text's and the letters do not rule it out.
//    Otherwise the text wins (sites keep a template's lang="en" on pages in other languages),
//    except between languages CLD2 tells apart poorly (bs/hr/sr, no/nb/nn/da, id/ms).
// Measured on 45 be/ru/uk sentences cut to 1, 2, 3, 5, 8 words and whole (270 texts): CLD2
// alone 224 right, 2 wrong, 44 undecided; combined 231 right, 2 wrong (Russian fragments of 2
// and 5 words taken for bg and sr), 37 undecided, all of them one or two words.
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

// The language of `text` (UTF-8; invalid bytes are skipped) alone: GuessLanguage(text, "").
std::string GuessLanguageFromText(std::string_view text);

// The language of a page: `html_lang` is the <html lang> attribute ("" if none), `text` the title
// and main text. Returns an ISO 639-1 code (a 639-2/3 code for the few languages without one, or
// when the page declares one), "und" when the evidence is too weak. Never fails.
std::string GuessLanguage(std::string_view text, std::string_view html_lang);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_LANGUAGE_H_
