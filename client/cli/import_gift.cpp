// `pathwise import-gift`: a Moodle GIFT quiz → a bundle. The conversion is the core's (content/gift_import);
// this command reads and writes the files and checks the result with the same validator as `validate`.
#include <filesystem>

#include "cli/cli.h"
#include "content/bundle.h"
#include "content/field_reader.h"
#include "content/gift_import.h"

namespace pathwise::cli {

namespace {

// "My Quiz 2.gift" → "my-quiz-2": a valid course id from a file name.
std::string id_from_file_name(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  std::string id;
  for (char c : stem) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) id += c;
    else if (!id.empty() && id.back() != '-') id += '-';
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.size() > 64) id.resize(64);
  return id.empty() ? "imported-quiz" : id;
}

}  // namespace

int run_import_gift(const std::vector<std::string>& args) {
  std::string input;
  std::string output;
  content::GiftOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool has_value = i + 1 < args.size();
    if ((arg == "-o" || arg == "--output") && has_value) output = args[++i];
    else if (arg == "--id" && has_value) options.course_id = args[++i];
    else if (arg == "--title" && has_value) options.title = args[++i];
    else if (arg == "--language" && has_value) options.language = args[++i];
    else if (arg.rfind("-", 0) != 0 && input.empty()) input = arg;
    else {
      std::fprintf(stderr, "pathwise import-gift: unexpected argument %s\n", arg.c_str());
      input.clear();
      break;
    }
  }
  if (input.empty() || output.empty()) {
    std::fputs("usage: pathwise import-gift FILE.gift -o OUT.json [--id ID] [--title TITLE] [--language TAG]\n", stderr);
    return kExitUnusable;
  }
  if (options.course_id.empty()) options.course_id = id_from_file_name(input);
  if (!content::is_identifier(options.course_id)) {
    std::fprintf(stderr, "pathwise import-gift: the course id \"%s\" %s\n", options.course_id.c_str(),
                 content::identifier_rule().c_str());
    return kExitUnusable;
  }
  if (!content::is_language_tag(options.language)) {
    std::fprintf(stderr, "pathwise import-gift: \"%s\" is not a BCP 47 language tag such as \"en\"\n",
                 options.language.c_str());
    return kExitUnusable;
  }
  FileText text = read_file(input, 10u * 1024u * 1024u);
  if (!text.text) {
    std::fprintf(stderr, "%s: cannot read this file: %s\n", input.c_str(), text.error.c_str());
    return kExitUnusable;
  }
  options.file = input;
  content::GiftImport imported = content::import_gift(*text.text, options);
  for (const Diagnostic& d : imported.diagnostics) std::printf("%s\n", format_diagnostic(d).c_str());
  if (imported.bundle_json.empty()) {
    std::fprintf(stderr, "%s: nothing could be imported (%d question%s seen); %s not written\n", input.c_str(),
                 imported.questions_seen, imported.questions_seen == 1 ? "" : "s", output.c_str());
    return kExitInvalid;
  }
  // The importer's output must pass the validator like any hand-written bundle.
  content::BundleParse check = content::parse_bundle(imported.bundle_json, output);
  for (const Diagnostic& d : check.diagnostics) std::printf("%s\n", format_diagnostic(d).c_str());
  if (!check.bundle) {
    std::fprintf(stderr, "pathwise import-gift: the converted bundle does not validate (an importer bug); %s not written\n",
                 output.c_str());
    return kExitInvalid;
  }
  std::string error;
  if (!write_file_atomically(output, imported.bundle_json, error)) {
    std::fprintf(stderr, "pathwise import-gift: %s\n", error.c_str());
    return kExitUnusable;
  }
  int skipped = imported.questions_seen - imported.questions_imported;
  std::fprintf(stderr, "%s: %d of %d questions imported into %s%s\n", input.c_str(), imported.questions_imported,
               imported.questions_seen, output.c_str(),
               skipped ? " (the others are listed above with their line numbers)" : "");
  return skipped ? kExitInvalid : kExitOk;
}

}  // namespace pathwise::cli
