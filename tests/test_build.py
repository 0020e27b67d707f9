"""Build the real portal and the second province strictly, and read the HTML they produce."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, run_mkdocs_build, soup, write_site
from portal import site

PORTAL = site.load_site(ROOT / "mkdocs.yml")
LANGUAGE_DIRS = {lang.code: lang.link.strip("/") for lang in PORTAL.languages}


def heading(element) -> str:
    """A heading's text without its permalink mark."""
    for link in element.select(".headerlink"):
        link.extract()
    return element.get_text(strip=True)


def page_path(site_dir, code, slug=""):
    return site_dir.joinpath(*(part for part in (LANGUAGE_DIRS[code], slug) if part), "index.html")


@pytest.mark.parametrize("code", PORTAL.codes)
def test_home_page_in_each_language(portal_site, code):
    html = soup(page_path(portal_site, code))
    assert html.html["lang"] == code
    site_name = html.title.get_text()
    # The home page's title is the site name alone, translated.
    assert "Cà Mau" in site_name or "កាម៉ៅ" in site_name
    assert " - " not in site_name
    description = html.find("meta", attrs={"name": "description"})["content"]
    assert len(description) > 40


def test_home_titles_differ_per_language(portal_site):
    titles = {code: soup(page_path(portal_site, code)).title.get_text() for code in PORTAL.codes}
    assert len(set(titles.values())) == len(titles), titles


@pytest.mark.parametrize("code", PORTAL.codes)
@pytest.mark.parametrize("section", PORTAL.sections, ids=lambda section: section.slug)
def test_section_page_has_language_title_and_description(portal_site, code, section):
    path = page_path(portal_site, code, section.slug)
    html = soup(path)
    assert html.html["lang"] == code
    heading_text = heading(html.select_one("article h1"))
    assert html.title.get_text().startswith(heading_text + " - ")
    # The section's tab is labelled in the page's language.
    tabs = [tab.get_text(strip=True) for tab in html.select(".md-tabs__link")]
    assert section.titles[code] in tabs
    description = html.find("meta", attrs={"name": "description"})["content"]
    source_description = soup(page_path(portal_site, "vi", section.slug)).find(
        "meta", attrs={"name": "description"})["content"]
    if code != "vi":
        assert description != source_description, "translation reuses the source description"


@pytest.mark.parametrize("code", PORTAL.codes)
def test_language_switcher_links_to_the_same_page_in_every_language(portal_site, code):
    path = page_path(portal_site, code, "invest")
    links = {a["hreflang"]: a["href"] for a in soup(path).select("a.md-select__link")}
    assert set(links) == set(PORTAL.codes)
    page_url = "/" + path.relative_to(portal_site).parent.as_posix() + "/"
    for target, href in links.items():
        resolved = urlsplit(urljoin(page_url, href)).path
        assert resolved == "/" + "/".join(p for p in (LANGUAGE_DIRS[target], "invest") if p) + "/"


def test_no_page_refers_to_another_origin_for_assets(portal_site):
    for path in portal_site.rglob("*.html"):
        html = soup(path)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"),
                               ("source", "srcset"), ("iframe", "src")):
            for element in html.find_all(tag):
                value = element.get(attribute)
                if not value or (tag == "link" and element.get("rel") in (["alternate"], ["canonical"])):
                    continue
                assert not urlsplit(value).netloc, f"{path}: <{tag}> loads {value}"
    for path in portal_site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", path.read_text(encoding="utf-8")):
            url = url.strip("'\"")
            assert not urlsplit(url).netloc or url.startswith("data:"), f"{path}: {url}"


def test_fonts_are_self_hosted_and_khmer_is_limited_to_khmer_characters(portal_site):
    css = (portal_site / "assets" / "stylesheets" / "portal.css").read_text(encoding="utf-8")
    for match in re.finditer(r'url\("\.\./fonts/([^"]+)"\)', css):
        assert (portal_site / "assets" / "fonts" / match.group(1)).is_file()
    khmer_faces = [face for face in re.findall(r"@font-face\s*{[^}]*}", css) if "Noto Sans Khmer" in face]
    assert khmer_faces
    for face in khmer_faces:
        assert "unicode-range: U+1780-17FF" in face
    home = (portal_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_cao_bang_builds_with_its_own_languages(cao_bang_site):
    assert soup(cao_bang_site / "index.html").html["lang"] == "vi"
    chinese = soup(cao_bang_site / "zh" / "culture" / "index.html")
    assert chinese.html["lang"] == "zh"
    assert chinese.title.get_text() == "文化 - 高平省"
    assert [a["hreflang"] for a in chinese.select("a.md-select__link")] == ["vi", "en", "zh"]
    tabs = [tab.get_text(strip=True) for tab in chinese.select(".md-tabs__link")]
    assert tabs == ["首页", "旅游", "文化"]
    assert not (cao_bang_site / "km").exists()
    english = soup(cao_bang_site / "en" / "travel" / "index.html")
    assert heading(english.select_one("article h1")) == "Travel"
    assert english.select_one("h2") is None or english.select_one("h2").get("id", "").isascii()


def test_cao_bang_fallback_page_is_built_from_the_source(cao_bang_site):
    fallback = soup(cao_bang_site / "zh" / "travel" / "index.html")
    assert "Thác Bản Giốc" in fallback.select_one("article").get_text()
    assert fallback.select_one("#thac-ban-gioc") is not None  # ASCII anchor from python-slugify


def test_page_without_description_fails_the_strict_build_naming_the_file(tmp_path):
    config = write_site(tmp_path, {
        "index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ của tỉnh thử.\n---\n# Trang chủ\n",
        "index.en.md": "---\ntitle: Home\n---\n# Home\n",
    })
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/index.en.md:1:1: the page has no 'description' in its front matter" in result.stderr


def test_bad_province_block_stops_the_build_with_its_reason(tmp_path):
    config = write_site(tmp_path, {"index.md": "---\ntitle: T\ndescription: D\n---\n# T\n"},
                        extra_yaml="extra:\n  province:\n    name: {vi: A}\n    publisher: {vi: B}\n"
                                   "    official_portal: https://example.org/\n")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.province.name has no text for 'en'" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_small_site_with_complete_pages_builds(tmp_path):
    config = write_site(tmp_path, {
        "index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ của tỉnh thử.\n---\n# Trang chủ\n",
        "index.en.md": "---\ntitle: Home\ndescription: The test province's home.\n---\n# Home\n",
    })
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert soup(tmp_path / "site" / "en" / "index.html").html["lang"] == "en"


def test_text_files_are_precompressed_and_headers_written(portal_site):
    import gzip

    import brotli

    page = portal_site / "en" / "index.html"
    original = page.read_bytes()
    assert gzip.decompress((portal_site / "en" / "index.html.gz").read_bytes()) == original
    assert brotli.decompress((portal_site / "en" / "index.html.br").read_bytes()) == original
    headers = (portal_site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-" in headers
    assert "X-Content-Type-Options: nosniff" in headers and "Referrer-Policy:" in headers
    assert "/assets/photos/*\n  Cache-Control: public, max-age=31536000, immutable" in headers


def test_each_not_found_page_switches_language_to_the_homes(portal_site):
    # mkdocs-static-i18n would leave the last page built in the switcher of en/km 404 pages.
    prefixes = site.language_prefixes(site.load_site(ROOT / "mkdocs.yml").config)
    homes = {"/" + prefix for prefix in prefixes.values()}
    for prefix in prefixes.values():
        page = soup(portal_site / prefix / "404.html")
        links = {urlsplit(a["href"]).path for a in page.select("a.md-select__link[hreflang]")}
        assert links == homes, (prefix, links)
