#!/usr/bin/env python3
"""Assembles the static site (<build>/dist) from the compiled client, shell/ and content/.

Every file of the app whose contents change between releases gets its SHA-256 in its name
(``pathwise.3f2a9c01de.wasm``): a browser or proxy that caches it can never pair an old script with a new
wasm, and a server may let browsers keep those files for a year. Only the entry points keep fixed names:
``index.html`` (the address people open), ``sw.js`` (browsers compare its bytes to find a new version),
``manifest.webmanifest``, ``diagnostics.html`` and ``build.json``. Every URL stays relative, so the folder works
under any sub-path (https://school.example/maths/pathwise/).

The site also gets:
- ``build.json`` (format ``pathwise.build/1``): the version, and every app file with its size and SHA-256, read
  by the diagnostics page to check a deployment and by tests;
- ``sw.js`` with the version and the list of files to precache written in.

The version is ``<project version>+<first 10 hex digits of the SHA-256 over every app file>``: two builds
share a version exactly when they would serve the same bytes.

Usage: assemble_site.py --client DIR --shell DIR --content DIR --out DIR --project-version X.Y.Z
(``--client`` holds the linked pathwise.js and pathwise.wasm). The output folder is replaced.
"""
import argparse
import base64
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

# Shell files served under a hashed name, in the order their names are substituted. loader.js comes last: the
# names of the others are written into it (and into index.html) before it is hashed itself.
HASHED_SHELL_FILES = ["storage.js", "input.js", "media.js", "offline.js", "lms.js", "style.css"]
CLIENT_FILES = ["pathwise.js", "pathwise.wasm"]
# Shell files that keep their names (entry points). sw.js is written separately.
FIXED_SHELL_FILES = ["index.html", "manifest.webmanifest", "diagnostics.html", "diagnostics.js"]
SHELL_FOLDERS = ["icons"]
# Files of shell/ that are sources of the site, not part of it.
NOT_SERVED = {"sw.js"}

# The line of loader.js and sw.js that the build rewrites; the source holds development values.
BUILD_LINE = re.compile(r"^( *)const BUILD = .*;.*$", re.MULTILINE)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hashed_name(name: str, digest: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return f"{stem}.{digest[:10]}.{extension}"


def replace_build_line(text: str, build: dict, source: str) -> str:
    line = "const BUILD = " + json.dumps(build, separators=(",", ":")) + ";  // written by cmake/assemble_site.py"
    result, count = BUILD_LINE.subn(lambda match: match.group(1) + line, text)
    if count != 1:
        sys.exit(f"assemble_site: {source} must have exactly one line 'const BUILD = …;' (found {count})")
    return result


def substitute_names(text: str, names: dict, source: str, required: list) -> str:
    """Replaces each quoted file name ("x.js" or 'x.js') by its hashed name; every `required` name must occur."""
    for plain, hashed in names.items():
        pattern = re.compile(r"""(["'])""" + re.escape(plain) + r"""\1""")
        text, count = pattern.subn(lambda match: match.group(1) + hashed + match.group(1), text)
        if plain in required and count == 0:
            sys.exit(f"assemble_site: {source} does not name {plain}")
    return text


SINGLE_FILE_PAGE = "pathwise-offline.html"


def inline_text(text: str) -> str:
    """Text safe inside <script> or <style>: the only way out of those elements is their closing tag."""
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def single_file_page(index_html: str, files: dict, names: dict, content: Path) -> str:
    """The whole app in one page, for opening from a disk or USB stick (file://), where a page may not fetch:
    scripts, styles, the wasm (base64) and the catalog's courses (their JSON) are inside it; pictures and videos
    stay files beside it, which a page from file:// may show. The policy allows exactly the inline scripts and
    style by their SHA-256, as the served page allows its own files."""
    hashes = []

    def inline_script(match):
        name = match.group(1)
        text = inline_text(files[name].decode("utf-8"))
        hashes.append(csp_hash(text))
        return f"<script>{text}</script>"

    # The compiled client's script goes in just before the loader, which then finds it already there.
    loader_tag = f'<script src="{names["loader.js"]}"></script>'
    page = index_html.replace(loader_tag, f'<script src="{names["pathwise.js"]}"></script>\n  {loader_tag}')
    page, count = re.subn(r'<script src="([^"]+)"></script>', inline_script, page)
    if count < 2:
        sys.exit("assemble_site: index.html has no scripts to inline")
    style_hashes = []

    def inline_style(match):
        text = inline_text(files[match.group(1)].decode("utf-8"))
        style_hashes.append(csp_hash(text))
        return f"<style>{text}</style>"

    page = re.sub(r'<link rel="stylesheet" href="([^"]+)">', inline_style, page)
    page = re.sub(r'\s*<link rel="manifest"[^>]*>', "", page)
    page = page.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'wasm-unsafe-eval' " + " ".join(hashes))
    page = page.replace("style-src 'self'", "style-src " + " ".join(style_hashes))

    catalog_text = (content / "catalog.json").read_text(encoding="utf-8")
    embedded = {"content/catalog.json": catalog_text}
    for course in json.loads(catalog_text).get("courses", []):
        bundle = course.get("bundle", "")
        if bundle and ".." not in bundle and (content / bundle).is_file():
            embedded["content/" + bundle] = (content / bundle).read_text(encoding="utf-8")
    wasm = files[names["pathwise.wasm"]]
    data = json.dumps({"wasm": base64.b64encode(wasm).decode(), "files": embedded}, ensure_ascii=False)
    data = data.replace("</", "<\\/")  # a JSON escape, so the block cannot end early
    block = f'<script type="application/json" id="pathwise-embedded">{data}</script>\n  '
    first_script = page.index("<script>")
    return page[:first_script] + block + page[first_script:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--client", type=Path, required=True)
    parser.add_argument("--shell", type=Path, required=True)
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--project-version", required=True)
    args = parser.parse_args()

    unexpected = sorted(path.name for path in args.shell.iterdir()
                        if path.name not in set(HASHED_SHELL_FILES) | set(FIXED_SHELL_FILES) | set(SHELL_FOLDERS)
                        | NOT_SERVED | {"loader.js"})
    if unexpected:
        sys.exit(f"assemble_site: shell/ has files this script does not know how to serve: {', '.join(unexpected)}")

    files = {}   # served name -> bytes, for everything of the app (not content/)
    names = {}   # source name -> served name
    for name in CLIENT_FILES:
        data = (args.client / name).read_bytes()
        names[name] = hashed_name(name, sha256(data))
        files[names[name]] = data
    for name in HASHED_SHELL_FILES:
        data = (args.shell / name).read_bytes()
        names[name] = hashed_name(name, sha256(data))
        files[names[name]] = data

    loader = (args.shell / "loader.js").read_text(encoding="utf-8")
    loader = substitute_names(loader, names, "shell/loader.js", ["pathwise.js", "pathwise.wasm"])
    # The version needs loader.js's final bytes, which hold the version: hash what it depends on instead.
    content_digest = sha256("".join(sorted(sha256(data) + name for name, data in files.items())).encode()
                            + loader.encode() + b"".join((args.shell / name).read_bytes() for name in FIXED_SHELL_FILES)
                            + b"".join(path.read_bytes() for folder in SHELL_FOLDERS
                                       for path in sorted((args.shell / folder).rglob("*")) if path.is_file())
                            + (args.shell / "sw.js").read_bytes())
    version = f"{args.project_version}+{content_digest[:10]}"
    loader = replace_build_line(loader, {"version": version}, "shell/loader.js").encode()
    names["loader.js"] = hashed_name("loader.js", sha256(loader))
    files[names["loader.js"]] = loader

    for name in FIXED_SHELL_FILES:
        data = (args.shell / name).read_text(encoding="utf-8")
        data = substitute_names(data, names, f"shell/{name}",
                                ["loader.js", "storage.js", "input.js", "media.js", "offline.js", "lms.js", "style.css"]
                                if name == "index.html" else [])
        files[name] = data.encode()
    for folder in SHELL_FOLDERS:
        for path in sorted((args.shell / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(args.shell).as_posix()] = path.read_bytes()

    # What the service worker keeps for offline use: every app file, and the folder's own address, which is how
    # the page is usually opened ("./" and "index.html" are two cache entries of one file).
    precache = ["./"] + sorted(files)
    worker = (args.shell / "sw.js").read_text(encoding="utf-8")
    worker = replace_build_line(worker, {"version": version, "precache": precache}, "shell/sw.js").encode()
    files["sw.js"] = worker

    build = {
        "format": "pathwise.build/1",
        "version": version,
        "files": {name: {"bytes": len(data), "sha256": sha256(data)} for name, data in sorted(files.items())},
    }

    files[SINGLE_FILE_PAGE] = single_file_page(files["index.html"].decode("utf-8"), files, names, args.content).encode("utf-8")

    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    for name, data in files.items():
        target = args.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (args.out / "build.json").write_text(json.dumps(build, indent=2) + "\n", encoding="utf-8")
    shutil.copytree(args.content, args.out / "content")
    print(f"assemble_site: Pathwise {version} in {args.out} ({len(files)} app files)")


if __name__ == "__main__":
    main()
