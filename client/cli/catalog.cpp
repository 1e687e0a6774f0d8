// `pathwise catalog DIR`: writes DIR/catalog.json from the bundles under DIR, each with its SHA-256, so the app
// can tell a changed or damaged download. Courses already listed keep their order; new ones follow by id.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <filesystem>

#include "cli/cli.h"
#include "content/bundle.h"
#include "content/catalog.h"
#include "content/sha256.h"

namespace pathwise::cli {

namespace {

namespace fs = std::filesystem;

std::string relative_slash_path(const fs::path& path, const fs::path& base) {
  return path.lexically_relative(base).generic_string();
}

}  // namespace

int run_catalog(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fputs("usage: pathwise catalog DIR\n", stderr);
    return kExitUnusable;
  }
  fs::path folder = args[0];
  std::error_code code;
  if (!fs::is_directory(folder, code)) {
    std::fprintf(stderr, "pathwise catalog: %s is not a folder\n", folder.string().c_str());
    return kExitUnusable;
  }
  fs::path catalog_path = folder / "catalog.json";

  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(folder, code), end; !code && it != end; it.increment(code)) {
    if (it->is_regular_file(code) && is_content_json(it->path().string()) && it->path() != catalog_path) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());

  bool invalid = false;
  std::vector<content::CourseEntry> entries;
  for (const std::string& file : files) {
    FileText text = read_file(file, content::BundleOptions{}.max_bytes);
    if (!text.text) {
      std::fprintf(stderr, "%s: cannot read this file: %s\n", file.c_str(), text.error.c_str());
      return kExitUnusable;
    }
    if (text.text->find("\"pathwise.bundle/") == std::string::npos) continue;  // not a bundle (e.g. site.json)
    content::BundleParse parse = content::parse_bundle(*text.text, file);
    if (!parse.bundle) {
      for (const Diagnostic& d : parse.diagnostics) {
        if (d.severity == Severity::error) std::printf("%s\n", format_diagnostic(d).c_str());
      }
      std::fprintf(stderr, "%s: INVALID, left out of the catalog\n", file.c_str());
      invalid = true;
      continue;
    }
    const content::Bundle& bundle = *parse.bundle;
    content::CourseEntry entry;
    entry.id = bundle.id;
    entry.title = bundle.title;
    entry.description = bundle.description;
    entry.language = bundle.language;
    entry.version = bundle.version;
    entry.bundle = relative_slash_path(file, folder);
    entry.sha256 = sha256_hex(*text.text);
    auto twin = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.id == entry.id; });
    if (twin != entries.end()) {
      std::fprintf(stderr, "%s: the course id \"%s\" is already used by %s; left out\n", file.c_str(),
                   entry.id.c_str(), twin->bundle.c_str());
      invalid = true;
      continue;
    }
    entries.push_back(std::move(entry));
  }
  if (invalid) {
    std::fputs("pathwise catalog: catalog.json not written; fix the bundles above first\n", stderr);
    return kExitInvalid;
  }

  // Keep the order a school chose for courses it already lists.
  std::vector<std::string> previous_order;
  FileText previous = read_file(catalog_path.string(), 4u * 1024u * 1024u);
  if (previous.text) {
    for (const content::CourseEntry& listed : content::parse_catalog(*previous.text, "catalog.json").catalog.courses) {
      previous_order.push_back(listed.id);
    }
  }
  auto rank = [&](const content::CourseEntry& entry) {
    auto it = std::find(previous_order.begin(), previous_order.end(), entry.id);
    return std::make_pair(it - previous_order.begin(), entry.id);
  };
  std::sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });

  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("format");
  writer.String("pathwise.catalog/1");
  writer.Key("courses");
  writer.StartArray();
  for (const content::CourseEntry& entry : entries) {
    writer.StartObject();
    auto field = [&](const char* key, const std::string& value) {
      writer.Key(key);
      writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    };
    field("id", entry.id);
    field("title", entry.title);
    if (!entry.description.empty()) field("description", entry.description);
    field("language", entry.language);
    field("version", entry.version);
    field("bundle", entry.bundle);
    field("sha256", entry.sha256);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  std::string text = std::string(buffer.GetString()) + "\n";
  std::string error;
  if (!write_file_atomically(catalog_path.string(), text, error)) {
    std::fprintf(stderr, "pathwise catalog: %s\n", error.c_str());
    return kExitUnusable;
  }
  std::fprintf(stderr, "%s: %zu course%s\n", catalog_path.string().c_str(), entries.size(), entries.size() == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace pathwise::cli
