"""The web editor at ``/admin/`` (Sveltia CMS), served by the site itself.

The editor comes from the npm packages pinned in ``admin/package-lock.json``, installed by
``scripts/dev.sh`` into ``.cache/admin/node_modules``. Its stylesheet (inside the script)
asks a CDN for three fonts; the same fonts are pinned as ``@fontsource`` packages at the
versions the stylesheet names, copied beside the script and the URLs rewritten to them.
Anything else in the stylesheet that still points at another origin stops the build:
an official's browser must load the editor from the province's own server only.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write_bytes, atomic_write_text

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = ROOT / "admin"
MODULES = Path(os.environ.get("PORTAL_ADMIN_MODULES", ROOT / ".cache" / "admin" / "node_modules"))
SCRIPT = "sveltia-cms.js"
FONTS = "fonts"
# url(https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2)
_FONTSOURCE = re.compile(
    r"url\((?P<quote>['\"]?)https://cdn\.jsdelivr\.net/fontsource/fonts/"
    r"(?P<name>[a-z0-9-]+)(?P<variable>:vf)?@(?P<version>[\d.]+)/(?P<file>[\w.-]+)(?P=quote)\)")
# What a stylesheet may load from elsewhere: fonts, images and other stylesheets.
_REMOTE_IN_CSS = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*(?:https?:)?//[^)'\"\s]+")
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
# At start the script fetches its interface texts (locales/<code>.json) and its latest
# version number (package.json) from unpkg.com: both are in the package, so they are
# served beside it. The names are minified, so the template literals are matched; each
# must match exactly once, or a new version has moved them and the build says so.
_STARTUP_FETCHES = {
    "interface texts": (re.compile(r"`\$\{\w+\}@\$\{\w+\}/locales`"), "`locales`"),
    "version check": (re.compile(r"`\$\{\w+\}/package\.json`"), "`version.json`"),
    # github.com's and gitlab.com's status pages: nothing to say about a province's own
    # GitLab, and a request to a third party each time an official opens the editor.
    "GitHub status": (re.compile(r"`https://www\.githubstatus\.com/api/v2/status\.json`"),
                      "`backend-status.json`"),
    "GitLab status": (re.compile(r"`https://status-api\.hostedstatus\.com/1\.0/status/\w+`"),
                      "`backend-status.json`"),
}
LOCALES = "locales"
STYLESHEET = "portal-admin.css"


def machine_translation_off(locales: Path) -> str:
    """CSS hiding the editor's "Translate" buttons, in every interface language: they send
    the text to Google, DeepL, OpenAI or Anthropic with the official's own key. The
    editor's CSP (connect-src) blocks those services anyway; hiding the button spares
    officials a button that can only fail. Labels come from the package's own texts."""
    labels = set()
    for texts in sorted(locales.glob("*.json")):
        label = json.loads(texts.read_text(encoding="utf-8")).get("translate")
        if isinstance(label, str) and label:
            labels.add(label)
    if not labels:
        raise AdminBuildError(f"{locales}: no 'translate' label found — the editor's texts changed.")
    selectors = ",\n".join(f"button[aria-label={json.dumps(label, ensure_ascii=False)}]" for label in sorted(labels))
    return ("/* Made by portal.admin_bundle: machine translation is off (CONTRIBUTING.md). */\n"
            + selectors + " {\n  display: none !important;\n}\n")


class AdminBuildError(Exception):
    """The editor cannot be self-hosted; the message says what to run or change."""


@dataclass(frozen=True)
class Bundle:
    folder: Path
    version: str  # of @sveltia/cms
    fonts: tuple[str, ...]  # file names under fonts/


def pinned_version(package: str = "@sveltia/cms") -> str:
    lock = json.loads((PACKAGE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


def _installed(package: str) -> Path:
    folder = MODULES / package
    manifest = folder / "package.json"
    if not manifest.is_file():
        raise AdminBuildError(
            f"{folder}: not installed — run scripts/dev.sh setup (it runs npm ci in {MODULES.parent}).")
    installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    wanted = pinned_version(package)
    if installed != wanted:
        raise AdminBuildError(
            f"{folder}: version {installed} installed, admin/package-lock.json pins {wanted} — "
            "run scripts/dev.sh setup.")
    return folder


def localise_fonts(script: str) -> tuple[str, dict[str, Path]]:
    """The script with its CDN font URLs pointing at ``fonts/…`` beside it, and the files to copy."""
    copies: dict[str, Path] = {}

    def local(match: re.Match) -> str:
        scope = "@fontsource-variable" if match["variable"] else "@fontsource"
        package = f"{scope}/{match['name']}"
        folder = _installed(package)
        version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
        if version != match["version"]:
            raise AdminBuildError(
                f"the editor's stylesheet asks for {package}@{match['version']}, admin/package.json "
                f"pins {version}: pin the version it asks for (npm install --save-exact "
                f"{package}@{match['version']} in admin/).")
        name = f"{match['name']}-{match['file']}"
        original = folder / "files" / name
        if not original.is_file():
            raise AdminBuildError(f"{original}: the font file the editor asks for is missing.")
        copies[name] = original
        # Relative to the editor's page (/admin/), where the script injects its styles.
        return f"url({FONTS}/{name})"

    return _FONTSOURCE.sub(local, script), copies


def serve_startup_files_locally(script: str) -> str:
    for what, (pattern, local) in _STARTUP_FETCHES.items():
        script, count = pattern.subn(local, script)
        if count != 1:
            raise AdminBuildError(f"the editor's {what} URL was found {count} times (expected once): "
                                  "this version of @sveltia/cms loads it differently — update "
                                  "portal.admin_bundle._STARTUP_FETCHES.")
    return script


def remote_urls(script: str) -> list[str]:
    """Stylesheet URLs that still point at another origin (must be none)."""
    return sorted(set(_REMOTE_IN_CSS.findall(script)))


def build(out_dir: Path) -> Bundle:
    """Write the self-hosted editor (script, fonts, licences) into ``out_dir``."""
    package = _installed("@sveltia/cms")
    script = (package / "dist" / SCRIPT).read_text(encoding="utf-8")
    script, fonts = localise_fonts(script)
    left = remote_urls(script)
    if left:
        raise AdminBuildError(
            f"{package / 'dist' / SCRIPT}: the editor still loads from another origin: "
            + ", ".join(left) + " — add the file to admin/package.json and map it in "
            "portal.admin_bundle.")
    script = serve_startup_files_locally(script)
    # The source map is 9 MB and only for the editor's developers.
    script = _SOURCE_MAP.sub("\n", script)
    out_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out_dir / SCRIPT, script)
    (out_dir / FONTS).mkdir(exist_ok=True)
    for name, original in sorted(fonts.items()):
        atomic_write_bytes(out_dir / FONTS / name, original.read_bytes())
    licences = [f"{package.name} {pinned_version()} (MIT)\n\n" + (package / "LICENSE.txt").read_text(encoding="utf-8")]
    for name, original in sorted(fonts.items()):
        licence = original.parent.parent / "LICENSE"
        if licence.is_file():
            licences.append(f"{FONTS}/{name} (SIL Open Font License)\n\n" + licence.read_text(encoding="utf-8"))
    (out_dir / LOCALES).mkdir(exist_ok=True)
    for texts in sorted((package / LOCALES).glob("*.json")):
        atomic_write_bytes(out_dir / LOCALES / texts.name, texts.read_bytes())
    atomic_write_text(out_dir / STYLESHEET, machine_translation_off(package / LOCALES))
    # What the version check reads: the pinned version, so it never asks to update.
    atomic_write_text(out_dir / "version.json", json.dumps({"version": pinned_version()}) + "\n")
    # No status known: the editor shows none.
    atomic_write_text(out_dir / "backend-status.json", "{}\n")
    atomic_write_text(out_dir / "LICENSES.txt", "\n\n----\n\n".join(licences))
    return Bundle(out_dir, pinned_version(), tuple(sorted(fonts)))


def cached_bundle(cache_dir: Path | None = None) -> Bundle:
    """The bundle built once per pinned version (copying is cheap; rewriting 2 MB is not free)."""
    cache_dir = cache_dir or (MODULES.parent / "bundle")
    stamp = cache_dir / ".version"
    wanted = pinned_version()
    code = Path(__file__).stat().st_mtime_ns  # a change to this module rebuilds the bundle
    wanted = f"{wanted} {code}"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted and (cache_dir / SCRIPT).is_file():
        fonts = tuple(sorted(path.name for path in (cache_dir / FONTS).iterdir()))
        return Bundle(cache_dir, pinned_version(), fonts)
    # Built aside and moved in, so a build running at the same time never copies half a bundle.
    staging = cache_dir.with_name(f"{cache_dir.name}.{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    build(staging)
    atomic_write_text(staging / ".version", wanted)
    shutil.rmtree(cache_dir, ignore_errors=True)
    try:
        staging.rename(cache_dir)
    except OSError:  # another build moved its copy in first: the same files
        shutil.rmtree(staging, ignore_errors=True)
    return Bundle(cache_dir, pinned_version(), tuple(sorted(path.name for path in (cache_dir / FONTS).iterdir())))


# --- the editor's page in the built site ----------------------------------------------

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<link href="{stylesheet}" rel="stylesheet">
</head>
<body>
<script src="{script}"></script>
</body>
</html>
"""
FOLDER = "admin"


def content_security_policy(backend: dict | None = None) -> str:
    """The editor's own policy, looser than the site's in exactly what it needs:
    inline styles (Svelte writes <style> elements and style attributes), WebAssembly
    (image conversion before upload), blob: and data: images (previews of photos not yet
    uploaded), and the Git host's API when hosted. Scripts still come from 'self' only."""
    connect = ["'self'", "data:"]  # data:: it reads its own logo with fetch()
    backend = backend or {}
    if backend.get("name") == "github":
        connect.append("https://api.github.com")
    for key in ("base_url", "api_root"):
        if backend.get(key):
            from urllib.parse import urlsplit

            parts = urlsplit(backend[key])
            connect.append(f"{parts.scheme}://{parts.netloc}")
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        "connect-src " + " ".join(dict.fromkeys(connect)),
        "worker-src 'self' blob:",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def headers_block(policy: str) -> str:
    """The _headers rule for /admin/*. Cloudflare Pages' "! Header" detaches the site-wide
    policy first (two policies would both apply); hosts without it need the server
    snippet in CONTRIBUTING.md."""
    return "\n".join([f"/{FOLDER}/*", "  ! Content-Security-Policy", f"  Content-Security-Policy: {policy}",
                      "  X-Robots-Tag: noindex", "  Cache-Control: no-cache"]) + "\n"


def write_admin(site_dir: Path, site, config_text: str, bundle: Bundle | None = None,
                site_name: str | None = None) -> Path:
    """Write /admin/: the page, the generated config.yml and the self-hosted editor."""
    bundle = bundle or cached_bundle()
    folder = site_dir / FOLDER
    (folder / FONTS).mkdir(parents=True, exist_ok=True)
    from .atomic import link_or_copy

    (folder / LOCALES).mkdir(exist_ok=True)
    for path in sorted(bundle.folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            link_or_copy(path, folder / path.relative_to(bundle.folder))
    from html import escape

    atomic_write_text(folder / "index.html", PAGE.format(
        lang=site.default_language.code, title=escape(f"{site_name or site.config.site_name} — CMS"), script=SCRIPT,
        stylesheet=STYLESHEET))
    atomic_write_text(folder / "config.yml", config_text)
    return folder
