#!/usr/bin/env python3
"""Checks that content/schema/bundle.schema.json agrees with the C++ validator (`pathwise validate`).

Usage: check_schema_agreement.py PATHWISE_BINARY SOURCE_DIR

1. the schema is a valid JSON Schema draft 2020-12 and every "$ref" in it resolves;
2. the shipped courses (content/*/course.json) pass the schema;
3. every fixture in tests/fixtures/bundles/invalid/ is listed in SCHEMA_VERDICTS, and the schema says what the
   table says: "reject" (the fixture has problems the schema can see: types, required fields, enums, ranges,
   patterns, list sizes, correct-choice counts) or "accept" (only the C++ validator can tell: references,
   cycles, duplicate ids, formulas, rich text, missing files, nesting depth, or only warnings). The table is
   itself checked against the fixture's .expected output: every C++ error of a kind the schema covers (see
   SCHEMA_COVERED) must be matched by a schema error at the same JSON pointer, and a fixture the schema rejects
   must be invalid for the C++ validator too;
4. mutations of the real courses (a required field dropped, a wrong type, a bad enum, a number out of range, ...)
   are rejected by both the schema and the binary, each at the mutated place;
5. the schema does not disturb `pathwise catalog content/` (which reads every .json file holding the bundle tag in
   quotes as a bundle): run on a copy of content/, it must succeed.

Needs python3 and the jsonschema module (Debian: python3-jsonschema; 4.10 or later). Exit 1 on any disagreement.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("check_schema_agreement.py: the jsonschema module is missing (Debian: apt-get install python3-jsonschema)",
          file=sys.stderr)
    sys.exit(2)

SCHEMA = os.path.join("content", "schema", "bundle.schema.json")
FIXTURES = os.path.join("tests", "fixtures", "bundles", "invalid")
COURSES = ["fractions", "spanish-a1", "ecosystems"]

NOT_JSON = "not JSON"  # the fixture is not valid JSON (or not UTF-8): neither the schema nor an editor can read it
REJECT = "reject"
ACCEPT = "accept"

# What the schema must say about each fixture.
SCHEMA_VERDICTS = {
    "01-trailing-comma": NOT_JSON,
    "02-unterminated-string": NOT_JSON,
    "03-wrong-types": REJECT,
    "04-missing-required": REJECT,
    "05-unknown-fields": ACCEPT,                    # warnings only: unknown fields are allowed by the schema too
    "06-duplicate-ids": ACCEPT,                     # uniqueness of ids: C++ only
    "07-dangling-references": ACCEPT,               # references: C++ only
    "08-prerequisite-cycle": ACCEPT,                # cycles: C++ only
    "09-no-correct-answer": REJECT,                 # contains + minContains/maxContains
    "10-cloze-problems": ACCEPT,                    # blank numbering, drop-down answers among choices: C++ only
    "11-template-division-by-zero": ACCEPT,         # formulas: C++ only
    "12-template-unknown-name": ACCEPT,
    "13-template-constraints-never-hold": ACCEPT,
    "14-media-paths-escape": REJECT,                # path pattern, https:// for video URLs
    "15-format-version-2": REJECT,                  # "format" const
    "16-invalid-utf8": NOT_JSON,
    "17-deep-nesting": ACCEPT,                      # nesting depth: C++ only (the deep value is an unknown field)
    "18-out-of-range": REJECT,
    "19-rich-text-warnings": ACCEPT,                # warnings only
    "20-missing-media-file": ACCEPT,                # the file system: C++ only
    "21-bad-names-and-enums": REJECT,
    "22-list-sizes": REJECT,
    "23-template-variable-name": REJECT,            # propertyNames
}

# C++ error messages of the kinds the schema checks too. A fixture whose .expected holds one of them must be
# rejected by the schema, with an error at the same pointer.
SCHEMA_COVERED = [
    r"^expected .* here, found ",
    r"^the required field \".*\" is missing$",
    r"^\".*\" must be between .* and .*, found ",
    r" needs \d+ to \d+ entries; found \d+$",
    r"^a course needs at least one (skill|activity)$",
    r"^a unit needs at least one lesson$",
    r"^an activity must practise at least one skill$",
    r"^a blank needs at least one answer$",
    r"^a variable needs at least one choice$",
    r"^\"levels\" is empty$",
    r"^(a course|a skill|a unit|a lesson|an activity) id may only hold ",
    r"^a misconception tag may only hold ",
    r"^the course version must be digits and dots",
    r"^the course title is empty$",
    r" is not a BCP 47 language tag",
    r"^unknown activity type ",
    r"^a checkpoint question must be ",
    r"^\"form\" must be ",
    r"^\"accents\" must be ",
    r"^this bundle was written for a newer Pathwise",
    r"^this is not a Pathwise bundle",
    r" is not a bundle format this build knows$",
    r"^the media path ",
    r"^a video URL must start with https://",
    r"^a picture needs a description",
    r"^an accepted answer is empty$",
    r"^a unit must be 1 to 32 characters$",
    r"^the variable name .* must be lower-case letters and digits",
    r"^two items are the same",
    r"^a single-choice activity needs exactly one correct choice",
    r"^a multiple-select activity needs at least one correct choice",
    r"^a short-text activity needs at least one answer with full credit",
]

DIAGNOSTIC = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<column>\d+))?: (?:(?P<pointer>/[^ ]*): )?"
                        r"(?P<warning>warning: )?(?P<message>.*)$")


class Checker:
    def __init__(self, binary, source_dir):
        self.binary = os.path.abspath(binary)
        self.source_dir = os.path.abspath(source_dir)
        self.failures = 0
        self.validator = None

    def fail(self, what, details=()):
        self.failures += 1
        print("FAIL  " + what)
        for detail in details:
            print("      " + detail)

    def ok(self, what):
        print("ok    " + what)

    def schema_errors(self, document):
        errors = list(self.validator.iter_errors(document))
        return sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])

    # ---- 1. the schema itself ------------------------------------------------------------------------------------

    def check_schema(self):
        path = os.path.join(self.source_dir, SCHEMA)
        try:
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
        except (OSError, ValueError) as error:
            self.fail(f"{SCHEMA} cannot be read: {error}")
            return False
        if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            self.fail(f'{SCHEMA}: "$schema" should be the draft 2020-12 meta-schema, found {schema.get("$schema")!r}')
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            self.fail(f"{SCHEMA} is not a valid draft 2020-12 schema", [str(error.message)])
            return False
        unresolved = [ref for ref in collect_refs(schema) if resolve_local(schema, ref) is None]
        if unresolved:
            self.fail(f"{SCHEMA}: $ref that resolve to nothing", unresolved)
            return False
        self.validator = jsonschema.Draft202012Validator(schema)
        self.ok(f"{SCHEMA} is a valid draft 2020-12 schema; all {len(collect_refs(schema))} $ref resolve")
        return True

    # ---- 2. the real courses -------------------------------------------------------------------------------------

    def check_courses(self):
        for course in COURSES:
            relative = f"content/{course}/course.json"
            with open(os.path.join(self.source_dir, relative), encoding="utf-8") as f:
                document = json.load(f)
            errors = self.schema_errors(document)
            if errors:
                self.fail(f"{relative}: the schema rejects a shipped course",
                          [describe(e) for e in errors[:20]])
            else:
                self.ok(f"{relative}: accepted by the schema")

    # ---- 3. the fixtures -----------------------------------------------------------------------------------------

    def check_fixtures(self):
        folder = os.path.join(self.source_dir, FIXTURES)
        names = sorted(os.path.basename(p)[:-len(".json")] for p in glob.glob(os.path.join(folder, "*.json")))
        for name in sorted(set(SCHEMA_VERDICTS) - set(names)):
            self.fail(f"SCHEMA_VERDICTS names {name}, which is not a fixture")
        for name in names:
            verdict = SCHEMA_VERDICTS.get(name)
            if verdict is None:
                self.fail(f"{name}: not in SCHEMA_VERDICTS; say whether the schema must reject or accept it")
                continue
            with open(os.path.join(folder, name + ".json"), "rb") as f:
                raw = f.read()
            try:
                document = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                if verdict == NOT_JSON:
                    self.ok(f"{name}: not JSON ({type(error).__name__}), as the table says")
                else:
                    self.fail(f"{name}: the table says {verdict!r} but the file is not JSON: {error}")
                continue
            if verdict == NOT_JSON:
                self.fail(f"{name}: the table says it is not JSON, but it parses")
                continue
            expected = self.expected(name)
            if expected is None:
                continue
            exit_code, diagnostics = expected
            errors = self.schema_errors(document)
            schema_paths = {"".join("/" + escape_pointer(str(p)) for p in e.absolute_path) for e in errors}
            covered = [d for d in diagnostics if not d["warning"] and any(re.search(p, d["message"]) for p in SCHEMA_COVERED)]
            problems = []
            if verdict == REJECT and not errors:
                problems.append("the table says the schema must reject it, but the schema accepts it")
            if verdict == ACCEPT and errors:
                problems.append("the table says the schema must accept it (only the C++ validator can tell), but the "
                                "schema rejects it:")
                problems += ["  " + describe(e) for e in errors]
            if verdict == ACCEPT and covered:
                problems.append("the table says accept, but the C++ validator reports problems the schema covers:")
                problems += ["  " + d["text"] for d in covered]
            if verdict == REJECT and exit_code != 1:
                problems.append(f"the schema rejects it but `pathwise validate` exits {exit_code} (valid): "
                                "the schema is stricter than the validator")
            for d in covered:
                if d["pointer"] not in schema_paths:
                    problems.append(f'no schema error at {d["pointer"] or "/"} for the C++ error: {d["message"]}')
                    problems += ["  schema: " + describe(e) for e in errors]
            if problems:
                self.fail(f"{name}: schema and validator disagree", problems)
            elif verdict == REJECT:
                self.ok(f"{name}: schema rejects it ({len(errors)} error(s)), at the pointers of the "
                        f"{len(covered)} structural C++ error(s)")
            else:
                self.ok(f"{name}: schema accepts it; the validator's findings are beyond a schema "
                        f"({'exit 0, warnings only' if exit_code == 0 else 'exit ' + str(exit_code)})")

    def expected(self, name):
        path = os.path.join(self.source_dir, FIXTURES, name + ".expected")
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except OSError as error:
            self.fail(f"{name}: cannot read {name}.expected: {error}")
            return None
        if not lines or not re.match(r"^exit: \d+$", lines[-1]):
            self.fail(f"{name}.expected does not end with an 'exit: N' line")
            return None
        diagnostics = []
        for line in lines[:-1]:
            match = DIAGNOSTIC.match(line)
            if not match:
                self.fail(f"{name}.expected: cannot read the diagnostic {line!r}")
                return None
            diagnostics.append({"pointer": match["pointer"] or "", "warning": bool(match["warning"]),
                                "message": match["message"], "text": line})
        return int(lines[-1].split()[1]), diagnostics

    # ---- 4. mutations of real courses --------------------------------------------------------------------------

    def check_mutations(self):
        with tempfile.TemporaryDirectory(prefix="pathwise-schema-") as temporary:
            for course in COURSES:
                original = os.path.join(self.source_dir, "content", course)
                folder = os.path.join(temporary, course)
                os.makedirs(folder)
                if os.path.isdir(os.path.join(original, "media")):
                    os.symlink(os.path.join(original, "media"), os.path.join(folder, "media"))
            # The unchanged copies must pass, so that a rejection below is the mutation's doing.
            for course in COURSES:
                document = self.load_course(course)
                code, diagnostics = self.validate_copy(temporary, course, document)
                if code != 0 or self.schema_errors(document):
                    self.fail(f"{course}: the unchanged copy is not valid (exit {code})",
                              [d["message"] for d in diagnostics[:10]])
                    return
            for description, course, mutate in MUTATIONS:
                document = self.load_course(course)
                try:
                    pointer = mutate(document)
                except StopIteration:
                    self.fail(f"mutation '{description}': {course} has no activity of the kind it needs")
                    continue
                schema_errors = self.schema_errors(document)
                schema_paths = {"".join("/" + escape_pointer(str(p)) for p in e.absolute_path) for e in schema_errors}
                code, diagnostics = self.validate_copy(temporary, course, document)
                errors_here = [d for d in diagnostics if d["severity"] == "error" and d["pointer"] == pointer]
                problems = []
                if pointer not in schema_paths:
                    problems.append(f"the schema has no error at {pointer or '/'}" +
                                    (": it accepts the bundle" if not schema_errors else ""))
                    problems += ["  schema: " + describe(e) for e in schema_errors[:10]]
                if code != 1 or not errors_here:
                    problems.append(f"`pathwise validate` exits {code} with no error at {pointer or '/'}")
                    problems += ["  validate: " + (d["pointer"] + ": " if d["pointer"] else "") + d["message"]
                                 for d in diagnostics[:10]]
                if problems:
                    self.fail(f"mutation of {course}: {description}", problems)
                else:
                    self.ok(f"mutation of {course}: {description}: both reject it at {pointer or '/'} "
                            f"({errors_here[0]['message']})")

    # ---- 5. the schema next to the courses -----------------------------------------------------------------------

    def check_catalog_tool(self):
        # The CLI skips *.schema.json when it searches a folder; this checks it keeps doing so.
        with tempfile.TemporaryDirectory(prefix="pathwise-catalog-") as temporary:
            copy = os.path.join(temporary, "content")
            shutil.copytree(os.path.join(self.source_dir, "content"), copy, symlinks=True)
            result = subprocess.run([self.binary, "catalog", copy], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    timeout=120)
            output = (result.stdout + result.stderr).decode("utf-8", "replace").replace(temporary + os.sep, "")
            if result.returncode != 0 or "schema" in output:
                self.fail(f"`pathwise catalog` on a copy of content/ exits {result.returncode}",
                          output.splitlines()[:10])
            else:
                self.ok("`pathwise catalog` on a copy of content/ succeeds: the schema file is not taken for a bundle")

    def load_course(self, course):
        with open(os.path.join(self.source_dir, "content", course, "course.json"), encoding="utf-8") as f:
            return json.load(f)

    def validate_copy(self, temporary, course, document):
        path = os.path.join(temporary, course, "course.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, indent=1)
        result = subprocess.run([self.binary, "validate", "--json", path], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=120)
        try:
            report = json.loads(result.stdout)
            diagnostics = report["files"][0]["diagnostics"]
        except (ValueError, KeyError, IndexError):
            diagnostics = [{"severity": "error", "pointer": "", "message": "unreadable --json output: " +
                            result.stdout.decode("utf-8", "replace")[:200]}]
        return result.returncode, diagnostics


# ---- mutations: each changes a course in place and returns the JSON pointer of the change ----------------------

def activity_index(document, predicate):
    return next(i for i, a in enumerate(document["activities"]) if predicate(a))


def of_type(name):
    return lambda a: a.get("type") == name


def mutate_drop_root_field(document):
    del document["language"]
    return ""


def mutate_drop_skill_title(document):
    del document["skills"][0]["title"]
    return "/skills/0"


def mutate_drop_numeric_answer(document):
    i = activity_index(document, of_type("numeric"))
    del document["activities"][i]["answer"]
    return f"/activities/{i}"


def mutate_prerequisites_text(document):
    i = next(i for i, s in enumerate(document["skills"]) if s.get("prerequisites"))
    document["skills"][i]["prerequisites"] = document["skills"][i]["prerequisites"][0]
    return f"/skills/{i}/prerequisites"


def mutate_true_false_answer_text(document):
    i = activity_index(document, of_type("true_false"))
    document["activities"][i]["answer"] = "true"
    return f"/activities/{i}/answer"


def mutate_hints_text(document):
    i = activity_index(document, lambda a: a.get("hints"))
    document["activities"][i]["hints"] = document["activities"][i]["hints"][0]
    return f"/activities/{i}/hints"


def mutate_bad_type(document):
    i = activity_index(document, of_type("single_choice"))
    document["activities"][i]["type"] = "multiple_choice"
    return f"/activities/{i}/type"


def mutate_bad_form(document):
    i = activity_index(document, of_type("numeric"))
    document["activities"][i]["form"] = "percent"
    return f"/activities/{i}/form"


def mutate_bad_accents(document):
    i = activity_index(document, lambda a: a.get("type") in ("short_text", "cloze"))
    document["activities"][i]["accents"] = "optional"
    return f"/activities/{i}/accents"


def mutate_difficulty(document):
    i = activity_index(document, lambda a: "difficulty" in a)
    document["activities"][i]["difficulty"] = -7
    return f"/activities/{i}/difficulty"


def mutate_slip(document):
    i = next(i for i, s in enumerate(document["skills"]) if "bkt" in s)
    document["skills"][i]["bkt"]["slip"] = 0.5
    return f"/skills/{i}/bkt/slip"


def mutate_seconds(document):
    document["activities"][0]["seconds"] = 0
    return "/activities/0/seconds"


def mutate_video_duration(document):
    i = activity_index(document, of_type("video"))
    document["activities"][i]["video"]["duration"] = 0
    return f"/activities/{i}/video/duration"


def mutate_one_choice(document):
    i = activity_index(document, of_type("single_choice"))
    choices = document["activities"][i]["choices"]
    document["activities"][i]["choices"] = [c for c in choices if c.get("correct")][:1]
    return f"/activities/{i}/choices"


def mutate_language(document):
    document["language"] = "Spanish"
    return "/language"


def mutate_format(document):
    document["format"] = "pathwise.bundle/2"
    return "/format"


def mutate_skill_id(document):
    document["skills"][0]["id"] = "Parts_of_a_whole"
    return "/skills/0/id"


def mutate_media_path(document):
    i = activity_index(document, lambda a: a.get("media"))
    document["activities"][i]["media"][0]["path"] = "../" + document["activities"][i]["media"][0]["path"]
    return f"/activities/{i}/media/0/path"


def mutate_checkpoint_type(document):
    i = activity_index(document, lambda a: a.get("type") in ("video", "reading") and a.get("checkpoints"))
    document["activities"][i]["checkpoints"][0]["question"]["type"] = "ordering"
    return f"/activities/{i}/checkpoints/0/question/type"


def mutate_two_correct(document):
    i = activity_index(document, of_type("single_choice"))
    for choice in document["activities"][i]["choices"]:
        choice["correct"] = True
    return f"/activities/{i}/choices"


MUTATIONS = [
    ('drop the required "language"', "fractions", mutate_drop_root_field),
    ('drop a skill\'s "title"', "fractions", mutate_drop_skill_title),
    ('drop a numeric activity\'s "answer"', "fractions", mutate_drop_numeric_answer),
    ('"prerequisites" as a text, not a list', "fractions", mutate_prerequisites_text),
    ('a true_false "answer" as the text "true"', "spanish-a1", mutate_true_false_answer_text),
    ('"hints" as a text, not a list', "ecosystems", mutate_hints_text),
    ('"type": "multiple_choice"', "fractions", mutate_bad_type),
    ('"form": "percent"', "fractions", mutate_bad_form),
    ('"accents": "optional"', "spanish-a1", mutate_bad_accents),
    ('"difficulty": -7', "fractions", mutate_difficulty),
    ('bkt "slip": 0.5', "fractions", mutate_slip),
    ('"seconds": 0', "spanish-a1", mutate_seconds),
    ('video "duration": 0', "ecosystems", mutate_video_duration),
    ("a single_choice with one choice", "ecosystems", mutate_one_choice),
    ('"language": "Spanish"', "spanish-a1", mutate_language),
    ('"format": "pathwise.bundle/2"', "ecosystems", mutate_format),
    ('skill id "Parts_of_a_whole"', "fractions", mutate_skill_id),
    ('a media path starting with "../"', "fractions", mutate_media_path),
    ('a video checkpoint question of type "ordering"', "ecosystems", mutate_checkpoint_type),
    ("a single_choice with every choice correct", "spanish-a1", mutate_two_correct),
]


# ---- helpers -------------------------------------------------------------------------------------------------------

def escape_pointer(token):
    return token.replace("~", "~0").replace("/", "~1")


def describe(error):
    path = "".join("/" + escape_pointer(str(p)) for p in error.absolute_path) or "/"
    message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
    return f"{path}: {message}"


def collect_refs(node):
    refs = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                refs.append(value)
            else:
                refs += collect_refs(value)
    elif isinstance(node, list):
        for value in node:
            refs += collect_refs(value)
    return refs


def resolve_local(schema, ref):
    if not ref.startswith("#"):
        return None
    node = schema
    for token in [t for t in ref[1:].split("/") if t]:
        token = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or token not in node:
            return None
        node = node[token]
    return node


def main(argv):
    if len(argv) != 3:
        print("usage: check_schema_agreement.py PATHWISE_BINARY SOURCE_DIR", file=sys.stderr)
        return 2
    checker = Checker(argv[1], argv[2])
    if not os.access(checker.binary, os.X_OK):
        print(f"check_schema_agreement.py: {checker.binary} is not an executable", file=sys.stderr)
        return 2
    if checker.check_schema():
        checker.check_courses()
        checker.check_fixtures()
        checker.check_mutations()
        checker.check_catalog_tool()
    if checker.failures:
        print(f"\n{checker.failures} disagreement(s) between the schema, the table and the validator")
        return 1
    print("\nthe schema agrees with the validator")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
