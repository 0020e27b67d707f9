#!/usr/bin/env bash
# Create the project's virtual environment with the pinned packages, and (with
# --browser) make sure Debian's Chromium is there for the browser tests.
# Used by the Makefile; safe to run again (it only does what is missing).
set -euo pipefail

python=${PYTHON:-python3}
venv=${VENV:-.venv}
extras=""
browser=no
for arg in "$@"; do
  case "$arg" in
    --test) extras="[test]" ;;
    --browser) browser=yes ;;
    *) echo "usage: $0 [--test] [--browser]" >&2; exit 2 ;;
  esac
done

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
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -c requirements.lock -e ".$extras"
  touch "$stamp"
fi

if [ "$browser" = yes ]; then
  # Playwright cannot download its own browser here: the tests drive Debian's Chromium.
  # fonts-noto-core gives Chromium system fonts for the scripts the portal shows.
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
  if [ ${#missing[@]} -gt 0 ]; then
    need_debian_packages "packages for the browser tests" "${missing[@]}"
  fi
fi
