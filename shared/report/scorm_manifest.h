// imsmanifest.xml for a SCORM 2004 4th Edition content package holding one Pathwise course (ADL, "SCORM 2004
// 4th Edition Content Aggregation Model", 2009, section 3: the manifest; IMS Content Packaging 1.1.4). One
// organization with one item, launched by one SCO resource of type "webcontent" whose href opens the app on the
// course in LMS mode; the resource lists every file of the package.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pathwise::report {

struct ScormPackageDescription {
  std::string course_id;       // the catalog's id ([a-z0-9][a-z0-9-]*): identifiers and the launch link
  std::string course_title;    // any text: XML-escaped
  std::string course_version;  // digits and dots: the manifest's version attribute
  // Every file of the package but imsmanifest.xml, as paths inside the zip ("index.html", "content/x/course.json").
  std::vector<std::string> files;
};

// The launch address inside the package: "index.html?lms=scorm2004#/course/<id>" (shell/lms.js reads the query,
// the app the fragment).
std::string scorm_launch_href(std::string_view course_id);

// The manifest's text (UTF-8, with an XML declaration). Titles are escaped; file hrefs are percent-encoded
// where a URI needs it (a space is %20) and escaped.
std::string scorm2004_manifest(const ScormPackageDescription& package);

// Text made safe for XML 1.0 element content and attribute values: & < > " ' escaped, and the control
// characters XML 1.0 forbids (below U+0020 except tab, line feed, carriage return) replaced by a space.
std::string xml_escape(std::string_view text);

}  // namespace pathwise::report
