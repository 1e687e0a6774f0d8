// The site's configuration (site.json, beside index.html): what a school sets without touching code — its name
// and logo, the interface's default language, which of the catalog's courses appear and in what order, and a
// privacy notice. Format "pathwise.site/1", documented in content/README.md. The file is optional: without it
// the site shows every course of the catalog under the name "Pathwise".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "content/catalog.h"
#include "content/diagnostic.h"

namespace pathwise::content {

inline constexpr int kSiteFormatVersion = 1;
inline constexpr std::size_t kMaxSchoolNameCharacters = 80;
inline constexpr std::size_t kMaxPrivacyNoticeCharacters = 2000;

struct SiteConfig {
  std::string school;                // the school's name, shown as the home screen's title; empty: "Pathwise"
  std::string logo;                  // a picture inside the site folder, relative to site.json; empty: none
  std::string language = "en";       // the interface's default language (BCP 47)
  std::vector<std::string> courses;  // catalog course ids to show, in this order; empty: every course
  std::string privacy_notice;        // plain text for learners and parents, shown on the welcome and Settings
};

struct SiteConfigParse {
  SiteConfig config;                     // every field that passed its checks; the defaults for the others
  std::vector<Diagnostic> diagnostics;   // errors (a field left at its default) and warnings (unknown keys, ...)
};

// Reads site.json. Never throws; every problem is reported at once with its place. A field with an error keeps
// its default and the others still apply, so one slip does not undo a school's whole configuration. Unknown keys
// are warnings: a later version may add keys, and an older app must still start.
SiteConfigParse parse_site_config(std::string_view text, std::string_view file);

// The catalog's courses the site shows: the configured ids in their order (all courses when none are
// configured). A configured id the catalog does not have is reported in `problems` as a warning at /courses/<i>
// of `file`, and skipped.
std::vector<std::size_t> site_courses(const SiteConfig& config, const Catalog& catalog, std::string_view file,
                                      std::vector<Diagnostic>* problems);

// The interface languages this version has. A site asking for another one gets a warning, and English.
bool interface_language_available(std::string_view tag);

}  // namespace pathwise::content
