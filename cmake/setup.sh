#!/usr/bin/env bash
# Installs everything Pathwise needs to build and test, idempotently: when all is present already it only
# checks, in about a second. Debian 12 ("bookworm") as root or with sudo. On other systems install the
# equivalents by hand (see README "Other systems") and configure with -DIMGUI_SOURCE_DIR=... or let CMake
# fetch Dear ImGui v1.90.1.
#
#   bash cmake/setup.sh          # everything: build tools, browser, fonts, Dear ImGui sources, npm packages
#
# Facts behind the choices below are in ../shared/TOOLCHAIN.md (found by hand on these machines).
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deps_dir=${PATHWISE_DEPS_DIR:-/var/cache/pathwise}

# Dear ImGui 1.90.1 comes from Debian's `imgui` source package (trixie; bookworm only has 1.86). The
# checksum pins the exact tarball: a changed mirror copy is refused rather than built.
imgui_version=1.90.1
imgui_debian_version=1.90.1+ds-1
imgui_tarball=imgui_1.90.1+ds.orig.tar.xz
imgui_sha256=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c

debian_packages=(
  cmake ninja-build g++ clang python3 xz-utils dpkg-dev   # native build, libFuzzer, tarball tools
  emscripten                                              # 3.1.6: the WebAssembly build
  libcereal-dev rapidjson-dev doctest-dev                 # header-only libraries
  chromium                                                # the browser the end-to-end tests drive
  fonts-noto-core fonts-opendyslexic fonttools            # the UI fonts and the subsetter that shrinks them
  python3-jsonschema                                      # checks content/schema agrees with the validator
)

say() { printf 'setup: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "needs root (or sudo) to run: $*"; exit 1
  fi
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -q
    apt_updated=1
  fi
}

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$pkg"
  done
}

install_debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "this is not a Debian system: install the packages named in README 'Other systems' by hand"
    return
  fi
  local wanted=("${debian_packages[@]}")
  # Node.js and npm: any Node >= 18 will do (Debian 12 ships 18; some images bring NodeSource's 20, whose
  # `nodejs` package already contains npm and conflicts with Debian's `npm`).
  command -v node >/dev/null 2>&1 || wanted+=(nodejs)
  command -v npm >/dev/null 2>&1 || wanted+=(npm)
  local missing
  missing=$(missing_packages "${wanted[@]}")
  if [ -z "$missing" ]; then
    say "Debian packages present"
    return
  fi
  say "installing Debian packages: $(echo $missing)"
  apt_update_once
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}

install_imgui_sources() {
  local target="$deps_dir/imgui-$imgui_version"
  if [ -f "$target/.pathwise-verified" ]; then
    say "Dear ImGui $imgui_version sources present in $target"
    return
  fi
  say "fetching Dear ImGui $imgui_version from Debian's imgui source package"
  # A source-only entry for trixie: it lets apt download source packages and changes no installed binary.
  local sources=/etc/apt/sources.list.d/pathwise-trixie-src.sources
  if [ ! -f "$sources" ]; then
    as_root tee "$sources" >/dev/null <<'EOF'
# Added by Pathwise's cmake/setup.sh: source packages only (Dear ImGui 1.90.1); no binary comes from here.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt_updated=0
  fi
  apt_update_once
  local work
  work=$(mktemp -d)
  chmod 755 "$work"   # apt's sandbox user must be able to write the download
  (cd "$work" && apt-get source --download-only -q "imgui=$imgui_debian_version")
  local actual
  actual=$(sha256sum "$work/$imgui_tarball" | cut -d' ' -f1)
  if [ "$actual" != "$imgui_sha256" ]; then
    say "checksum mismatch for $imgui_tarball: expected $imgui_sha256, got $actual; refusing to use it"
    rm -rf "$work"
    exit 1
  fi
  as_root mkdir -p "$deps_dir"
  as_root rm -rf "$target" "$target.partial"
  as_root mkdir -p "$target.partial"
  as_root tar -xJf "$work/$imgui_tarball" -C "$target.partial" --strip-components=1
  echo "$imgui_sha256  $imgui_tarball" | as_root tee "$target.partial/.pathwise-verified" >/dev/null
  as_root mv "$target.partial" "$target"   # appears whole or not at all
  rm -rf "$work"
  say "Dear ImGui $imgui_version sources verified and unpacked in $target"
}

install_npm_packages() {
  # playwright-core, pinned by tests/package-lock.json. It drives Debian's Chromium; it never downloads one.
  local lock="$repo_root/tests/package-lock.json"
  local stamp="$repo_root/tests/node_modules/.pathwise-lock.sha256"
  local want
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "npm packages present"
    return
  fi
  say "installing npm packages from tests/package-lock.json"
  (cd "$repo_root/tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

install_debian_packages
install_imgui_sources
install_npm_packages
say "ready"
