#!/usr/bin/env python3
"""Checks `pathwise simulate` on the shipped courses.

Usage: check_simulate.py PATHWISE_BINARY SOURCE_DIR

* `--json` on each course prints the documented keys; the same seed gives the same figures; every student of a
  small adaptive run reaches all-known within the budget; the adaptive policy needs fewer attempts than linear;
* the table output names each figure;
* a broken bundle exits 1 with its located diagnostics; wrong options exit 2 with a sentence.
Exit status: 0 when everything agrees, 1 otherwise. Standard library only.
"""

import json
import os
import subprocess
import sys

KEYS = ["course", "policy", "students", "seed", "budget", "students_reaching_all_known",
        "mean_attempts_to_all_known", "fraction_known_at_budget", "false_mastery_rate", "mastery_declarations",
        "success_rate", "mean_minutes", "mean_attempts"]
failures = []


def run(binary, source_dir, *args):
    result = subprocess.run([binary, "simulate", *args], cwd=source_dir, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=120)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def check(condition, what):
    if not condition:
        failures.append(what)


def main():
    binary, source_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    for course in ["fractions", "spanish-a1", "ecosystems"]:
        path = f"content/{course}/course.json"
        figures = {}
        for policy in ["adaptive", "linear"]:
            code, out, err = run(binary, source_dir, "--course", path, "--students", "30", "--seed", "3",
                                 "--policy", policy, "--json")
            check(code == 0, f"{course} {policy}: exit {code}: {err}")
            if code != 0:
                continue
            report = json.loads(out)
            check(list(report.keys()) == KEYS, f"{course} {policy}: keys {list(report.keys())}")
            # Textbook order may leave a student short of some skill at the budget; the adaptive path must not.
            needed = 30 if policy == "adaptive" else 25
            check(report["students_reaching_all_known"] >= needed, f"{course} {policy}: {report}")
            check(0 <= report["false_mastery_rate"] <= 1 and 0 <= report["success_rate"] <= 1, f"{course}: {report}")
            figures[policy] = report
            again = run(binary, source_dir, "--course", path, "--students", "30", "--seed", "3", "--policy", policy,
                        "--json")[1]
            check(again == out, f"{course} {policy}: the same seed gave different figures")
        if len(figures) == 2:
            check(figures["adaptive"]["mean_attempts_to_all_known"] < figures["linear"]["mean_attempts_to_all_known"],
                  f"{course}: adaptive {figures['adaptive']['mean_attempts_to_all_known']} attempts, linear "
                  f"{figures['linear']['mean_attempts_to_all_known']}")

    code, out, err = run(binary, source_dir, "--course", "content/fractions/course.json", "--students", "5",
                         "--seed", "1", "--policy", "random", "--budget", "50")
    check(code == 0 and "policy random" in out and "false_mastery_rate" in out and "success_rate" in out,
          f"table output: exit {code}: {out}{err}")

    code, out, err = run(binary, source_dir, "--course", "tests/fixtures/bundles/invalid/08-prerequisite-cycle.json", "--students",
                         "5", "--seed", "1", "--policy", "adaptive")
    check(code == 1 and "08-prerequisite-cycle.json:" in err and "INVALID" in err, f"invalid bundle: exit {code}: {err}")

    for args, words in [(["--course", "content/fractions/course.json"], "are required"),
                        (["--course", "x.json", "--students", "0", "--seed", "1", "--policy", "adaptive"],
                         "--students needs a whole number"),
                        (["--course", "x.json", "--students", "5", "--seed", "1", "--policy", "smart"],
                         "--policy is adaptive, linear or random"),
                        (["--course", "does-not-exist.json", "--students", "5", "--seed", "1", "--policy", "linear"],
                         "cannot read this file"),
                        (["--bogus"], "unknown option")]:
        code, out, err = run(binary, source_dir, *args)
        check(code == 2 and words in err, f"{args}: exit {code}, stderr {err!r}")

    for failure in failures:
        print("FAIL:", failure)
    print(f"check_simulate: {'ok' if not failures else str(len(failures)) + ' failure(s)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
