#include "report/cmi5_course.h"

#include "report/scorm_manifest.h"  // xml_escape, shared by both packages' XML

namespace pathwise::report {

std::string cmi5_course_iri(std::string_view course_id, std::string_view course_version) {
  return "https://pathwise.example/course/" + std::string(course_id) + "/" + std::string(course_version);
}

std::string cmi5_au_iri(std::string_view course_id, std::string_view course_version) {
  return cmi5_course_iri(course_id, course_version) + "/au";
}

std::string cmi5_launch_url(std::string_view course_id) {
  return "index.html?lms=cmi5#/course/" + std::string(course_id);
}

bool cmi5_page(std::string_view page, std::string& out, std::string& error) {
  out.assign(page);
  const std::size_t policy = page.find("http-equiv=\"Content-Security-Policy\"");
  if (policy == std::string_view::npos) return true;
  const std::size_t content = page.find("content=\"", policy);
  const std::size_t end = content == std::string_view::npos ? content : page.find('"', content + 9);
  if (end == std::string_view::npos) {
    error = "index.html's Content-Security-Policy has no content attribute";
    return false;
  }
  const std::string_view directive = "connect-src 'self';";
  const std::size_t at = page.substr(0, end).find(directive, content);
  if (at == std::string_view::npos) {
    error = "index.html's Content-Security-Policy does not hold \"connect-src 'self';\" (was the page edited?), so "
            "it cannot be opened to the LMS's learning record store";
    return false;
  }
  out.replace(at, directive.size(), "connect-src 'self' https:;");
  return true;
}

std::string cmi5_course_structure(const Cmi5CourseDescription& course) {
  const std::string language = xml_escape(course.language.empty() ? "und" : course.language);
  auto langstring = [&](const std::string& indent, const std::string& text) {
    return indent + "  <langstring lang=\"" + language + "\">" + xml_escape(text) + "</langstring>\n";
  };
  const std::string description = course.course_description.empty() ? course.course_title : course.course_description;
  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n";
  out += "  <course id=\"" + xml_escape(cmi5_course_iri(course.course_id, course.course_version)) + "\">\n";
  out += "    <title>\n" + langstring("    ", course.course_title) + "    </title>\n";
  out += "    <description>\n" + langstring("    ", description) + "    </description>\n";
  out += "  </course>\n";
  // moveOn "Completed": the AU sends "completed" once every skill of the course is mastered (there is no test
  // score to pass). AnyWindow: the app works in a frame or a window of its own.
  out += "  <au id=\"" + xml_escape(cmi5_au_iri(course.course_id, course.course_version)) +
         "\" moveOn=\"Completed\" launchMethod=\"AnyWindow\">\n";
  out += "    <title>\n" + langstring("    ", course.course_title) + "    </title>\n";
  out += "    <description>\n" + langstring("    ", description) + "    </description>\n";
  out += "    <url>" + xml_escape(cmi5_launch_url(course.course_id)) + "</url>\n";
  out += "  </au>\n";
  out += "</courseStructure>\n";
  return out;
}

}  // namespace pathwise::report
