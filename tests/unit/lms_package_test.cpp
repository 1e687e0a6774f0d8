// The pieces of `pathwise package --scorm2004` and `--cmi5`: the ZIP writer (read back here by a small independent reader
// that follows the end-of-central-directory record, as unzip does), the SCORM 2004 manifest builder and the cmi5 course structure builder.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>

#include "report/cmi5_course.h"
#include "report/scorm_manifest.h"
#include "report/zip_writer.h"

using pathwise::report::crc32;
using pathwise::report::ScormPackageDescription;
using pathwise::report::scorm2004_manifest;
using pathwise::report::xml_escape;
using pathwise::report::ZipWriter;

namespace {

std::uint32_t u16(const std::string& bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes.at(at)) | static_cast<unsigned char>(bytes.at(at + 1)) << 8;
}
std::uint32_t u32(const std::string& bytes, std::size_t at) {
  return u16(bytes, at) | u16(bytes, at + 2) << 16;
}

struct ReadEntry {
  std::string data;
  std::uint32_t crc = 0;
  std::uint32_t flags = 0;
  std::uint32_t method = 0;
  std::uint32_t date = 0;
  std::uint32_t time = 0;
};

// Reads an archive from its central directory (no comment expected, so the end record is the last 22 bytes),
// checking that each local header agrees with its central entry.
std::map<std::string, ReadEntry> read_zip(const std::string& zip) {
  std::map<std::string, ReadEntry> entries;
  REQUIRE(zip.size() >= 22);
  const std::size_t end = zip.size() - 22;
  REQUIRE(u32(zip, end) == 0x06054b50);
  const std::uint32_t count = u16(zip, end + 10);
  REQUIRE(u16(zip, end + 8) == count);
  const std::uint32_t directory_size = u32(zip, end + 12);
  std::size_t at = u32(zip, end + 16);
  REQUIRE(at + directory_size == end);
  for (std::uint32_t i = 0; i < count; ++i) {
    REQUIRE(u32(zip, at) == 0x02014b50);
    ReadEntry entry;
    entry.flags = u16(zip, at + 8);
    entry.method = u16(zip, at + 10);
    entry.time = u16(zip, at + 12);
    entry.date = u16(zip, at + 14);
    entry.crc = u32(zip, at + 16);
    const std::uint32_t compressed = u32(zip, at + 20);
    const std::uint32_t size = u32(zip, at + 24);
    const std::uint32_t name_length = u16(zip, at + 28);
    const std::uint32_t extra = u16(zip, at + 30);
    const std::uint32_t comment = u16(zip, at + 32);
    const std::uint32_t local = u32(zip, at + 42);
    const std::string name = zip.substr(at + 46, name_length);
    CHECK(compressed == size);
    REQUIRE(u32(zip, local) == 0x04034b50);
    CHECK(u32(zip, local + 14) == entry.crc);
    CHECK(u32(zip, local + 22) == size);
    CHECK(zip.substr(local + 30, u16(zip, local + 26)) == name);
    entry.data = zip.substr(local + 30 + u16(zip, local + 26) + u16(zip, local + 28), size);
    entries[name] = entry;
    at += 46 + name_length + extra + comment;
  }
  return entries;
}

}  // namespace

TEST_CASE("crc32 gives the check values of the ZIP polynomial") {
  CHECK(crc32("") == 0u);
  CHECK(crc32("123456789") == 0xCBF43926u);  // the "check" value of CRC-32/ISO-HDLC
  CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
  // Fed in pieces, the same value.
  CHECK(crc32("6789", crc32("12345")) == 0xCBF43926u);
}

TEST_CASE("a zip written in memory reads back entry for entry, stored, with fixed time stamps") {
  ZipWriter zip;
  const std::string binary("\x00\x01\xff\xfe PK\x03\x04 inside", 16);
  CHECK(zip.add("imsmanifest.xml", "<manifest/>") == "");
  CHECK(zip.add("content/fractions/course.json", "{\"a\":1}") == "");
  CHECK(zip.add("pathwise.wasm", binary) == "");
  CHECK(zip.add("empty.txt", "") == "");
  CHECK(zip.add("café/ñ.svg", "<svg/>") == "");
  CHECK(zip.size() == 5);
  const std::string bytes = zip.finish();
  const auto entries = read_zip(bytes);
  REQUIRE(entries.size() == 5);
  CHECK(entries.at("imsmanifest.xml").data == "<manifest/>");
  CHECK(entries.at("content/fractions/course.json").data == "{\"a\":1}");
  CHECK(entries.at("pathwise.wasm").data == binary);
  CHECK(entries.at("pathwise.wasm").crc == crc32(binary));
  CHECK(entries.at("empty.txt").data.empty());
  CHECK(entries.at("café/ñ.svg").data == "<svg/>");
  for (const auto& [name, entry] : entries) {
    CHECK(entry.method == 0);             // stored
    CHECK(entry.flags == (1u << 11));     // UTF-8 names
    CHECK(entry.date == ((1u << 5) | 1)); // 1980-01-01
    CHECK(entry.time == 0);
  }
  // The manifest comes first, as added.
  CHECK(bytes.compare(30, 15, "imsmanifest.xml") == 0);
}

TEST_CASE("the same entries give the same bytes") {
  auto build = [] {
    ZipWriter zip;
    zip.add("a.txt", "alpha");
    zip.add("b/c.txt", "gamma");
    return zip.finish();
  };
  CHECK(build() == build());
  ZipWriter empty;
  const std::string nothing = empty.finish();
  CHECK(nothing.size() == 22);  // just the end record
  CHECK(read_zip(nothing).empty());
}

TEST_CASE("names a zip reader could misplace are refused, and the archive is unchanged") {
  ZipWriter zip;
  CHECK(zip.add("ok.txt", "1") == "");
  const std::string before = zip.finish();
  CHECK(zip.add("ok.txt", "2").find("already") != std::string::npos);
  CHECK_FALSE(zip.add("", "x").empty());
  CHECK_FALSE(zip.add("/etc/passwd", "x").empty());
  CHECK_FALSE(zip.add("../up.txt", "x").empty());
  CHECK_FALSE(zip.add("a/./b", "x").empty());
  CHECK_FALSE(zip.add("a//b", "x").empty());
  CHECK_FALSE(zip.add("a\\b", "x").empty());
  CHECK_FALSE(zip.add("folder/", "x").empty());
  CHECK_FALSE(zip.add(std::string("a\nb"), "x").empty());
  CHECK(zip.size() == 1);
  CHECK(zip.finish() == before);
}

TEST_CASE("xml_escape escapes markup and drops the control characters XML 1.0 forbids") {
  CHECK(xml_escape("Fractions & <decimals> \"quoted\" 'single'") ==
        "Fractions &amp; &lt;decimals&gt; &quot;quoted&quot; &apos;single&apos;");
  CHECK(xml_escape(std::string("a\x01" "b\tc\nd", 7)) == "a b\tc\nd");
  CHECK(xml_escape("Fotosíntesis ½") == "Fotosíntesis ½");
}

TEST_CASE("the SCORM 2004 manifest has the 4th Edition metadata, one item, one SCO listing every file") {
  ScormPackageDescription package;
  package.course_id = "2d-shapes";
  package.course_title = "Shapes & <angles>";
  package.course_version = "1.2.0";
  package.files = {"index.html", "content/catalog.json", "content/2d-shapes/course.json", "content/2d-shapes/media/a b#.svg"};
  const std::string xml = scorm2004_manifest(package);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"pathwise-2d-shapes\" version=\"1.2.0\"", 0) == 0);
  for (const char* ns : {"xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"", "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"",
                         "xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"", "xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"",
                         "xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\""}) {
    CHECK_MESSAGE(xml.find(ns) != std::string::npos, ns);
  }
  CHECK(xml.find("<schema>ADL SCORM</schema>") != std::string::npos);
  CHECK(xml.find("<schemaversion>2004 4th Edition</schemaversion>") != std::string::npos);
  CHECK(xml.find("<organizations default=\"pathwise-organization\">") != std::string::npos);
  // Identifiers are XML IDs: never starting with a digit, whatever the course id.
  CHECK(xml.find("<item identifier=\"pathwise-item-2d-shapes\" identifierref=\"pathwise-resource-2d-shapes\">") != std::string::npos);
  CHECK(xml.find("<title>Shapes &amp; &lt;angles&gt;</title>") != std::string::npos);
  CHECK(xml.find("<resource identifier=\"pathwise-resource-2d-shapes\" type=\"webcontent\" adlcp:scormType=\"sco\" "
                 "href=\"index.html?lms=scorm2004#/course/2d-shapes\">") != std::string::npos);
  CHECK(xml.find("<file href=\"index.html\"/>") != std::string::npos);
  CHECK(xml.find("<file href=\"content/2d-shapes/course.json\"/>") != std::string::npos);
  CHECK(xml.find("<file href=\"content/2d-shapes/media/a%20b%23.svg\"/>") != std::string::npos);
  std::size_t files = 0;
  for (std::size_t at = xml.find("<file "); at != std::string::npos; at = xml.find("<file ", at + 1)) ++files;
  CHECK(files == 4);
  CHECK(xml.find("<item ") == xml.rfind("<item "));  // exactly one item
}

TEST_CASE("the cmi5 course structure has one course and one AU, with IRIs from the id and version, all escaped") {
  pathwise::report::Cmi5CourseDescription course;
  course.course_id = "2d-shapes";
  course.course_version = "1.2.0";
  course.course_title = "Shapes & <angles>";
  course.course_description = "Triangles \"and\" 'squares'\x01";
  course.language = "es-419";
  const std::string xml = pathwise::report::cmi5_course_structure(course);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<courseStructure "
                  "xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n", 0) == 0);
  CHECK(pathwise::report::cmi5_course_iri("2d-shapes", "1.2.0") == "https://pathwise.example/course/2d-shapes/1.2.0");
  CHECK(xml.find("<course id=\"https://pathwise.example/course/2d-shapes/1.2.0\">") != std::string::npos);
  CHECK(xml.find("<au id=\"https://pathwise.example/course/2d-shapes/1.2.0/au\" moveOn=\"Completed\" "
                 "launchMethod=\"AnyWindow\">") != std::string::npos);
  CHECK(xml.find("<url>index.html?lms=cmi5#/course/2d-shapes</url>") != std::string::npos);
  // The title and description of both the course and the AU, escaped, in the catalog's language; the control
  // character XML 1.0 forbids became a space.
  std::size_t titles = 0;
  for (std::size_t at = xml.find("<langstring lang=\"es-419\">Shapes &amp; &lt;angles&gt;</langstring>");
       at != std::string::npos; at = xml.find("<langstring lang=\"es-419\">Shapes &amp; &lt;angles&gt;</langstring>", at + 1)) {
    ++titles;
  }
  CHECK(titles == 2);
  CHECK(xml.find("<langstring lang=\"es-419\">Triangles &quot;and&quot; &apos;squares&apos; </langstring>") !=
        std::string::npos);
  CHECK(xml.find("<au ") == xml.rfind("<au "));  // exactly one AU
  CHECK(xml.find('\x01') == std::string::npos);
  // No description: the title stands in (the schema requires one); no language: "und" (undetermined, BCP 47).
  course.course_description.clear();
  course.language.clear();
  const std::string bare = pathwise::report::cmi5_course_structure(course);
  CHECK(bare.find("<description>\n      <langstring lang=\"und\">Shapes &amp; &lt;angles&gt;</langstring>") !=
        std::string::npos);
}

TEST_CASE("a cmi5 package's page may reach an LRS on any https: origin, every other directive kept") {
  const std::string page =
      "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; "
      "connect-src 'self'; worker-src 'self'\"><title>connect-src 'self';</title>";
  std::string out, error;
  REQUIRE(pathwise::report::cmi5_page(page, out, error));
  CHECK(out == "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; "
               "connect-src 'self' https:; worker-src 'self'\"><title>connect-src 'self';</title>");
  // No policy: nothing to open.
  REQUIRE(pathwise::report::cmi5_page("<title>x</title>", out, error));
  CHECK(out == "<title>x</title>");
  // A policy edited by hand: refused rather than guessed at.
  CHECK_FALSE(pathwise::report::cmi5_page("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                                          "connect-src 'self';", out, error));
  CHECK(error.find("connect-src 'self';") != std::string::npos);
  CHECK_FALSE(pathwise::report::cmi5_page("<meta http-equiv=\"Content-Security-Policy\">", out, error));
}
