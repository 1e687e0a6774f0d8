#!/usr/bin/env python3
"""Checks `pathwise schedule` against tests/fixtures/schedule.

Usage: check_schedule.py PATHWISE_BINARY SOURCE_DIR [--update]

* every tests/fixtures/schedule/*.json is run (cwd = SOURCE_DIR, so paths in messages are relative); its stdout,
  then its stderr, then a final "exit: N" line must equal NN-name.expected (a unified diff is printed otherwise).
  --update rewrites the .expected files from the current output: read the diff before committing it;
* 01-published-vector.json must give the published FSRS-6 vector (py-fsrs / ts-fsrs test_review_card) when each
  interval_days is counted in whole days, and the same output when read from standard input (`-`);
* an unreadable file, no argument and an unknown option must exit 2.
Exit status: 0 when everything agrees, 1 otherwise. Standard library only.
"""

import difflib
import glob
import json
import os
import subprocess
import sys

FIXTURES = os.path.join("tests", "fixtures", "schedule")
PUBLISHED_VECTOR = [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]


class Checker:
    def __init__(self, binary, source_dir):
        self.binary = os.path.abspath(binary)
        self.source_dir = os.path.abspath(source_dir)
        self.failures = []

    def run(self, *args, stdin=None):
        result = subprocess.run([self.binary, "schedule", *args], cwd=self.source_dir, input=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")

    def fail(self, what, detail=""):
        self.failures.append(what)
        print("FAIL  " + what)
        if detail:
            print(detail.rstrip("\n"))

    def ok(self, what):
        print("ok    " + what)

    def check_fixtures(self, update):
        folder = os.path.join(self.source_dir, FIXTURES)
        inputs = sorted(glob.glob(os.path.join(folder, "*.json")))
        if not inputs:
            self.fail("no fixtures found in " + folder)
        names = {os.path.basename(p)[:-len(".json")] for p in inputs}
        for path in sorted(glob.glob(os.path.join(folder, "*.expected"))):
            name = os.path.basename(path)[:-len(".expected")]
            if name not in names:
                self.fail(f"{name}.expected has no {name}.json")
        for path in inputs:
            name = os.path.basename(path)[:-len(".json")]
            relative = os.path.join(FIXTURES, name + ".json").replace(os.sep, "/")
            code, stdout, stderr = self.run(relative)
            actual = stdout + stderr + f"exit: {code}\n"
            expected_path = os.path.join(folder, name + ".expected")
            if update:
                with open(expected_path, "w", encoding="utf-8", newline="") as f:
                    f.write(actual)
            if not os.path.exists(expected_path):
                self.fail(f"{name}: no {name}.expected (run with --update, then read it)")
                continue
            with open(expected_path, encoding="utf-8", newline="") as f:
                expected = f.read()
            if actual == expected:
                self.ok(name)
            else:
                diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                    fromfile=f"{name}.expected",
                                                    tofile=f"{name} (pathwise schedule)"))
                self.fail(f"{name}: the output differs from {name}.expected", diff)

    def check_published_vector(self):
        relative = f"{FIXTURES}/01-published-vector.json"
        code, stdout, stderr = self.run(relative)
        try:
            reviews = json.loads(stdout)
            whole_days = [int(review["interval_days"]) for review in reviews]
        except (ValueError, KeyError, TypeError) as error:
            self.fail(f"{relative}: the output is not the documented JSON ({error})", stdout + stderr)
            return
        if code == 0 and whole_days == PUBLISHED_VECTOR:
            self.ok(f"{relative}: whole days {whole_days}")
        else:
            self.fail(f"{relative}: exit {code}, whole days {whole_days}, expected {PUBLISHED_VECTOR}")
        with open(os.path.join(self.source_dir, relative), "rb") as f:
            piped = self.run("-", stdin=f.read())
        if piped == (code, stdout, stderr):
            self.ok("schedule - (standard input): same output as the file")
        else:
            self.fail("schedule - (standard input) differs from reading the file", piped[1] + piped[2])

    def check_unusable(self):
        missing = f"{FIXTURES}/does-not-exist.json"
        for args, wanted in (((missing,), missing + ": cannot read this file"), ((), "usage: pathwise schedule"),
                             (("--fast", missing), "unknown option --fast"),
                             ((missing, missing), "usage: pathwise schedule")):
            code, stdout, stderr = self.run(*args)
            what = "schedule " + " ".join(args)
            if code == 2 and stdout == "" and wanted in stderr:
                self.ok(f"{what}: exit 2")
            else:
                self.fail(f"{what}: expected exit 2 and {wanted!r} on stderr, got exit {code}", stdout + stderr)


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--update"):
        print("usage: check_schedule.py PATHWISE_BINARY SOURCE_DIR [--update]", file=sys.stderr)
        return 2
    checker = Checker(argv[1], argv[2])
    if not os.access(checker.binary, os.X_OK):
        print(f"check_schedule.py: {checker.binary} is not an executable", file=sys.stderr)
        return 2
    checker.check_fixtures(update=len(argv) == 4)
    checker.check_published_vector()
    checker.check_unusable()
    if checker.failures:
        print(f"\n{len(checker.failures)} check(s) failed")
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
