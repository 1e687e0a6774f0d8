// The course catalog (content/catalog.json): which courses a site offers and where their bundles are.
// Format "pathwise.catalog/1", documented in content/README.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.h"

namespace pathwise::content {

inline constexpr int kCatalogFormatVersion = 1;

struct CourseEntry {
  std::string id;           // [a-z0-9][a-z0-9-]*, unique in the catalog
  std::string title;
  std::string description;  // may be empty
  std::string language;     // BCP 47 tag, e.g. "en", "es-419"
  std::string version;      // the bundle's own version, digits and dots
  std::string bundle;       // path of the course bundle, relative to the catalog, inside the content folder
  std::string sha256;       // lower-case hex digest of the bundle file; empty when the catalog does not give one
};

struct Catalog {
  std::vector<CourseEntry> courses;
};

struct CatalogParse {
  Catalog catalog;                       // every entry that passed its checks, in catalog order
  std::vector<Diagnostic> diagnostics;   // all problems found, errors and warnings

  bool ok() const { return !has_errors(diagnostics); }
};

// Reads a catalog. Never throws; every problem is reported at once. Entries with errors are left out, the
// others kept, so one bad line in a school's catalog does not hide every course.
CatalogParse parse_catalog(std::string_view text, std::string_view file);

// How a downloaded bundle disagrees with its catalog entry: a different digest (the file changed or was damaged
// after the catalog was written), or a different id, version or language. Plain sentences; empty when it agrees.
// `bundle_sha256` is the digest of the bytes received.
std::vector<std::string> bundle_entry_mismatches(const CourseEntry& entry, std::string_view bundle_sha256,
                                                 std::string_view bundle_id, std::string_view bundle_version,
                                                 std::string_view bundle_language);

// Indices of the courses whose title or description contains every word of `query`, in catalog order.
// Matching ignores case for ASCII letters; an empty query matches every course.
std::vector<std::size_t> find_courses(const Catalog& catalog, std::string_view query);

}  // namespace pathwise::content
