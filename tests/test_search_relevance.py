"""Search as readers use it, in Debian's Chromium: every query of tests/search/queries.tsv
brings its page among the first three results (one built site, one browser, all
queries; `make bench-search` prints the same run's figures), and the worker's
normalisers agree with portal.search_index on the same strings."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from benchmarks import bench_search
from portal import search_index
from test_search_equivalences import KHMER_DISTINCT, KHMER_LOOK_ALIKES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served():
    server = bench_search.SiteServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def outcomes(served):
    pytest.importorskip("playwright.sync_api")
    return bench_search.run(bench_search.load_queries(), served)


def test_the_benchmark_has_enough_queries_per_language():
    queries = bench_search.load_queries()
    for code in bench_search.language_roots():
        assert sum(query.language == code for query in queries) >= 25, code


@pytest.mark.parametrize("code", ["vi", "en", "km"])
def test_every_query_brings_its_page_among_the_first_three(outcomes, code):
    misses = [outcome for outcome in outcomes if outcome.query.language == code
              and (outcome.rank is None or outcome.rank > 3)]
    assert not misses, "\n" + "\n".join(
        f"tests/search/queries.tsv:{o.query.line}: {o.query.text!r} wants {' '.join(o.query.expected)}, "
        f"got {[path for path, _title in o.results[:3]]}" for o in misses)


def test_look_alike_khmer_spellings_give_the_same_results(outcomes):
    by_query = {o.query.text: [path for path, _title in o.results] for o in outcomes if o.query.language == "km"}
    assert by_query["ក្ដាម"] == by_query["ក្តាម"]
    assert by_query["តន្ត្រី"] == by_query["តន្ដ្រី"]
    assert by_query["ព្រៃស្មាច់"] == by_query["ព្រៃ\u200bស្មាច់"]


@pytest.fixture(scope="module")
def browser(outcomes):  # after the benchmark run, which drives its own Chromium
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=bench_search.CHROMIUM,
                                              args=bench_search.CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def worker(served, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(served.origin + bench_search.language_roots()["km"], wait_until="load")
    results = bench_search.type_query(page, "ក្តាម")
    yield page, page.workers[0], results
    page.close()


def test_results_show_the_pages_own_spelling_and_stay_on_the_origin(worker, served):
    page, _worker, results = worker
    assert results, "no result for ក្តាម (typed with COENG TA)"
    shown = page.locator(".md-search-result").inner_text()
    assert "ក្ដាម" in shown and "ក្តាម" not in shown, "results must keep the page's COENG DA"
    assert "\u200b" not in shown
    foreign = [url for url in page.requests
               if urlsplit(url).scheme not in ("data", "blob") and not url.startswith(served.origin + "/")]
    assert foreign == []


def test_worker_and_build_make_the_same_khmer_forms(worker):
    _page, search_worker, _results = worker
    strings = [text for pair in KHMER_LOOK_ALIKES + KHMER_DISTINCT for text in pair]
    in_browser = search_worker.evaluate("texts => texts.map(t => self.portalSearch.canonicalKhmer(t))", strings)
    assert in_browser == [search_index.canonical_khmer(text) for text in strings]


def test_worker_and_build_fold_vietnamese_alike(worker):
    _page, search_worker, _results = worker
    strings = ["Đất Mũi", "Hòn Khoai", "đảo đạo dao", "Ủy ban nhân dân tỉnh", "Sông Đốc ក្ដាម"]
    in_browser = search_worker.evaluate("texts => texts.map(t => self.portalSearch.searchForm(t))", strings)
    expected = [search_index.KHMER_RUN.sub(lambda m: search_index.canonical_khmer(m.group(0)),
                                           search_index.fold_latin(text)) for text in strings]
    assert in_browser == expected


def test_a_language_without_a_segmenter_still_finds_its_words(browser):
    """The second province's Chinese pages: lunr indexes whole clauses; the ranking
    compares characters, so a word inside a sentence is found."""
    server = bench_search.SiteServer(config_file=bench_search.ROOT / "tests" / "fixtures" / "cao-bang" / "mkdocs.yml")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.origin + "/zh/", wait_until="load")
        found = [urlsplit(href).path for href, _title in bench_search.type_query(page, "民族")]
        page.goto(server.origin + "/", wait_until="load")
        vietnamese = [urlsplit(href).path for href, _title in bench_search.type_query(page, "van hoa")]
        page.close()
    finally:
        server.close()
    assert found and found[0] == "/zh/culture/", found
    assert vietnamese and vietnamese[0] == "/culture/", vietnamese
