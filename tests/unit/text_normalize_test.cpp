#include <doctest/doctest.h>

#include <string>

#include "content/text_normalize.h"

using pathwise::content::code_point_count;
using pathwise::content::collapse_spaces;
using pathwise::content::compose_accents;
using pathwise::content::edit_distance;
using pathwise::content::fold_case;
using pathwise::content::strip_accents;

TEST_CASE("fold_case lower-cases ASCII and accented Latin letters") {
  CHECK(fold_case("HeLLo, World 42!") == "hello, world 42!");
  CHECK(fold_case("ÁÉÍÓÚ ÑÜ ÇÀÈÌÒÙ ÂÊÎÔÛ ÃÕ ÄËÏÖ ÅÆØÝÞ") == "áéíóú ñü çàèìòù âêîôû ãõ äëïö åæøýþ");
  CHECK(fold_case("×÷") == "×÷");                    // in Latin-1 but not letters
  CHECK(fold_case("ŁÓDŹ ŐŰ ČŠŽ ĞŞ Ÿ") == "łódź őű čšž ğş ÿ");  // Latin Extended-A
  CHECK(fold_case("TIẾNG VIỆT ƠƯ") == "tiếng việt ơư");      // Vietnamese
  CHECK(fold_case("ȘȚ ǕǗǙǛ") == "șț ǖǘǚǜ");                 // Romanian comma below, pinyin
}

TEST_CASE("fold_case folds the special cases so that equal words fold equal") {
  CHECK(fold_case("İ") == "i");
  CHECK(fold_case("ı") == "ı");   // dotless i is a letter of its own
  CHECK(fold_case("ß") == "ß");
  CHECK(fold_case("ẞ") == "ß");   // capital sharp s
  CHECK(fold_case("ſ") == "s");   // long s
  CHECK(fold_case("µm") == "μm"); // micro sign → Greek mu
}

TEST_CASE("fold_case lower-cases Greek, final sigma included") {
  CHECK(fold_case("ΑΘΉΝΑ") == "αθήνα");
  CHECK(fold_case("ΆΈΉΊΌΎΏ ΪΫ") == "άέήίόύώ ϊϋ");
  CHECK(fold_case("ΟΔΟΣ") == "οδοσ");
  CHECK(fold_case("οδος") == "οδοσ");  // ς and σ are the same letter
}

TEST_CASE("fold_case lower-cases Cyrillic") {
  CHECK(fold_case("ПРИВЕТ, МИР") == "привет, мир");
  CHECK(fold_case("ЁЖ ЙОД") == "ёж йод");
  CHECK(fold_case("ЄЇЎЂ") == "єїўђ");  // U+0400–U+040F
  CHECK(fold_case("ҐҒӘӨ") == "ґғәө");  // extended Cyrillic
  CHECK(fold_case("Ӏ") == "ӏ");        // palochka
}

TEST_CASE("fold_case leaves other scripts and invalid bytes as they are") {
  CHECK(fold_case("日本語") == "日本語");
  CHECK(fold_case("A\xff" "B") == "a\xff" "b");
  CHECK(fold_case("\xc3") == "\xc3");            // truncated sequence
  CHECK(fold_case("\xc0\xaf") == "\xc0\xaf");    // overlong "/"
  CHECK(fold_case("\xed\xa0\x80") == "\xed\xa0\x80");  // surrogate
  CHECK(fold_case("") == "");
}

TEST_CASE("strip_accents removes diacritics from Latin letters") {
  CHECK(strip_accents("canción") == "cancion");
  CHECK(strip_accents("ÁÉÍÓÚ ñÑ üÜ çÇ àèìòù") == "AEIOU nN uU cC aeiou");
  CHECK(strip_accents("Łódź Dvořák Ångström") == "Lodz Dvorak Angstrom");
  CHECK(strip_accents("Øre đak ħ ŧ ı") == "Ore dak h t i");  // strokes and dotless i
  CHECK(strip_accents("Tiếng Việt ơ ư") == "Tieng Viet o u");
  CHECK(strip_accents("lǜ ș ț") == "lu s t");
}

TEST_CASE("strip_accents keeps letters that are not accented forms") {
  CHECK(strip_accents("straße Æsir œuvre ðþŋ") == "straße Æsir œuvre ðþŋ");
  CHECK(strip_accents("йод ёж") == "йод ёж");  // separate letters in Russian
  CHECK(strip_accents("日本") == "日本");
}

TEST_CASE("strip_accents removes Greek accents and combining marks") {
  CHECK(strip_accents("Αθήνα άέήίόύώ") == "Αθηνα αεηιουω");
  CHECK(strip_accents("ΐΰ") == "ιυ");
  CHECK(strip_accents("cancio\xcc\x81n") == "cancion");       // o + U+0301
  CHECK(strip_accents("x\xcc\x81\xcc\xa3") == "x");           // marks on a letter with no precomposed form
  CHECK(strip_accents("a\xe1\xb7\x80") == "a");               // U+1DC0 (supplement)
  CHECK(strip_accents("\xff\xcc\x81") == "\xff");             // invalid byte kept, mark removed
}

TEST_CASE("compose_accents turns decomposed letters into precomposed ones") {
  CHECK(compose_accents("cancio\xcc\x81n") == "canción");
  CHECK(compose_accents("n\xcc\x83") == "ñ");
  CHECK(compose_accents("a\xcc\xa3\xcc\x82") == "ậ");   // two marks, Vietnamese
  CHECK(compose_accents("u\xcc\x88\xcc\x84") == "ǖ");   // pinyin
  CHECK(compose_accents("\xd0\xb8\xcc\x86") == "й");    // Cyrillic short i
  CHECK(compose_accents("\xcc\x81" "a") == "\xcc\x81" "a");  // a mark with nothing before it stays
  CHECK(compose_accents("q\xcc\x81") == "q\xcc\x81");   // no precomposed q with acute
  CHECK(compose_accents("canción") == "canción");
}

TEST_CASE("collapse_spaces trims and collapses every kind of white space") {
  CHECK(collapse_spaces("  a \t b\n\nc  ") == "a b c");
  CHECK(collapse_spaces("12\xc2\xa0" "cm") == "12 cm");               // NBSP
  CHECK(collapse_spaces("12\xe2\x80\xaf" "000") == "12 000");         // narrow NBSP
  CHECK(collapse_spaces("\xe3\x80\x80x\xe2\x80\x83y") == "x y");      // ideographic space, em space
  CHECK(collapse_spaces("ab\xe2\x80\x8b" "c\xef\xbb\xbf") == "abc");  // zero-width space and BOM removed
  CHECK(collapse_spaces("a \xe2\x80\x8b b") == "a b");
  CHECK(collapse_spaces("") == "");
  CHECK(collapse_spaces(" \t\n ") == "");
  CHECK(collapse_spaces("x\xff  y") == "x\xff y");
}

TEST_CASE("edit_distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("", "", 3) == 0);
  CHECK(edit_distance("abc", "abc", 0) == 0);
  CHECK(edit_distance("abc", "", 5) == 3);
  CHECK(edit_distance("kitten", "sitting", 5) == 3);
  CHECK(edit_distance("perro", "pero", 2) == 1);
  CHECK(edit_distance("ab", "ba", 2) == 1);                 // a swap of neighbours is one edit
  CHECK(edit_distance("mariposa", "marpiosa", 2) == 1);
  CHECK(edit_distance("ca", "abc", 5) == 3);                // optimal string alignment, not full Damerau (2)
}

TEST_CASE("edit_distance works on code points") {
  CHECK(edit_distance("canción", "cancion", 3) == 1);
  CHECK(edit_distance("москва", "масква", 3) == 1);
  CHECK(edit_distance("\xff", "\xfe", 2) == 1);      // invalid bytes are units of their own
  CHECK(edit_distance("\xff", "\xff", 2) == 0);
  CHECK(edit_distance("\xc3\xa1", "\xc3", 2) == 1);  // "á" against a lone lead byte
}

TEST_CASE("edit_distance stops above the cap") {
  CHECK(edit_distance("kitten", "sitting", 1) == 2);
  CHECK(edit_distance("a", "abcd", 1) == 2);           // length difference alone is above the cap
  CHECK(edit_distance("abcdef", "ghijkl", 2) == 3);
  CHECK(edit_distance("a", "b", -1) == 1);             // a negative cap counts as 0
  const std::string long_text(257, 'x');
  CHECK(edit_distance(long_text, long_text, 4) == 5);  // too long to compare
  const std::string limit(256, 'x');
  CHECK(edit_distance(limit, limit, 4) == 0);
}

TEST_CASE("code_point_count counts characters, invalid bytes one each") {
  CHECK(code_point_count("canción") == 7);
  CHECK(code_point_count("\xff\xfe") == 2);
  CHECK(code_point_count("") == 0);
  CHECK(code_point_count("日本") == 2);
}
