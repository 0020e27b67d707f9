"""Lighthouse (mobile) on the home, a festival and the invest page in every language:
prints Performance, Accessibility, Best Practices and SEO scores, total bytes, and what
keeps a score below 100. Uses Debian's Chromium (CHROME_PATH) and the `lighthouse`
npm package, installed on first use under .cache/bench/node.

Run: make bench-web
"""

from __future__ import annotations

import functools
import io
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE = ROOT / ".cache" / "bench" / "node"
LIGHTHOUSE_VERSION = "13.5.0"
PAGES = ("", "festivals/sene-dolta/", "invest/")
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"

sys.path.insert(0, str(ROOT / "src"))


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the build's pre-compressed .gz copies, as the hosting configuration does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressed = path.with_name(path.name + ".gz")
        if "gzip" in self.headers.get("Accept-Encoding", "") and compressed.is_file():
            data = compressed.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return io.BytesIO(data)
        return super().send_head()

    def log_message(self, *args):
        pass


def lighthouse() -> Path:
    binary = NODE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        NODE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
                       cwd=NODE, check=True, stdout=subprocess.DEVNULL)
    return binary


def main() -> int:
    from portal import site

    binary = lighthouse()
    portal = site.load_site(ROOT / "mkdocs.yml")
    with tempfile.TemporaryDirectory() as folder:
        site_dir = Path(folder) / "site"
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        origin = f"http://127.0.0.1:{port}"
        env = dict(os.environ, SITE_URL=origin + "/", NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)],
                       cwd=ROOT, env=env, check=True)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(site_dir)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        print(f"{'page':<34} perf  a11y  best   seo   bytes")
        shortfalls = {}
        try:
            for language in portal.languages:
                for path in PAGES:
                    url = origin + language.link + path
                    report = Path(folder) / "report.json"
                    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
                                    "--form-factor=mobile", f"--chrome-flags={FLAGS}"],
                                   env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"), check=True)
                    data = json.loads(report.read_text(encoding="utf-8"))
                    scores = [round(100 * data["categories"][key]["score"])
                              for key in ("performance", "accessibility", "best-practices", "seo")]
                    weight = data["audits"]["total-byte-weight"]["numericValue"]
                    print(f"{language.link + path:<34} " + "  ".join(f"{s:>4}" for s in scores) + f"  {weight / 1000:6.0f} kB")
                    for category in ("performance", "accessibility", "best-practices", "seo"):
                        for ref in data["categories"][category]["auditRefs"]:
                            audit = data["audits"][ref["id"]]
                            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                                shortfalls.setdefault(f"{category}: {audit['title']}", set()).add(language.code)
        finally:
            httpd.shutdown()
    print("\nwhat keeps a score below 100:")
    for title, languages in sorted(shortfalls.items()):
        print(f"  {title} ({', '.join(sorted(languages))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
