// Importing Moodle GIFT quiz files (https://docs.moodle.org/en/GIFT_format) into a course bundle
// (content/FORMAT.md, "pathwise.bundle/1"). Teachers have years of quizzes in GIFT; this turns one file into a
// course they can then edit, and says plainly which questions could not come along and why.
//
// What becomes what (see tests/fixtures/gift/README.md for the full table):
//   {=a ~b ~c}              single_choice (multiple_select when several answers carry positive credit)
//   {T} {FALSE#…#…}          true_false
//   {=a =b}                  short_text
//   {#3.14:0.01} {#1..5}     numeric
//   {=a -> x =b -> y}        matching
//   text {=a ~b} text        cloze with one blank (a drop-down, or typed for {=a =b})
//   {}  and text alone       reading (essays cannot be graded)
//   $CATEGORY: A/B           one skill, unit and lesson per category
// Every question that cannot be imported is reported as an error with its line; the others still import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"

namespace pathwise::content {

struct GiftOptions {
  std::string file;         // name used in diagnostics, e.g. "quiz.gift"
  std::string course_id;    // e.g. "quiz" (the caller derives it from the file name); must be a valid id
  std::string title;        // course title; default: the first $CATEGORY, else the file name without extension
  std::string language = "en";
};

struct GiftImport {
  std::string bundle_json;              // a complete pathwise.bundle/1 document (2-space indent, UTF-8), or ""
                                        // when nothing could be imported or the options are unusable
  std::vector<Diagnostic> diagnostics;  // file = options.file, line:column in the GIFT text, pointer ""
  int questions_seen = 0;               // every item except $CATEGORY lines (descriptions included)
  int questions_imported = 0;           // the items that became activities

  bool ok() const { return !has_errors(diagnostics); }
};

// Never throws on bad input, never hangs: time is linear in the size of the text (refused above 16 MB).
GiftImport import_gift(std::string_view gift_text, const GiftOptions& options);

}  // namespace pathwise::content
