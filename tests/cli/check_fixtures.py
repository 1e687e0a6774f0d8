#!/usr/bin/env python3
"""Checks `pathwise validate` against the broken-bundle fixtures and the shipped courses.

Usage: check_fixtures.py PATHWISE_BINARY SOURCE_DIR

* every tests/fixtures/bundles/invalid/*.json is validated (cwd = SOURCE_DIR, so paths are relative) and its
  stdout plus a final "exit: N" line must equal NN-name.expected (a unified diff is printed otherwise);
* the shipped courses (content/) must be valid with nothing at all on stdout: not even a warning;
* `validate --json` on one fixture must have the documented shape, and say the same as the text output;
* tests/fixtures/site/good/site.json is valid with nothing on stdout; tests/fixtures/site/broken/site.json gives
  exactly tests/fixtures/site/broken/site.expected;
* an unreadable file and a missing argument must exit 2.

Fixtures listed in KNOWN_WRONG hold the output the validator *should* give: their .expected was written by
hand because the current message is wrong or unclear. They are reported as XFAIL and do not fail the run; when
the validator is fixed and the output matches, the run fails with XPASS until the entry is removed here.
Exit status: 0 when everything agrees, 1 otherwise. Standard library only.
"""

import difflib
import glob
import json
import os
import subprocess
import sys
import tempfile

FIXTURES = os.path.join("tests", "fixtures", "bundles", "invalid")

# Fixture -> why its .expected differs from what the validator prints today (see tests/fixtures/bundles/README.md).
KNOWN_WRONG = {}

JSON_DIAGNOSTIC_KEYS = {"severity": str, "file": str, "line": int, "column": int, "pointer": str, "message": str}
JSON_FIXTURE = "04-missing-required"  # errors and a warning, and a diagnostic with an empty pointer


class Checker:
    def __init__(self, binary, source_dir):
        self.binary = os.path.abspath(binary)
        self.source_dir = os.path.abspath(source_dir)
        self.failures = []

    def run(self, *args):
        result = subprocess.run([self.binary, *args], cwd=self.source_dir, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=120)
        return (result.returncode, result.stdout.decode("utf-8", "surrogateescape"),
                result.stderr.decode("utf-8", "surrogateescape"))

    def fail(self, what, detail=""):
        self.failures.append(what)
        print("FAIL  " + what)
        if detail:
            print(detail.rstrip("\n"))

    def ok(self, what):
        print("ok    " + what)

    # ---- fixtures ----------------------------------------------------------------------------------------------

    def check_fixtures(self):
        folder = os.path.join(self.source_dir, FIXTURES)
        bundles = sorted(glob.glob(os.path.join(folder, "*.json")))
        expected_files = sorted(glob.glob(os.path.join(folder, "*.expected")))
        if not bundles:
            self.fail("no fixtures found in " + folder)
            return
        names = {os.path.basename(p)[:-len(".json")] for p in bundles}
        for path in expected_files:
            name = os.path.basename(path)[:-len(".expected")]
            if name not in names:
                self.fail(f"{name}.expected has no {name}.json")
        for name in sorted(set(KNOWN_WRONG) - names):
            self.fail(f"KNOWN_WRONG names {name}, which is not a fixture")
        for path in bundles:
            name = os.path.basename(path)[:-len(".json")]
            relative = os.path.join(FIXTURES, name + ".json").replace(os.sep, "/")
            expected_path = os.path.join(folder, name + ".expected")
            if not os.path.exists(expected_path):
                self.fail(f"{name}: no {name}.expected (see tests/fixtures/bundles/README.md to create it)")
                continue
            with open(expected_path, encoding="utf-8", newline="") as f:
                expected = f.read()
            code, stdout, _ = self.run("validate", relative)
            actual = stdout + f"exit: {code}\n"
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                fromfile=f"{name}.expected", tofile=f"{name} (pathwise validate)"))
            if name in KNOWN_WRONG:
                if actual == expected:
                    self.fail(f"{name}: XPASS, the validator now prints the expected output; "
                              "remove it from KNOWN_WRONG in tests/cli/check_fixtures.py")
                else:
                    print(f"xfail {name}: {KNOWN_WRONG[name]}")
                    print("\n".join("      " + line for line in diff.splitlines()))
            elif actual == expected:
                self.ok(name)
            else:
                self.fail(f"{name}: the output differs from {name}.expected", diff)

    # ---- shipped content ---------------------------------------------------------------------------------------

    def check_content(self):
        content = os.path.join(self.source_dir, "content")
        schema_folder = os.path.join(content, "schema")
        shipped = sorted(os.path.relpath(p, self.source_dir).replace(os.sep, "/")
                         for p in glob.glob(os.path.join(content, "**", "*.json"), recursive=True)
                         if not os.path.abspath(p).startswith(schema_folder + os.sep))
        if not shipped:
            self.fail("no .json files found under content/")
            return
        code, stdout, stderr = self.run("validate", *shipped)
        if code == 0 and stdout == "":
            self.ok(f"validate {' '.join(shipped)}: exit 0, nothing on stdout")
        else:
            self.fail(f"the shipped courses must be valid without warnings: exit {code}", stdout + stderr)

        # The whole folder: it also holds content/schema/bundle.schema.json, which is not a bundle. Until the
        # validator leaves JSON Schema files out of a folder, that file's diagnostics are the only ones allowed.
        code, stdout, stderr = self.run("validate", "content/")
        if code == 0 and stdout == "":
            self.ok("validate content/: exit 0, nothing on stdout")
            return
        others = [line for line in stdout.splitlines() if not line.startswith("content/schema/")]
        if code == 1 and not others:
            print("xfail validate content/: exit 1 only because it reads content/schema/*.schema.json as a bundle:")
            print("\n".join("      " + line for line in stdout.splitlines()))
        else:
            self.fail(f"validate content/: exit {code}", stdout + stderr)

    # ---- --json --------------------------------------------------------------------------------------------------

    def check_json_output(self):
        relative = f"{FIXTURES}/{JSON_FIXTURE}.json"
        code, stdout, stderr = self.run("validate", "--json", relative)
        text_code, text_stdout, _ = self.run("validate", relative)
        what = f"validate --json {relative}"
        try:
            document = json.loads(stdout)
        except ValueError as error:
            self.fail(f"{what}: stdout is not JSON ({error})", stdout)
            return
        problems = []
        if code != text_code:
            problems.append(f"exit {code} with --json, {text_code} without")
        files = document.get("files") if isinstance(document, dict) else None
        if not isinstance(files, list) or len(files) != 1:
            problems.append('expected {"files": [one entry]}')
            files = []
        rebuilt = []
        for entry in files:
            if not isinstance(entry, dict):
                problems.append("a files[] entry is not an object")
                continue
            for key, kind in (("file", str), ("readable", bool), ("valid", bool), ("diagnostics", list)):
                if not isinstance(entry.get(key), kind):
                    problems.append(f"files[].{key} should be a {kind.__name__}")
            if entry.get("file") != relative:
                problems.append(f'files[].file is {entry.get("file")!r}, expected {relative!r}')
            if entry.get("valid") is not (text_code == 0):
                problems.append(f"files[].valid is {entry.get('valid')} but the exit code is {text_code}")
            diagnostics = entry.get("diagnostics") if isinstance(entry.get("diagnostics"), list) else []
            if not diagnostics:
                problems.append("files[].diagnostics is empty for a broken fixture")
            for i, diagnostic in enumerate(diagnostics):
                if not isinstance(diagnostic, dict):
                    problems.append(f"diagnostics[{i}] is not an object")
                    continue
                if set(diagnostic) != set(JSON_DIAGNOSTIC_KEYS):
                    problems.append(f"diagnostics[{i}] has keys {sorted(diagnostic)}, expected {sorted(JSON_DIAGNOSTIC_KEYS)}")
                for key, kind in JSON_DIAGNOSTIC_KEYS.items():
                    value = diagnostic.get(key)
                    if not isinstance(value, kind) or isinstance(value, bool):
                        problems.append(f"diagnostics[{i}].{key} should be a {kind.__name__}, found {value!r}")
                if diagnostic.get("severity") not in ("error", "warning"):
                    problems.append(f"diagnostics[{i}].severity is {diagnostic.get('severity')!r}")
                if diagnostic.get("file") != relative:
                    problems.append(f"diagnostics[{i}].file is {diagnostic.get('file')!r}")
                rebuilt.append(format_diagnostic(diagnostic))
        if not problems and rebuilt != text_stdout.splitlines():
            problems.append("the diagnostics differ from the text output:\n" + "\n".join(
                difflib.unified_diff(text_stdout.splitlines(), rebuilt, "text output", "--json, formatted", lineterm="")))
        if problems:
            self.fail(what, "\n".join("      " + p for p in problems))
        else:
            self.ok(f"{what}: shape files[].diagnostics[].{{{','.join(JSON_DIAGNOSTIC_KEYS)}}}, same as the text output")

    # ---- site.json -----------------------------------------------------------------------------------------------

    def check_site(self):
        # A complete, valid site folder: nothing on stdout. A broken one: every problem, located (its logo and
        # courses are checked against the folder and its content/catalog.json).
        good = "tests/fixtures/site/good/site.json"
        code, stdout, stderr = self.run("validate", good)
        if code == 0 and stdout == "":
            self.ok(f"validate {good}: exit 0, nothing on stdout")
        else:
            self.fail(f"validate {good}: expected exit 0 and nothing on stdout, got exit {code}", stdout + stderr)
        broken = "tests/fixtures/site/broken/site.json"
        with open(os.path.join(self.source_dir, "tests/fixtures/site/broken/site.expected"), encoding="utf-8") as f:
            expected = f.read()
        code, stdout, _ = self.run("validate", broken)
        actual = stdout + f"exit: {code}\n"
        if actual == expected:
            self.ok(f"validate {broken}: as in site.expected")
        else:
            self.fail(f"validate {broken}: the output differs from site.expected", "".join(difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), "site.expected", "pathwise validate")))

    # ---- exit 2 ------------------------------------------------------------------------------------------------

    def check_unusable(self):
        missing = "tests/fixtures/bundles/does-not-exist.json"
        code, stdout, stderr = self.run("validate", missing)
        if code == 2 and stdout.startswith(missing + ": cannot read this file"):
            self.ok(f"validate {missing}: exit 2")
        else:
            self.fail(f"validate {missing}: expected exit 2 and 'cannot read this file', got exit {code}", stdout + stderr)
        code, stdout, stderr = self.run("validate")
        if code == 2 and "usage" in stderr:
            self.ok("validate (no arguments): exit 2 with a usage line")
        else:
            self.fail(f"validate (no arguments): expected exit 2 and a usage line, got exit {code}", stdout + stderr)
        # A file above the size limit is refused unread, with its size and the limit.
        with tempfile.TemporaryDirectory(prefix="pathwise-size-") as temporary:
            large = os.path.join(temporary, "large.json")
            with open(large, "w", encoding="utf-8") as f:
                f.write("[" + " " * (3 * 1024 * 1024 // 2) + "]")
            code, stdout, stderr = self.run("validate", "--max-mb=1", large)
            expected = large + ": cannot read this file: the file is 1.5 MB, more than the limit of 1 MB, so it was not read"
            if code == 2 and stdout.strip() == expected:
                self.ok("validate --max-mb=1 on a 1.5 MB file: exit 2, refused unread with its size")
            else:
                self.fail(f"validate --max-mb=1 on a 1.5 MB file: expected exit 2 and {expected!r}, got exit {code}",
                          stdout + stderr)
            code, stdout, stderr = self.run("validate", "--max-mb=many", large)
            if code == 2 and "--max-mb needs a whole number" in stderr:
                self.ok("validate --max-mb=many: exit 2 with a sentence")
            else:
                self.fail(f"validate --max-mb=many: expected exit 2, got exit {code}", stdout + stderr)


def format_diagnostic(d):
    """The text form, as shared/content/diagnostic.cpp writes it."""
    text = d["file"]
    if d["line"] > 0:
        text += f":{d['line']}:{d['column']}"
    text += ": "
    if d["pointer"]:
        text += d["pointer"] + ": "
    if d["severity"] == "warning":
        text += "warning: "
    return text + d["message"]


def main(argv):
    if len(argv) != 3:
        print("usage: check_fixtures.py PATHWISE_BINARY SOURCE_DIR", file=sys.stderr)
        return 2
    checker = Checker(argv[1], argv[2])
    if not os.access(checker.binary, os.X_OK):
        print(f"check_fixtures.py: {checker.binary} is not an executable", file=sys.stderr)
        return 2
    checker.check_fixtures()
    checker.check_content()
    checker.check_json_output()
    checker.check_site()
    checker.check_unusable()
    if checker.failures:
        print(f"\n{len(checker.failures)} check(s) failed")
        return 1
    print(f"\nall checks passed ({len(KNOWN_WRONG)} fixture(s) wait for a validator fix: see KNOWN_WRONG)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
