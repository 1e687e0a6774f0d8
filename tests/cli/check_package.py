#!/usr/bin/env python3
"""Checks `pathwise package --scorm2004` and `--cmi5` on a site folder made here from the shipped courses.

Usage: check_package.py PATHWISE_BINARY SOURCE_DIR

The site is made in a temporary folder so the check does not depend on the web build: an index.html, hashed
script and wasm names, a service worker, a manifest and an icons folder (the files another part of the build
adds: the command must copy whatever is there without knowing their names), and the source tree's content/
(three courses, with media). Then:

* the zip opens with Python's zipfile, every entry is stored with the 1980-01-01 time stamp and a correct CRC;
* its entries are exactly imsmanifest.xml (first), every top-level file and folder of the site but content/,
  content/catalog.json rewritten to hold only the course, and the course's folder (bundle and media);
* imsmanifest.xml parses with xml.etree and has the SCORM 2004 4th Edition structure: namespaces, metadata, one
  organization with one item titled with the course title (escaped: the catalog title here holds & and <),
  whose identifierref names one webcontent SCO resource launching index.html?lms=scorm2004#/course/ID and
  listing every other file of the zip;
* the same site gives the same bytes; an output inside the site folder is not packaged into itself;
* --cmi5: the same files with cmi5.xml (first) instead of imsmanifest.xml; cmi5.xml parses with xml.etree and
  has the cmi5 course structure (namespace, one course with an IRI from the id and version, title and
  description langstrings in the catalog's language, escaped, one AU with moveOn Completed, AnyWindow and the
  relative launch URL index.html?lms=cmi5#/course/ID); index.html's connect-src becomes 'self' https: and
  nothing else in the page changes; a page whose policy was edited is refused;
* a course the catalog lacks, a missing site, both standards at once and a bundle changed after the catalog was written each
  give a clear sentence and the documented exit status.
Exit status: 0 when everything agrees, 1 otherwise. Standard library only.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

NS = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
TITLE = "Photosynthesis & <energy> in ecosystems"
PAGE = ("<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
        "connect-src 'self'; worker-src 'self'\"><title>Pathwise</title>")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def run(binary, cwd, *args):
    result = subprocess.run([binary, "package", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=120)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def make_site(source_dir, site):
    os.makedirs(os.path.join(site, "icons"))
    files = {
        "index.html": PAGE,
        "pathwise.3f9a1c.js": "// script",
        "pathwise.3f9a1c.wasm": "\0asm\x01\0\0\0",
        "sw.js": "// service worker",
        "manifest.webmanifest": "{}",
        "icons/icon-192.png": "\x89PNG",
        "icons/nested/icon-512.png": "\x89PNG big",
        "diagnostics.html": "<!doctype html>",
    }
    for name, text in files.items():
        path = os.path.join(site, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="latin-1") as out:
            out.write(text)
    shutil.copytree(os.path.join(source_dir, "content"), os.path.join(site, "content"))
    catalog_path = os.path.join(site, "content", "catalog.json")
    with open(catalog_path, encoding="utf-8") as f:
        catalog = json.load(f)
    for course in catalog["courses"]:
        if course["id"] == "ecosystems":
            course["title"] = TITLE  # the catalog's title is what the LMS shows: it must survive XML escaping
    with open(catalog_path, "w", encoding="utf-8") as out:
        json.dump(catalog, out, indent=2)
    return sorted(files), catalog


def expected_entries(site, site_files):
    course = []
    for root, _, names in os.walk(os.path.join(site, "content", "ecosystems")):
        for name in names:
            course.append(os.path.relpath(os.path.join(root, name), site).replace(os.sep, "/"))
    return ["imsmanifest.xml"] + sorted(site_files + course + ["content/catalog.json"])


def check_manifest(text, names):
    namespaces = {prefix: uri for _, (prefix, uri) in ET.iterparse(__import__("io").BytesIO(text),
                                                                   events=["start-ns"])}
    for prefix, uri in [("", NS["cp"]), ("adlcp", NS["adlcp"]), ("adlseq", NS["adlseq"]),
                        ("adlnav", NS["adlnav"]), ("imsss", NS["imsss"])]:
        check(namespaces.get(prefix) == uri, f"namespace {prefix or '(default)'}: {namespaces.get(prefix)}")
    root = ET.fromstring(text)
    check(root.tag == f"{{{NS['cp']}}}manifest", f"root element {root.tag}")
    check(root.get("identifier") == "pathwise-ecosystems", f"manifest identifier {root.get('identifier')}")
    check(root.get("version") == "1.0.0", f"manifest version {root.get('version')}")
    check(root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM", "metadata/schema")
    check(root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "2004 4th Edition", "schemaversion")
    organizations = root.find("cp:organizations", NS)
    organization = organizations.findall("cp:organization", NS)
    check(len(organization) == 1, f"{len(organization)} organizations")
    check(organizations.get("default") == organization[0].get("identifier"), "organizations/@default")
    items = organization[0].findall(".//cp:item", NS)
    check(len(items) == 1, f"{len(items)} items")
    check(organization[0].findtext("cp:title", namespaces=NS) == TITLE, "organization title")
    check(items[0].findtext("cp:title", namespaces=NS) == TITLE, f"item title {items[0].findtext('cp:title', namespaces=NS)}")
    resources = root.findall("cp:resources/cp:resource", NS)
    check(len(resources) == 1, f"{len(resources)} resources")
    resource = resources[0]
    check(items[0].get("identifierref") == resource.get("identifier"), "item/@identifierref names the resource")
    check(resource.get("type") == "webcontent", "resource type")
    check(resource.get(f"{{{NS['adlcp']}}}scormType") == "sco", "adlcp:scormType")
    check(resource.get("href") == "index.html?lms=scorm2004#/course/ecosystems", f"href {resource.get('href')}")
    hrefs = [urllib.parse.unquote(f.get("href")) for f in resource.findall("cp:file", NS)]
    check(sorted(hrefs) == sorted(n for n in names if n != "imsmanifest.xml"),
          f"file hrefs differ from the zip: {sorted(set(hrefs) ^ set(names[1:]))}")
    # Every identifier is an XML ID: never starting with a digit.
    for element in [root, organization[0], items[0], resource]:
        check(not element.get("identifier")[0].isdigit(), f"identifier {element.get('identifier')}")


def check_cmi5(z, original, scorm_names):
    names = z.namelist()
    check(names == ["cmi5.xml"] + scorm_names[1:], f"cmi5 entries differ:\n  got {names}\n  scorm {scorm_names}")
    check(z.read("index.html").decode() == PAGE.replace("connect-src 'self';", "connect-src 'self' https:;"),
          f"cmi5 index.html: {z.read('index.html')}")
    text = z.read("cmi5.xml")
    namespaces = {prefix: uri for _, (prefix, uri) in ET.iterparse(__import__("io").BytesIO(text), events=["start-ns"])}
    check(namespaces.get("") == CMI5, f"cmi5 namespace {namespaces}")
    root = ET.fromstring(text)
    q = lambda tag: f"{{{CMI5}}}{tag}"
    check(root.tag == q("courseStructure"), f"cmi5 root {root.tag}")
    check([child.tag for child in root] == [q("course"), q("au")], f"cmi5 children {[c.tag for c in root]}")
    course, au = root.find(q("course")), root.find(q("au"))
    iri = f"https://pathwise.example/course/ecosystems/{original['version']}"
    check(course.get("id") == iri, f"course id {course.get('id')}")
    check(au.get("id") == iri + "/au", f"au id {au.get('id')}")
    check(au.get("moveOn") == "Completed" and au.get("launchMethod") == "AnyWindow", f"au attributes {au.attrib}")
    check(au.findtext(q("url")) == "index.html?lms=cmi5#/course/ecosystems", f"au url {au.findtext(q('url'))}")
    for element in (course, au):
        for tag, expected in (("title", TITLE), ("description", original.get("description") or TITLE)):
            strings = element.findall(f"{q(tag)}/{q('langstring')}")
            check(len(strings) == 1 and strings[0].text == expected and strings[0].get("lang") == original["language"],
                  f"{element.tag} {tag}: {[(s.get('lang'), s.text) for s in strings]}")


def main():
    binary, source_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as temp:
        site = os.path.join(temp, "site")
        site_files, catalog = make_site(source_dir, site)
        out = os.path.join(temp, "ecosystems.zip")
        code, _, err = run(binary, temp, "--scorm2004", "ecosystems", "-o", out, "--site", site)
        check(code == 0, f"package: exit {code}: {err}")
        check("stored" in err, f"the summary says how the files are stored: {err}")
        if code == 0:
            with zipfile.ZipFile(out) as z:
                check(z.testzip() is None, "a CRC does not match")
                names = z.namelist()
                expected = expected_entries(site, site_files)
                check(names == expected, f"entries differ:\n  got      {names}\n  expected {expected}")
                for info in z.infolist():
                    check(info.compress_type == zipfile.ZIP_STORED, f"{info.filename} is not stored")
                    check(info.date_time == (1980, 1, 1, 0, 0, 0), f"{info.filename}: time {info.date_time}")
                packaged = json.loads(z.read("content/catalog.json"))
                original = [c for c in catalog["courses"] if c["id"] == "ecosystems"][0]
                check(packaged == {"format": "pathwise.catalog/1", "courses": [original]},
                      f"catalog.json in the package: {packaged}")
                bundle = z.read("content/ecosystems/course.json")
                check(hashlib.sha256(bundle).hexdigest() == original["sha256"], "the packaged bundle's SHA-256")
                check(z.read("pathwise.3f9a1c.wasm") == b"\0asm\x01\0\0\0", "a binary file's bytes")
                check(not any(n.startswith("content/fractions") or n.startswith("content/schema") for n in names),
                      "other courses are packaged too")
                check_manifest(z.read("imsmanifest.xml"), names)
            cmi5 = os.path.join(temp, "ecosystems-cmi5.zip")
            code, _, err = run(binary, temp, "--cmi5", "ecosystems", "-o", cmi5, "--site", site)
            check(code == 0 and "cmi5 package" in err, f"--cmi5: exit {code}: {err}")
            if code == 0:
                with zipfile.ZipFile(cmi5) as z:
                    check(z.testzip() is None, "cmi5: a CRC does not match")
                    check_cmi5(z, original, names)
            # Deterministic: the same site, the same bytes.
            again = os.path.join(temp, "again.zip")
            run(binary, temp, "--scorm2004", "ecosystems", "-o", again, "--site", site)
            with open(out, "rb") as a, open(again, "rb") as b:
                check(a.read() == b.read(), "the same site gave different bytes")

        # An output inside the site folder (from the default --site, relative to the current folder).
        os.makedirs(os.path.join(temp, "build", "web"))
        shutil.move(site, os.path.join(temp, "build", "web", "dist"))
        code, _, err = run(binary, temp, "--scorm2004", "fractions", "-o", "build/web/dist/fractions.zip")
        check(code == 0, f"default --site: exit {code}: {err}")
        if code == 0:
            with zipfile.ZipFile(os.path.join(temp, "build", "web", "dist", "fractions.zip")) as z:
                check("fractions.zip" not in z.namelist(), "the output was packaged into itself")
                check("content/fractions/course.json" in z.namelist(), "default --site: the bundle is missing")
        site = os.path.join(temp, "build", "web", "dist")

        code, _, err = run(binary, temp, "--scorm2004", "geometry", "-o", os.path.join(temp, "x.zip"))
        check(code == 2 and "fractions, spanish-a1, ecosystems" in err and "geometry" in err,
              f"unknown course: exit {code}: {err}")
        code, _, err = run(binary, os.path.join(temp, "build"), "--scorm2004", "fractions", "-o", "x.zip")
        check(code == 2 and "Build the web client first" in err, f"missing site: exit {code}: {err}")
        code, _, err = run(binary, temp, "--cmi5", "fractions", "--scorm2004", "fractions", "-o", "x.zip")
        check(code == 2 and "one standard" in err, f"both standards: exit {code}: {err}")
        with open(os.path.join(site, "index.html"), "w") as f:
            f.write(PAGE.replace("connect-src 'self'; ", ""))
        code, _, err = run(binary, temp, "--cmi5", "fractions", "-o", os.path.join(temp, "edited.zip"))
        check(code == 2 and "connect-src" in err and not os.path.exists(os.path.join(temp, "edited.zip")),
              f"--cmi5 with an edited policy: exit {code}: {err}")
        with open(os.path.join(site, "index.html"), "w") as f:
            f.write(PAGE)
        code, _, err = run(binary, temp, "--scorm2004", "fractions")
        check(code == 2 and "usage" in err, f"no -o: exit {code}: {err}")
        with open(os.path.join(site, "content", "spanish-a1", "course.json"), "ab") as f:
            f.write(b" ")
        code, _, err = run(binary, temp, "--scorm2004", "spanish-a1", "-o", os.path.join(temp, "s.zip"))
        check(code == 1 and "SHA-256" in err and not os.path.exists(os.path.join(temp, "s.zip")),
              f"changed bundle: exit {code}: {err}")

    for failure in failures:
        print(f"FAIL: {failure}")
    print(f"{'FAILED' if failures else 'ok'}: pathwise package")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
