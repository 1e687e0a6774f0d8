#!/usr/bin/env python3
"""Checks `pathwise fit` against the fixtures in tests/fixtures/fit.

Usage: check_fit.py PATHWISE_BINARY SOURCE_DIR

* `fit responses.csv` (cwd = SOURCE_DIR): stdout plus a final "exit: N" line must equal responses.expected. The
  file is simulated by make_responses.py and has a quoted skill name with a comma and doubled quotes, a field
  spanning two lines and extra columns;
* `--json` must be an array with the documented keys and the same numbers as the table; `--skill` must fit that
  skill alone, with the same result; `--forgets` adds the forget key; `--init` runs are reproducible and ignore
  the seed;
* every invalid/*.csv: stderr plus "exit: N" must equal its .expected (FILE:LINE: sentence, exit 1);
* an unreadable file and a wrong command line must exit 2 with a sentence.
Exit status: 0 when everything agrees, 1 otherwise. Standard library only.
"""

import difflib
import glob
import json
import os
import subprocess
import sys

FOLDER = os.path.join("tests", "fixtures", "fit")
RESPONSES = FOLDER.replace(os.sep, "/") + "/responses.csv"
MISSING = FOLDER.replace(os.sep, "/") + "/does-not-exist.csv"
KEYS = ["skill", "prior", "learn", "guess", "slip", "loglik", "iterations", "auc", "rmse"]


class Checker:
    def __init__(self, binary, source_dir):
        self.binary = os.path.abspath(binary)
        self.source_dir = os.path.abspath(source_dir)
        self.failures = []

    def run(self, *args):
        result = subprocess.run([self.binary, "fit", *args], cwd=self.source_dir, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=60)
        return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")

    def check(self, what, good, detail=""):
        if good:
            print("ok    " + what)
        else:
            self.failures.append(what)
            print("FAIL  " + what)
            if detail:
                print(detail.rstrip("\n"))

    def compare(self, what, expected, actual):
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "expected", "actual"))
        self.check(what, actual == expected, diff)

    def table(self, *args):
        """The table's rows as {skill: {column: value}}."""
        code, stdout, stderr = self.run(*args)
        lines = stdout.splitlines()
        if code != 0 or not lines:
            return code, {}
        header = lines[0].split()
        rows = {}
        for line in lines[1:]:
            skill, *values = line.rsplit(None, len(header) - 1)  # a skill name may hold spaces
            rows[skill.strip()] = dict(zip(header[1:], values))
        return code, rows

    def check_responses(self):
        with open(os.path.join(self.source_dir, FOLDER, "responses.expected"), encoding="utf-8", newline="") as f:
            expected = f.read()
        code, stdout, stderr = self.run(RESPONSES)
        self.compare(f"fit {RESPONSES}: the table in responses.expected", expected, stdout + f"exit: {code}\n")

        _, rows = self.table(RESPONSES)
        code, stdout, _ = self.run(RESPONSES, "--json")
        try:
            fits = json.loads(stdout)
        except ValueError as error:
            self.check(f"fit --json: stdout is JSON ({error})", False, stdout)
            return
        problems = []
        if code != 0 or not isinstance(fits, list) or len(fits) != len(rows):
            problems.append(f"expected exit 0 and an array of {len(rows)} fits, got exit {code}")
            fits = []
        for fit in fits:
            if list(fit) != KEYS:
                problems.append(f"keys {list(fit)}, expected {KEYS}")
                continue
            row = rows.get(fit["skill"])
            if row is None:
                problems.append(f"skill {fit['skill']!r} is not in the table")
                continue
            for key in KEYS[1:]:
                if abs(float(row[key]) - fit[key]) > 0.0011:
                    problems.append(f"{fit['skill']}: {key} is {fit[key]} in JSON, {row[key]} in the table")
        self.check("fit --json: an array of {" + ",".join(KEYS) + "}, the table's numbers", not problems,
                   "\n".join("      " + p for p in problems))

        skill = 'Fractions, "equivalent" forms'
        code, alone = self.table(RESPONSES, "--skill", skill)
        self.check(f"fit --skill {skill!r}: that skill alone, the same fit",
                   code == 0 and list(alone) == [skill] and alone[skill] == rows.get(skill), str(alone))

        code, stdout, _ = self.run(RESPONSES, "--forgets", "--json")
        fits = json.loads(stdout) if code == 0 else []
        with_forget = KEYS[:5] + ["forget"] + KEYS[5:]
        good = bool(fits) and all(list(f) == with_forget and 0 <= f["forget"] <= 1 for f in fits)
        self.check("fit --forgets --json: a forget key after slip", good, stdout)

        init = "--init=prior=0.4,learn=0.2,guess=0.25,slip=0.1"
        first = self.run(RESPONSES, init)
        again = self.run(RESPONSES, init, "--seed", "12345", "--restarts", "3")
        self.check("fit --init: reproducible, and the seed and restarts play no part",
                   first[0] == 0 and first == again, first[1] + again[1])

    def check_invalid(self):
        files = sorted(glob.glob(os.path.join(self.source_dir, FOLDER, "invalid", "*.csv")))
        self.check("invalid fixtures found", bool(files))
        for path in files:
            name = os.path.basename(path)[: -len(".csv")]
            relative = f"{FOLDER}/invalid/{name}.csv".replace(os.sep, "/")
            with open(path[: -len(".csv")] + ".expected", encoding="utf-8", newline="") as f:
                expected = f.read()
            code, stdout, stderr = self.run(relative)
            self.compare(f"{name}: stderr and exit code as in {name}.expected", expected,
                         stderr + f"exit: {code}\n")
            self.check(f"{name}: nothing on stdout", stdout == "", stdout)

    def check_unusable(self):
        cases = [
            ([MISSING], MISSING + ": cannot read this file"),
            ([], "usage: pathwise fit"),
            ([RESPONSES, "--bogus"], "pathwise fit: unknown option --bogus"),
            ([RESPONSES, "--init", "prior=0.3,learn"], 'pathwise fit: --init: "learn" is not NAME=VALUE'),
            ([RESPONSES, "--init", "prior=1.5"],
             'pathwise fit: --init: prior must be a number from 0 to 1, not "1.5"'),
            ([RESPONSES, "--init", "speed=0.5"], 'pathwise fit: --init: unknown parameter "speed"'),
            ([RESPONSES, "--restarts", "0"], "pathwise fit: --restarts needs a whole number from 1 to 1000"),
            ([RESPONSES, "--seed", "-4"], "pathwise fit: --seed needs a whole number"),
            ([RESPONSES, "--skill"], "pathwise fit: --skill needs a value"),
        ]
        for args, start in cases:
            code, stdout, stderr = self.run(*args)
            good = code == 2 and stderr.startswith(start) and not stdout
            self.check(f"fit {' '.join(args)}: exit 2, {start!r}", good, f"exit {code}\n{stderr}{stdout}")


def main(argv):
    if len(argv) != 3:
        print("usage: check_fit.py PATHWISE_BINARY SOURCE_DIR", file=sys.stderr)
        return 2
    checker = Checker(argv[1], argv[2])
    checker.check_responses()
    checker.check_invalid()
    checker.check_unusable()
    if checker.failures:
        print(f"\n{len(checker.failures)} check(s) failed")
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
