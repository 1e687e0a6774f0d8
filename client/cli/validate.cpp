// `pathwise validate`: every problem in every file, as FILE:LINE:COL: POINTER: message (or JSON), plus what only
// the file system can tell: media files that are missing, catalog entries whose bundle changed, a site.json's logo
// that is not there and courses the catalog beside it does not have.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>

#include "cli/cli.h"
#include "content/bundle.h"
#include "content/catalog.h"
#include "content/sha256.h"
#include "content/site_config.h"

namespace pathwise::cli {

namespace {

namespace fs = std::filesystem;

struct FileReport {
  std::string file;
  bool readable = true;
  std::vector<Diagnostic> diagnostics;
};

Diagnostic whole_file(const std::string& file, Severity severity, std::string message) {
  return {severity, file, 0, 0, "", std::move(message)};
}

bool is_catalog(const std::string& text) {
  // A catalog names its format near the top; a bundle never mentions this tag.
  return text.find("\"pathwise.catalog/") != std::string::npos && text.find("\"pathwise.bundle/") == std::string::npos;
}

void validate_catalog(const std::string& file, const std::string& text, FileReport& report) {
  content::CatalogParse parse = content::parse_catalog(text, file);
  report.diagnostics = parse.diagnostics;
  fs::path folder = fs::path(file).parent_path();
  for (const content::CourseEntry& entry : parse.catalog.courses) {
    std::string bundle_file = (folder / entry.bundle).string();
    FileText bundle_text = read_file(bundle_file, content::BundleOptions{}.max_bytes);
    if (!bundle_text.text) {
      report.diagnostics.push_back(whole_file(file, Severity::error,
                                              "the course \"" + entry.id + "\" lists " + entry.bundle +
                                                  ", which cannot be read: " + bundle_text.error));
      continue;
    }
    content::BundleParse bundle = content::parse_bundle(*bundle_text.text, bundle_file);
    if (!bundle.bundle) {
      report.diagnostics.push_back(whole_file(file, Severity::error,
                                              "the course \"" + entry.id + "\" lists " + entry.bundle +
                                                  ", which is not a valid bundle (validate it for details)"));
      continue;
    }
    for (const std::string& problem : content::bundle_entry_mismatches(entry, sha256_hex(*bundle_text.text),
                                                                        bundle.bundle->id, bundle.bundle->version,
                                                                        bundle.bundle->language)) {
      report.diagnostics.push_back(whole_file(file, Severity::error, "course \"" + entry.id + "\": " + problem));
    }
    if (entry.sha256.empty()) {
      report.diagnostics.push_back(whole_file(file, Severity::warning,
                                              "course \"" + entry.id + "\" has no sha256, so the app cannot detect "
                                              "a changed or damaged bundle (run `pathwise catalog`)"));
    }
  }
}

bool is_site_config(const std::string& text) {
  return text.find("\"pathwise.site/") != std::string::npos && text.find("\"pathwise.bundle/") == std::string::npos;
}

// site.json sits at the site's top, beside index.html and the content/ folder: its logo is looked for beside it
// and its courses in content/catalog.json.
void validate_site_config(const std::string& file, const std::string& text, FileReport& report) {
  content::SiteConfigParse parse = content::parse_site_config(text, file);
  report.diagnostics = parse.diagnostics;
  const fs::path folder = fs::path(file).parent_path();
  std::error_code code;
  if (!parse.config.logo.empty() && !fs::is_regular_file(folder / parse.config.logo, code)) {
    report.diagnostics.push_back({Severity::error, file, 0, 0, "/logo",
                                  "the logo " + pathwise::quoted(parse.config.logo) + " is not in the site folder"});
  }
  if (parse.config.courses.empty()) return;
  const std::string catalog_file = (folder / "content" / "catalog.json").string();
  FileText catalog_text = read_file(catalog_file, 4u * 1024u * 1024u);
  if (!catalog_text.text) {
    report.diagnostics.push_back(whole_file(file, Severity::warning,
                                            "the courses could not be checked: " + catalog_file +
                                                " cannot be read: " + catalog_text.error));
    return;
  }
  content::CatalogParse catalog = content::parse_catalog(*catalog_text.text, catalog_file);
  content::site_courses(parse.config, catalog.catalog, file, &report.diagnostics);
}

FileReport validate_file(const std::string& file, std::size_t max_bytes) {
  FileReport report;
  report.file = file;
  FileText text = read_file(file, max_bytes);
  if (!text.text) {
    report.readable = false;
    report.diagnostics.push_back(whole_file(file, Severity::error, "cannot read this file: " + text.error));
    return report;
  }
  if (is_catalog(*text.text)) {
    validate_catalog(file, *text.text, report);
    return report;
  }
  if (is_site_config(*text.text)) {
    validate_site_config(file, *text.text, report);
    return report;
  }
  content::BundleOptions options;
  options.max_bytes = max_bytes;
  fs::path folder = fs::path(file).parent_path();
  options.file_exists = [&folder](std::string_view path) {
    std::error_code code;
    return fs::is_regular_file(folder / fs::path(std::string(path)), code);
  };
  content::BundleParse parse = content::parse_bundle(*text.text, file, options);
  report.diagnostics = std::move(parse.diagnostics);
  return report;
}

// The files named on the command line; folders stand for every .json file inside them, sorted.
std::vector<std::string> expand(const std::vector<std::string>& paths, std::vector<FileReport>& unreadable) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code code;
    if (!fs::is_directory(path, code)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, code), end; !code && it != end; it.increment(code)) {
      if (it->is_regular_file(code) && is_content_json(it->path().string())) found.push_back(it->path().string());
    }
    if (code) {
      unreadable.push_back({path, false, {whole_file(path, Severity::error, "cannot list this folder: " + code.message())}});
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void print_json(const std::vector<FileReport>& reports) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("files");
  writer.StartArray();
  for (const FileReport& report : reports) {
    writer.StartObject();
    writer.Key("file");
    writer.String(report.file.c_str());
    writer.Key("readable");
    writer.Bool(report.readable);
    writer.Key("valid");
    writer.Bool(!has_errors(report.diagnostics));
    writer.Key("diagnostics");
    writer.StartArray();
    for (const Diagnostic& d : report.diagnostics) {
      writer.StartObject();
      writer.Key("severity");
      writer.String(d.severity == Severity::error ? "error" : "warning");
      writer.Key("file");
      writer.String(d.file.c_str());
      writer.Key("line");
      writer.Int(d.line);
      writer.Key("column");
      writer.Int(d.column);
      writer.Key("pointer");
      writer.String(d.pointer.c_str());
      writer.Key("message");
      writer.String(d.message.c_str());
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  std::printf("%s\n", buffer.GetString());
}

}  // namespace

int run_validate(const std::vector<std::string>& args) {
  bool as_json = false;
  std::size_t max_bytes = content::BundleOptions{}.max_bytes;
  std::vector<std::string> paths;
  for (const std::string& arg : args) {
    if (arg == "--json") {
      as_json = true;
    } else if (arg.rfind("--max-mb=", 0) == 0) {
      const std::string number = arg.substr(9);
      bool digits = !number.empty() && number.size() <= 5 &&
                    number.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoul(number) == 0) {
        std::fprintf(stderr, "pathwise validate: --max-mb needs a whole number of megabytes from 1, e.g. --max-mb=50\n");
        return kExitUnusable;
      }
      max_bytes = std::stoul(number) * 1024u * 1024u;
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "pathwise validate: unknown option %s\n", arg.c_str());
      return kExitUnusable;
    } else paths.push_back(arg);
  }
  if (paths.empty()) {
    std::fputs("usage: pathwise validate [--json] [--max-mb=N] FILE|FOLDER...\n", stderr);
    return kExitUnusable;
  }
  std::vector<FileReport> reports;
  std::vector<std::string> files = expand(paths, reports);
  for (const std::string& file : files) reports.push_back(validate_file(file, max_bytes));

  bool any_unreadable = false;
  bool any_invalid = false;
  for (const FileReport& report : reports) {
    any_unreadable |= !report.readable;
    any_invalid |= has_errors(report.diagnostics);
  }
  if (as_json) {
    print_json(reports);
  } else {
    for (const FileReport& report : reports) {
      for (const Diagnostic& diagnostic : report.diagnostics) std::printf("%s\n", format_diagnostic(diagnostic).c_str());
      long errors = std::count_if(report.diagnostics.begin(), report.diagnostics.end(),
                                  [](const Diagnostic& d) { return d.severity == Severity::error; });
      long warnings = static_cast<long>(report.diagnostics.size()) - errors;
      std::fprintf(stderr, "%s: %s (%ld error%s, %ld warning%s)\n", report.file.c_str(),
                   !report.readable ? "unreadable" : errors ? "INVALID" : "valid", errors, errors == 1 ? "" : "s",
                   warnings, warnings == 1 ? "" : "s");
    }
  }
  if (files.empty() && reports.empty()) {
    std::fputs("pathwise validate: no .json files found\n", stderr);
    return kExitUnusable;
  }
  return any_unreadable ? kExitUnusable : any_invalid ? kExitInvalid : kExitOk;
}

}  // namespace pathwise::cli
