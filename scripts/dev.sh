#!/usr/bin/env bash
# The portal's set-up and everyday verbs, needing nothing but bash and Python 3:
#   scripts/dev.sh serve   set up, then build and serve with live reload (127.0.0.1:8000)
#   scripts/dev.sh edit    the same, for editing in the browser: the editor is at /admin/
#   scripts/dev.sh build   set up, then build strictly into site/, languages in parallel
#                          (PORTAL_PARALLEL_LANGUAGES=0: one after another, as plain mkdocs)
#   scripts/dev.sh test    set up what the tests need (Chromium included), run them all
#   scripts/dev.sh setup   only create .venv with the pinned packages (and the editor's npm packages)
# Each step only does what is missing, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=${VENV:-.venv}
addr=${ADDR:-127.0.0.1:8000}
site_dir=${SITE_DIR:-site}
# Material prints a banner about MkDocs 2.0 on every run; it is noise for editors.
export NO_MKDOCS_2_WARNING=1

verb=${1:-}
[ $# -gt 0 ] && shift
case "$verb" in
  setup|serve|edit|build) extras="" ; browser=no ;;
  test) extras="[test]" ; browser=yes ;;
  *) echo "usage: scripts/dev.sh serve|edit|build|test|setup [extra arguments]" >&2; exit 2 ;;
esac

as_root() { [ "$(id -u)" -eq 0 ]; }

need_debian_packages() {
  # $1: what for; rest: packages
  local why=$1; shift
  if as_root; then
    echo "Installing $* ($why)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Missing $why. Run this once, then try again:" >&2
    echo "    sudo apt-get install -y $*" >&2
    exit 1
  fi
}

if ! command -v "$python" >/dev/null; then
  need_debian_packages "Python 3" python3 python3-venv
fi
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    need_debian_packages "Python's venv module" python3-venv
    "$python" -m venv "$venv"
  fi
fi

stamp="$venv/.installed$extras"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c requirements.lock -e ".$extras"
  touch "$stamp"
fi

# Social cards draw titles with Debian's Noto fonts and shape them with libraqm, whose
# FriBiDi library Pillow loads at run time.
missing=()
[ -f /usr/share/fonts/truetype/noto/NotoSansKhmer-Bold.ttf ] || missing+=(fonts-noto-core)
ldconfig -p 2>/dev/null | grep -q libfribidi.so.0 || missing+=(libfribidi0)
if [ "$browser" = yes ]; then
  # Playwright cannot download its own browser here: the tests drive Debian's Chromium.
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The photo demo's openly licensed photographs (tests/photo_demo.py), never committed.
  [ -f /usr/share/backgrounds/aitzgorri_by_Aitzol_Berasategi.jpg ] || missing+=(lomiri-wallpapers-16.04)
  [ -f /usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg ] || missing+=(lomiri-wallpapers-20.04)
fi
# npm installs the web editor at /admin/ (admin/package-lock.json) for every build; the
# Khmer calendar tests also compare ours with @thyrith/momentkh, run by Node.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  need_debian_packages "system packages the portal needs" "${missing[@]}"
fi
# The web editor (Sveltia CMS) and its fonts, pinned by admin/package-lock.json; installed
# once into .cache/admin, served at /admin/ by every build (portal.admin_bundle).
admin=.cache/admin
if [ ! -d "$admin/node_modules/@sveltia/cms" ] || [ admin/package-lock.json -nt "$admin/package-lock.json" ]; then
  mkdir -p "$admin"
  cp admin/package.json admin/package-lock.json "$admin/"
  (cd "$admin" && npm ci --no-audit --no-fund --silent)
fi
if [ "$browser" = yes ]; then
  # Pinned by tests/momentkh/package-lock.json; installed once into .cache/momentkh.
  momentkh=.cache/momentkh
  if [ ! -d "$momentkh/node_modules/@thyrith/momentkh" ] || [ tests/momentkh/package-lock.json -nt "$momentkh/package-lock.json" ]; then
    mkdir -p "$momentkh"
    cp tests/momentkh/package.json tests/momentkh/package-lock.json "$momentkh/"
    (cd "$momentkh" && npm ci --no-audit --no-fund --silent)
  fi
fi

case "$verb" in
  serve) exec "$venv/bin/mkdocs" serve --strict --dev-addr "$addr" "$@" ;;
  edit)
    echo "Trình biên tập / the editor: http://$addr/admin/ (Chromium or Edge: 'Làm việc với kho mã nguồn cục bộ')"
    exec "$venv/bin/mkdocs" serve --strict --dev-addr "$addr" "$@" ;;
  build) PORTAL_PARALLEL_LANGUAGES=${PORTAL_PARALLEL_LANGUAGES:-1} \
           exec "$venv/bin/mkdocs" build --strict --clean --site-dir "$site_dir" "$@" ;;
  test)
    status=0
    "$venv/bin/python" -m pytest "$@" || status=$?
    if [ "$status" -eq 5 ]; then
      echo "pytest collected no tests: that is a failure." >&2
      exit 1
    fi
    exit "$status" ;;
esac
