#include "report/scorm_manifest.h"

namespace pathwise::report {

namespace {

// A path inside the package as a relative URI reference (RFC 3986): unreserved characters and "/" stay, every
// other byte (a space, "#", "?", "%", any UTF-8 byte) becomes %XX, so an LMS resolving the href finds the file.
std::string uri_path(std::string_view path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    const unsigned char byte = static_cast<unsigned char>(c);
    const bool keep = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                      byte == '-' || byte == '.' || byte == '_' || byte == '~' || byte == '/';
    if (keep) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xf]);
    }
  }
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out.push_back(' ');
        else out.push_back(c);
    }
  }
  return out;
}

std::string scorm_launch_href(std::string_view course_id) {
  return "index.html?lms=scorm2004#/course/" + std::string(course_id);
}

std::string scorm2004_manifest(const ScormPackageDescription& package) {
  // XML IDs (xs:ID) must not start with a digit, which a course id may: every identifier gets a prefix.
  const std::string id = xml_escape(package.course_id);
  const std::string organization = "pathwise-organization";
  const std::string item = "pathwise-item-" + id;
  const std::string resource = "pathwise-resource-" + id;
  const std::string title = xml_escape(package.course_title);
  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<manifest identifier=\"pathwise-" + id + "\" version=\"" + xml_escape(package.course_version) + "\"\n";
  out += "          xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n";
  out += "          xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n";
  out += "          xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n";
  out += "          xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n";
  out += "          xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"\n";
  out += "          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n";
  // The schema files' usual names in 4th Edition packages; LMSs that validate ship their own copies.
  out += "          xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
         "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
         "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
         "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
         "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\">\n";
  out += "  <metadata>\n";
  out += "    <schema>ADL SCORM</schema>\n";
  out += "    <schemaversion>2004 4th Edition</schemaversion>\n";
  out += "  </metadata>\n";
  out += "  <organizations default=\"" + organization + "\">\n";
  out += "    <organization identifier=\"" + organization + "\">\n";
  out += "      <title>" + title + "</title>\n";
  out += "      <item identifier=\"" + item + "\" identifierref=\"" + resource + "\">\n";
  out += "        <title>" + title + "</title>\n";
  out += "      </item>\n";
  out += "    </organization>\n";
  out += "  </organizations>\n";
  out += "  <resources>\n";
  out += "    <resource identifier=\"" + resource + "\" type=\"webcontent\" adlcp:scormType=\"sco\" href=\"" +
         xml_escape(scorm_launch_href(package.course_id)) + "\">\n";
  for (const std::string& file : package.files) out += "      <file href=\"" + xml_escape(uri_path(file)) + "\"/>\n";
  out += "    </resource>\n";
  out += "  </resources>\n";
  out += "</manifest>\n";
  return out;
}

}  // namespace pathwise::report
