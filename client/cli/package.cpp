// `pathwise package --scorm2004 COURSE_ID -o FILE.zip [--site DIR]`: one course of a built site as a SCORM 2004
// 4th Edition package an LMS can import; `--cmi5` instead makes a cmi5 package (cmi5.xml at the root, the page
// opened as index.html?lms=cmi5#/course/ID, its policy allowing an LRS on an https: origin). The zip holds the site's own files (everything at the top of the site
// folder but content/: the page, its scripts, the wasm, whatever else the build put there), a catalog listing
// only this course, the course's folder (bundle and media), and imsmanifest.xml at the root. Inside the LMS the
// page is opened as index.html?lms=scorm2004#/course/ID (shell/lms.js). The same site gives the same bytes.
#include <algorithm>
#include <filesystem>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "cli/cli.h"
#include "content/catalog.h"
#include "content/sha256.h"
#include "report/cmi5_course.h"
#include "report/scorm_manifest.h"
#include "report/zip_writer.h"

namespace pathwise::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: pathwise package --scorm2004 COURSE_ID -o FILE.zip [--site DIR]\n"
    "       pathwise package --cmi5 COURSE_ID -o FILE.zip [--site DIR]\n"
    "  DIR is the built site (default: build/web/dist, relative to the current folder)\n";
constexpr std::size_t kMaxFileBytes = 512u << 20;  // one file of the site; videos are the largest

// The catalog holding only `entry`, in the format `pathwise catalog` writes.
std::string single_course_catalog(const content::CourseEntry& entry) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  auto field = [&](const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  writer.StartObject();
  field("format", "pathwise.catalog/1");
  writer.Key("courses");
  writer.StartArray();
  writer.StartObject();
  field("id", entry.id);
  field("title", entry.title);
  if (!entry.description.empty()) field("description", entry.description);
  field("language", entry.language);
  field("version", entry.version);
  field("bundle", entry.bundle);
  if (!entry.sha256.empty()) field("sha256", entry.sha256);
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString()) + "\n";
}

// Regular files under `folder`, as paths relative to `base` with "/" separators, sorted (the zip's order, so
// the same folder gives the same archive whatever order the file system lists it in).
bool list_files(const fs::path& folder, const fs::path& base, std::vector<std::string>& files, std::string& error) {
  std::error_code code;
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::none, code), end; it != end;
       it.increment(code)) {
    if (code) break;
    if (it->is_directory(code)) continue;
    if (!it->is_regular_file(code)) {
      std::fprintf(stderr, "pathwise package: warning: %s is not a regular file; left out\n",
                   it->path().string().c_str());
      continue;
    }
    files.push_back(it->path().lexically_relative(base).generic_string());
  }
  if (code) {
    error = "cannot list " + folder.string() + ": " + code.message();
    return false;
  }
  return true;
}

}  // namespace

int run_package(const std::vector<std::string>& args) {
  std::string course_id;
  std::string output;
  std::string site = "build/web/dist";
  // The two packages hold the same files; they differ in the description at the root and in index.html.
  enum class Standard { none, scorm2004, cmi5 } standard = Standard::none;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if ((arg == "--scorm2004" || arg == "--cmi5") && has_value) {
      if (standard != Standard::none) {
        std::fprintf(stderr, "pathwise package: name one standard, --scorm2004 or --cmi5\n%s", kUsage);
        return kExitUnusable;
      }
      standard = arg == "--cmi5" ? Standard::cmi5 : Standard::scorm2004;
      course_id = args[++i];
    } else if (arg == "-o" && has_value) {
      output = args[++i];
    } else if (arg == "--site" && has_value) {
      site = args[++i];
    } else {
      std::fprintf(stderr, "pathwise package: unexpected argument \"%s\"\n%s", arg.c_str(), kUsage);
      return kExitUnusable;
    }
  }
  if (course_id.empty() || output.empty()) {
    std::fputs(kUsage, stderr);
    return kExitUnusable;
  }

  const fs::path site_dir = site;
  std::error_code code;
  if (!fs::is_directory(site_dir, code) || !fs::is_regular_file(site_dir / "index.html", code)) {
    std::fprintf(stderr,
                 "pathwise package: %s is not a built Pathwise site (no %s). Build the web client first "
                 "(bash cmake/setup.sh && cmake --preset default && ninja -C build), or name the built site with "
                 "--site DIR.\n",
                 site_dir.string().c_str(), (site_dir / "index.html").string().c_str());
    return kExitUnusable;
  }
  const fs::path content_dir = site_dir / "content";
  const std::string catalog_path = (content_dir / "catalog.json").string();
  FileText catalog_text = read_file(catalog_path, 4u << 20);
  if (!catalog_text.text) {
    std::fprintf(stderr, "pathwise package: cannot read %s: %s\n", catalog_path.c_str(), catalog_text.error.c_str());
    return kExitUnusable;
  }
  content::CatalogParse catalog = content::parse_catalog(*catalog_text.text, catalog_path);
  for (const Diagnostic& d : catalog.diagnostics) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
  auto entry = std::find_if(catalog.catalog.courses.begin(), catalog.catalog.courses.end(),
                            [&](const content::CourseEntry& e) { return e.id == course_id; });
  if (entry == catalog.catalog.courses.end()) {
    std::string ids;
    for (const content::CourseEntry& e : catalog.catalog.courses) ids += (ids.empty() ? "" : ", ") + e.id;
    std::fprintf(stderr, "pathwise package: %s has no course \"%s\"; the courses it lists are: %s\n",
                 catalog_path.c_str(), course_id.c_str(), ids.empty() ? "(none)" : ids.c_str());
    return kExitUnusable;
  }

  // The bundle must be the one the catalog pins, or the app inside the LMS would refuse it.
  const fs::path bundle_path = content_dir / entry->bundle;
  FileText bundle_text = read_file(bundle_path.string(), kMaxFileBytes);
  if (!bundle_text.text) {
    std::fprintf(stderr, "pathwise package: cannot read the course's bundle %s: %s\n", bundle_path.string().c_str(),
                 bundle_text.error.c_str());
    return kExitUnusable;
  }
  if (!entry->sha256.empty() && sha256_hex(*bundle_text.text) != entry->sha256) {
    std::fprintf(stderr,
                 "pathwise package: %s does not match its SHA-256 in %s (it changed after the catalog was written); "
                 "run `pathwise catalog` on the content folder and build again\n",
                 bundle_path.string().c_str(), catalog_path.c_str());
    return kExitInvalid;
  }

  // The site's own files: every top-level file and folder but content/, an earlier package's description, and
  // the single-file page (pathwise-offline.html, 2.7 MB of the same app for use with no server: an LMS serves
  // the package).
  std::vector<std::string> files;
  std::string error;
  for (const fs::directory_entry& top : fs::directory_iterator(site_dir, code)) {
    const std::string name = top.path().filename().string();
    if (name == "content" || name == "imsmanifest.xml" || name == "cmi5.xml" || name == "pathwise-offline.html") {
      continue;
    }
    if (top.is_directory(code)) {
      if (!list_files(top.path(), site_dir, files, error)) {
        std::fprintf(stderr, "pathwise package: %s\n", error.c_str());
        return kExitUnusable;
      }
    } else if (top.is_regular_file(code)) {
      files.push_back(name);
    }
  }
  if (code) {
    std::fprintf(stderr, "pathwise package: cannot list %s: %s\n", site_dir.string().c_str(), code.message().c_str());
    return kExitUnusable;
  }
  // The course's folder: its bundle and media. A bundle directly in content/ has no folder of its own: only the
  // bundle is taken then (content/ may hold other courses' files).
  const fs::path course_folder = fs::path(entry->bundle).parent_path();
  if (course_folder.empty()) {
    files.push_back("content/" + entry->bundle);
    std::fprintf(stderr, "pathwise package: warning: %s is not in a folder of its own, so only the bundle is packaged "
                         "(no media files)\n", entry->bundle.c_str());
  } else if (!list_files(content_dir / course_folder, site_dir, files, error)) {
    std::fprintf(stderr, "pathwise package: %s\n", error.c_str());
    return kExitUnusable;
  }
  files.push_back("content/catalog.json");
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  // The output may have been named inside the site folder: it is not part of its own package.
  const fs::path output_absolute = fs::weakly_canonical(fs::absolute(output), code);
  files.erase(std::remove_if(files.begin(), files.end(), [&](const std::string& file) {
                std::error_code ignored;
                return fs::weakly_canonical(fs::absolute(site_dir / file), ignored) == output_absolute;
              }),
              files.end());

  // The description at the root, first: some LMSs look for it at the start of the archive.
  report::ZipWriter zip;
  std::string refused;
  if (standard == Standard::cmi5) {
    report::Cmi5CourseDescription course;
    course.course_id = entry->id;
    course.course_version = entry->version;
    course.course_title = entry->title;
    course.course_description = entry->description;
    course.language = entry->language;
    refused = zip.add("cmi5.xml", report::cmi5_course_structure(course));
  } else {
    report::ScormPackageDescription description;
    description.course_id = entry->id;
    description.course_title = entry->title;
    description.course_version = entry->version;
    description.files = files;
    refused = zip.add("imsmanifest.xml", report::scorm2004_manifest(description));
  }
  std::uint64_t bytes = 0;
  for (const std::string& file : files) {
    std::string data;
    if (file == "content/catalog.json") {
      data = single_course_catalog(*entry);
    } else {
      FileText text = read_file((site_dir / file).string(), kMaxFileBytes);
      if (!text.text) {
        std::fprintf(stderr, "pathwise package: cannot read %s: %s\n", (site_dir / file).string().c_str(),
                     text.error.c_str());
        return kExitUnusable;
      }
      data = std::move(*text.text);
    }
    if (standard == Standard::cmi5 && file == "index.html") {
      std::string page;
      if (!report::cmi5_page(data, page, error)) {
        std::fprintf(stderr, "pathwise package: %s\n", error.c_str());
        return kExitUnusable;
      }
      data = std::move(page);
    }
    bytes += data.size();
    if (refused.empty()) refused = zip.add(file, data);
  }
  if (!refused.empty()) {
    std::fprintf(stderr, "pathwise package: %s\n", refused.c_str());
    return kExitUnusable;
  }
  if (!write_file_atomically(output, zip.finish(), error)) {
    std::fprintf(stderr, "pathwise package: %s\n", error.c_str());
    return kExitUnusable;
  }
  std::fprintf(stderr, "%s: %s package of \"%s\" (%s %s): %zu files, %.1f MB, stored (uncompressed)\n",
               output.c_str(), standard == Standard::cmi5 ? "cmi5" : "SCORM 2004 4th Edition", entry->title.c_str(), entry->id.c_str(), entry->version.c_str(), zip.size(),
               static_cast<double>(bytes) / (1024.0 * 1024.0));
  return kExitOk;
}

}  // namespace pathwise::cli
