// Text helpers for comparing what a student typed with what an author wrote, in the languages Pathwise
// courses use: Latin scripts (Western and Central European, Vietnamese, pinyin), Greek and Cyrillic. No tables
// beyond those scripts: other text passes through unchanged, which still compares correctly, just without
// case or accent leniency.
//
// All functions take and return UTF-8 and never fail: a byte that does not start a valid UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF included) is kept as it is and counts as one unit
// of its own, equal only to the same byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pathwise::content {

// Lower-case (simple case folding) for ASCII, Latin-1 Supplement, Latin Extended-A, the Latin Extended-B
// letters of Vietnamese, pinyin, Romanian and the Serbo-Croatian digraphs, Latin Extended Additional, Greek
// and Cyrillic (U+0400–U+052F). Folding rather than lower-casing where they differ, so that equal words fold
// equal: final ς → σ, long ſ → s, micro µ → μ. İ → i; dotless ı and ß stay (ẞ → ß).
std::string fold_case(std::string_view text);

// Canonical composition (NFC) for the letters strip_accents knows: "a" + U+0301 becomes "á", so text typed
// on a system that sends decomposed letters compares equal to the author's. Other sequences stay as they are.
std::string compose_accents(std::string_view text);

// Letters without their diacritics: á → a, Ñ → N, ü → u, ç → c, ő → o, ắ → a, ά → α; letters with a stroke
// too (ø → o, đ → d, ł → l, ħ → h, ŧ → t) and dotless ı → i, since a student without the key types the plain
// letter. Letters that are not accented forms stay: ß æ œ ð þ ŋ, and Cyrillic й ё (separate letters in
// Russian). Combining marks (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F) are
// removed. Composes first (see compose_accents), so decomposed and precomposed text strip alike.
std::string strip_accents(std::string_view text);

// Trims, and turns every inner run of white space into one ASCII space. White space: ASCII (tab, line
// breaks, space), NBSP U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, narrow NBSP U+202F, U+205F, U+3000.
// Invisible characters that only get in the way of a comparison (zero-width space U+200B, word joiner U+2060,
// byte-order mark U+FEFF) are removed.
std::string collapse_spaces(std::string_view text);

// Damerau–Levenshtein distance in the optimal-string-alignment form (each substring edited at most once; a
// swap of two neighbours costs 1), counted in code points. Gives up early and returns cap + 1 once the
// distance is known to be above `cap` (a negative cap counts as 0); texts longer than 256 code points are not
// compared at all (cap + 1), which bounds the work at 256 × 256 steps.
int edit_distance(std::string_view a, std::string_view b, int cap);

// The number of code points (an invalid byte counts as one).
std::size_t code_point_count(std::string_view text);

// Appends the UTF-8 encoding of a valid code point (at most U+10FFFF) to `out`.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace pathwise::content
