"""Search relevance, as a reader meets it: builds the portal, serves it on loopback with
its own security headers, types every query of tests/search/queries.tsv into the built
site's search box in Debian's Chromium, and prints per language hit@1, hit@3, mean
reciprocal rank and the gzip size of the language's search index, then every miss with
what came instead.

Run: make bench-search        (or: .venv/bin/python tests/benchmarks/bench_search.py)
     --site DIR  use an already built site instead of building one
     --json      print the figures as JSON
     --corpus N  instead: a generated corpus of N Vietnamese pages (and their English
                 and Khmer translations, tests/benchmarks/corpus.py); prints only the
                 time from typing to results and the index sizes, at that scale

tests/test_search_relevance.py runs the same code and asserts that every query hits@3.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "search" / "queries.tsv"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]

sys.path.insert(0, str(ROOT / "src"))


@dataclass
class Query:
    language: str
    text: str
    expected: tuple[str, ...]
    kind: str
    line: int


@dataclass
class Outcome:
    query: Query
    results: list[tuple[str, str]] = field(default_factory=list)  # (page path, title)
    seconds: float = 0.0  # from typing to the results shown
    rank_ms: float | None = None  # of which the worker's ranking

    @property
    def rank(self) -> int | None:
        for position, (path, _title) in enumerate(self.results, 1):
            if path in self.query.expected:
                return position
        return None


def _unescape(text: str) -> str:
    # Invisible characters (ZERO WIDTH SPACE, joiners) are written as \uXXXX in the file.
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text)


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The queries file: language, query, expected pages (space-separated), class."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3 or not cells[1].strip() or not cells[2].strip():
            raise ValueError(f"{path}:{number}: expected 'language<TAB>query<TAB>pages[<TAB>class]', got {line!r}")
        queries.append(Query(cells[0].strip(), _unescape(cells[1].strip()), tuple(cells[2].split()),
                             cells[3].strip() if len(cells) > 3 else "", number))
    return queries


def build_site(site_dir: Path, site_url: str, config_file: Path = ROOT / "mkdocs.yml") -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    env.pop("PORTAL_PARALLEL_LANGUAGES", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                             "--config-file", str(config_file), "--site-dir", str(site_dir)],
                            capture_output=True, text=True, env=env, cwd=config_file.parent)
    if result.returncode:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr[-4000:]}")


class SiteServer:
    """The built site on 127.0.0.1, sending the headers (CSP included) of its _headers file."""

    def __init__(self, site_dir: Path | None = None, config_file: Path = ROOT / "mkdocs.yml"):
        from portal.hosting import parse_headers_file

        sys.path.insert(0, str(ROOT / "tests"))
        from test_browser import QuietHandler  # the browser tests' server: the site's own headers

        self._temp = None
        headers: dict[str, str] = {}
        handler_class = type("Handler", (QuietHandler,), {"site_headers": headers})
        if site_dir is None:
            self._temp = tempfile.TemporaryDirectory(prefix="bench-search-")
            site_dir = Path(self._temp.name) / "site"
        self.site_dir = site_dir
        handler = functools.partial(handler_class, directory=str(site_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        if self._temp is not None:
            build_site(site_dir, self.origin + "/", config_file)
        headers_file = site_dir / "_headers"
        if headers_file.is_file():
            headers.update(parse_headers_file(headers_file.read_text(encoding="utf-8")).get("/*", {}))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._temp is not None:
            self._temp.cleanup()


def language_roots(config_file: Path = ROOT / "mkdocs.yml") -> dict[str, str]:
    from portal import site

    portal = site.load_site(config_file)
    return {code: portal.language(code).link for code in portal.codes}


_RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
    const link = item.querySelector('a');
    const title = item.querySelector('h1, h2');
    return [link.href, title ? title.textContent.trim() : ''];
})"""


def type_query(page, query: str) -> list[tuple[str, str]]:
    """Types ``query`` into the site's search box; returns (href, title) per result group."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator('label[for="__search"]').first.click()
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    placeholder = page.evaluate("() => document.querySelector('.md-search-result__meta').textContent")
    started = time.perf_counter()
    box.fill(query)
    box.press("End")  # Material searches on keyup
    try:
        page.wait_for_function(
            """([q, placeholder]) => { const m = document.querySelector('.md-search-result__meta');
                return document.querySelector('.md-search__input').value === q && m
                    && m.textContent !== placeholder && !m.textContent.includes('…') }""",
            arg=[query, placeholder], timeout=10000)
    except Exception as error:
        meta = page.evaluate("() => document.querySelector('.md-search-result__meta').textContent")
        raise RuntimeError(f"no search result for {query!r} (the search box shows {meta.strip()!r})") from error
    page.latency = time.perf_counter() - started
    page.rank_ms = page.workers[0].evaluate("() => self.portalSearch && self.portalSearch.rankMs") if page.workers else None
    page.wait_for_timeout(120)  # the list is drawn on the next animation frames
    return page.evaluate(_RESULTS_JS)


def run(queries: list[Query], server: SiteServer, roots: dict[str, str] | None = None) -> list[Outcome]:
    from playwright.sync_api import sync_playwright

    roots = roots or language_roots()
    outcomes = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for code in roots:
                mine = [query for query in queries if query.language == code]
                if not mine:
                    continue
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(server.origin + roots[code], wait_until="load")
                root_path = urlsplit(server.origin + roots[code]).path
                for query in mine:
                    outcome = Outcome(query)
                    shown = type_query(page, query.text)
                    outcome.seconds = page.latency
                    outcome.rank_ms = page.rank_ms
                    for href, title in shown:
                        path = urlsplit(href).path
                        path = path[len(root_path):] if path.startswith(root_path) else path
                        if path not in (seen[0] for seen in outcome.results):
                            outcome.results.append((path, title))
                    outcomes.append(outcome)
                context.close()
        finally:
            browser.close()
    return outcomes


def index_gzip_bytes(site_dir: Path, roots: dict[str, str] | None = None) -> dict[str, int]:
    """Per language: the search index compressed as the hosting sends it (gzip -9)."""
    sizes = {}
    for code, root in (roots or language_roots()).items():
        index = site_dir / root.strip("/") / "search" / "search_index.json"
        if index.is_file():
            sizes[code] = len(gzip.compress(index.read_bytes(), compresslevel=9, mtime=0))
    return sizes


def figures(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for code in dict.fromkeys(outcome.query.language for outcome in outcomes):
        ranks = [outcome.rank for outcome in outcomes if outcome.query.language == code]
        table[code] = {
            "queries": len(ranks),
            "hit@1": sum(rank == 1 for rank in ranks) / len(ranks),
            "hit@3": sum(rank is not None and rank <= 3 for rank in ranks) / len(ranks),
            "mrr": sum(1 / rank for rank in ranks if rank) / len(ranks),
            "median_ms": 1000 * statistics.median(outcome.seconds for outcome in outcomes
                                                  if outcome.query.language == code),
        }
    return table


def report(outcomes: list[Outcome], sizes: dict[str, int]) -> str:
    lines = [f"{'lang':<5}{'queries':>8}{'hit@1':>8}{'hit@3':>8}{'MRR':>8}{'index gzip B':>14}"
             f"{'median ms':>11}"]
    for code, row in figures(outcomes).items():
        lines.append(f"{code:<5}{row['queries']:>8}{row['hit@1']:>8.3f}{row['hit@3']:>8.3f}"
                     f"{row['mrr']:>8.3f}{sizes.get(code, 0):>14}{row['median_ms']:>11.0f}")
    misses = [outcome for outcome in outcomes if not outcome.rank or outcome.rank > 1]
    if misses:
        lines.append("")
        lines.append("Not first (rank, query, expected -> first three results):")
    for outcome in misses:
        query = outcome.query
        got = "; ".join(f"{path or '/'} ({title})" for path, title in outcome.results[:3]) or "nothing"
        rank = outcome.rank or "-"
        lines.append(f"  [{rank}] {query.language} {query.text!r} [{query.kind}] "
                     f"want {' '.join(query.expected)} -> {got}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (built for any address)")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--corpus", type=int, metavar="N", help="time queries on a generated corpus of N pages")
    args = parser.parse_args(argv)
    try:
        queries = load_queries(args.queries)
    except (OSError, ValueError) as error:
        print(f"bench-search: {error}", file=sys.stderr)
        return 2
    if args.corpus:
        return at_scale(queries, args.corpus)
    server = SiteServer(args.site)
    try:
        outcomes = run(queries, server)
        sizes = index_gzip_bytes(server.site_dir)
    finally:
        server.close()
    if args.json:
        print(json.dumps({"figures": figures(outcomes), "index_gzip_bytes": sizes,
                          "misses": [{"language": o.query.language, "query": o.query.text,
                                      "expected": o.query.expected, "rank": o.rank,
                                      "results": o.results[:3]}
                                     for o in outcomes if o.rank != 1]},
                         ensure_ascii=False, indent=1))
    else:
        print(report(outcomes, sizes))
    return 0


def at_scale(queries: list[Query], pages: int) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_build import portal_config
    from corpus import generate

    with tempfile.TemporaryDirectory(prefix="bench-search-corpus-") as folder:
        generate(Path(folder) / "docs", pages)
        config = portal_config(Path(folder))
        roots = language_roots(config)
        server = SiteServer(config_file=config)
        try:
            outcomes = run(queries, server, roots)
            sizes = index_gzip_bytes(server.site_dir, roots)
            documents = {code: len(json.loads((server.site_dir / root.strip("/") / "search" /
                                               "search_index.json").read_text(encoding="utf-8"))["docs"])
                         for code, root in roots.items()}
        finally:
            server.close()
    print(f"{pages} pages per language; the project's queries (relevance not judged here)")
    print(f"{'lang':<5}{'documents':>10}{'index gzip B':>14}{'median ms':>11}{'slowest ms':>12}"
          f"{'ranking median ms':>19}")
    for code in roots:
        times = [o.seconds * 1000 for o in outcomes if o.query.language == code]
        ranking = [o.rank_ms for o in outcomes if o.query.language == code and o.rank_ms is not None]
        if times:
            print(f"{code:<5}{documents[code]:>10}{sizes.get(code, 0):>14}"
                  f"{statistics.median(times):>11.0f}{max(times):>12.0f}"
                  f"{statistics.median(ranking) if ranking else float('nan'):>19.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
