"""A page added to a section's folder joins that section's navigation at build time."""

from __future__ import annotations

from conftest import ROOT, build_or_fail, soup
from portal import section_pages, site


def test_unlisted_pages_join_their_section_after_the_listed_ones(tmp_path):
    docs = tmp_path / "docs"
    (docs / "news").mkdir(parents=True)
    for name in ("index.md", "index.en.md", "b-post.md", "b-post.en.md", "a-post.md", "c-only-en.en.md"):
        (docs / "news" / name).write_text("# x\n", encoding="utf-8")
    nav = [{"Home": "index.md"}, {"News": ["news/index.md", "news/b-post.md"]}]
    completed = section_pages.complete_nav(nav, docs, ["vi", "en"], "vi")
    assert completed == [{"Home": "index.md"}, {"News": ["news/index.md", "news/b-post.md", "news/a-post.md"]}]
    assert nav[1]["News"] == ["news/index.md", "news/b-post.md"]  # the configuration is not changed in place


def test_a_new_post_in_the_source_language_alone_builds_strictly_and_is_in_the_news(tmp_path):
    import shutil

    copy = tmp_path / "portal"
    for folder in ("docs", "content"):
        shutil.copytree(ROOT / folder, copy / folder)
    (copy / "src").symlink_to(ROOT / "src")
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    post = copy / "docs" / "news" / "a-thu-nghiem-trang-moi-2026.md"
    post.write_text("---\ntitle: Thử nghiệm trang mới\ndescription: Một bài viết tạo từ trình biên tập.\n"
                    "date: 2026-12-01\n---\n\n# Thử nghiệm trang mới\n\nBài viết tạo từ trình biên tập.\n",
                    encoding="utf-8")
    built = build_or_fail(copy / "mkdocs.yml", tmp_path / "site")
    page = built / "news" / "a-thu-nghiem-trang-moi-2026" / "index.html"
    assert page.is_file()
    news_nav = soup(built / "news" / "index.html").select("nav.md-nav a[href]")
    assert any("a-thu-nghiem-trang-moi-2026" in link["href"] for link in news_nav)
    english = soup(built / "en" / "news" / "index.html").select("nav.md-nav a[href]")
    assert any("a-thu-nghiem-trang-moi-2026" in link["href"] for link in english)  # shown in Vietnamese there
    assert site.load_site(copy / "mkdocs.yml").sections  # the sections still come from nav
