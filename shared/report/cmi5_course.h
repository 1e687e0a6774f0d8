// cmi5.xml for a cmi5 course package holding one Pathwise course (AICC, "cmi5 Specification", Quartz edition,
// section 13: the course structure; XML namespace https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd).
// One course with one assignable unit (AU) that opens the app on the course in cmi5 mode (shell/lms.js).
#pragma once

#include <string>
#include <string_view>

namespace pathwise::report {

struct Cmi5CourseDescription {
  std::string course_id;           // the catalog's id ([a-z0-9][a-z0-9-]*): the IRIs and the launch link
  std::string course_version;      // digits and dots
  std::string course_title;        // any text: XML-escaped
  std::string course_description;  // may be empty: the title is used then (the schema requires a description)
  std::string language;            // BCP 47 tag of the title and description ("en"); "und" when empty
};

// The course's IRI: https://pathwise.example/course/<id>/<version>. pathwise.example is a reserved example
// domain (RFC 2606), so the IRI can never name anything of anyone else; it is derived from the catalog alone,
// so the same course version always gets the same id, and a new version is a new course for the LMS (an LMS
// keys registrations and results by this id, and they belong to the version the learner took).
std::string cmi5_course_iri(std::string_view course_id, std::string_view course_version);

// The AU's publisher id: the course IRI followed by "/au".
std::string cmi5_au_iri(std::string_view course_id, std::string_view course_version);

// The AU's launch address inside the package: "index.html?lms=cmi5#/course/<id>" (relative: the LMS resolves it
// against where it unpacked the package and adds the cmi5 launch parameters to its query).
std::string cmi5_launch_url(std::string_view course_id);

// index.html for a cmi5 package: the page's Content-Security-Policy allows requests to its own origin only
// (connect-src 'self'), but the LMS names the LRS in the launch and it may be on another origin (a hosted LRS
// beside the LMS). The directive becomes "connect-src 'self' https:" (any HTTPS origin, never plain http:);
// every other directive stays. Returns false, with `error` set, when the page has a policy whose connect-src is
// not exactly "connect-src 'self'" (an edited page: rewriting it blindly could widen or break it). A page with
// no policy at all is returned unchanged.
bool cmi5_page(std::string_view page, std::string& out, std::string& error);

// The course structure's text (UTF-8, with an XML declaration). Every text and attribute is XML-escaped.
std::string cmi5_course_structure(const Cmi5CourseDescription& course);

}  // namespace pathwise::report
