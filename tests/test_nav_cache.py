"""The navigation cache (portal.nav_cache) changes how long the sidebar takes to render,
never what it renders: sites built with and without it are compared file by file."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from mkdocs.theme import Theme

from conftest import ROOT, run_mkdocs_build, write_site
from portal import nav_cache
from test_parallel_build import assert_same_tree, page

MATERIAL_NAV_ITEM = Path(material.__file__).parent / "templates" / nav_cache.NAV_ITEM_TEMPLATE


def build_without_cache(config: Path, site: Path, monkeypatch) -> None:
    with monkeypatch.context() as patch:
        patch.setenv(nav_cache.DISABLE_VARIABLE, "0")
        result = run_mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_installed_material_template_is_the_shape_the_cache_wraps():
    """A Material upgrade that renames the macro would silently turn the cache off."""
    wrapped = nav_cache.wrap_render_macro(MATERIAL_NAV_ITEM.read_text(encoding="utf-8"))
    assert wrapped is not None
    assert f"{{% call {nav_cache.CACHED_RENDER}(" in wrapped
    assert f"{nav_cache.CACHED_LIST}(nav_item, index, " in wrapped  # the section loops, walked in Python
    assert f"{nav_cache.SECTION_INDEX}(nav_item, _, " in wrapped


def test_the_theme_environment_loads_the_wrapped_template(monkeypatch):
    monkeypatch.delenv(nav_cache.DISABLE_VARIABLE, raising=False)
    env = nav_cache.install(Theme(name="material").get_env())
    source = env.loader.get_source(env, nav_cache.NAV_ITEM_TEMPLATE)[0]
    assert nav_cache.CACHED_LIST in source and nav_cache.CACHED_LIST in env.globals
    monkeypatch.setenv(nav_cache.DISABLE_VARIABLE, "0")
    env = nav_cache.install(Theme(name="material").get_env())
    assert nav_cache.CACHED_LIST not in env.loader.get_source(env, nav_cache.NAV_ITEM_TEMPLATE)[0]


def test_a_template_without_the_macro_is_left_alone():
    assert nav_cache.wrap_render_macro("{% macro other(x) %}{{ x }}{% endmacro %}") is None


def test_the_portal_is_byte_identical_with_and_without_the_cache(portal_site, tmp_path, monkeypatch):
    build_without_cache(ROOT / "mkdocs.yml", tmp_path / "site", monkeypatch)
    assert_same_tree(tmp_path / "site", portal_site)


# Pages whose links differ by folder: section indexes, a page whose own folder holds
# another page (land/river/ and land/river/mouth/), three levels of sections.
NESTED_PAGES = {
    "index.md": page("Trang chủ"), "index.en.md": page("Home"),
    "land/index.md": page("Đất"), "land/forest.md": page("Rừng"), "land/sea.md": page("Biển"),
    "land/river.md": page("Sông"), "land/river/mouth.md": page("Cửa sông"),
    "land/river/delta/index.md": page("Đồng bằng"), "land/river/delta/canal.md": page("Kênh"),
    "people/index.md": page("Con người"), "people/crafts.md": page("Nghề"),
    "people/crafts.en.md": page("Crafts"), "news/2025/first.md": page("Tin một"),
    "news/2025/second.md": page("Tin hai"), "news/2026/third.md": page("Tin ba"),
}


@pytest.mark.parametrize("features, directory_urls", [
    (["navigation.tabs", "navigation.indexes", "navigation.prune"], True),
    (["navigation.sections", "navigation.expand"], False),
], ids=["tabs-indexes-prune", "sections-expand-file-urls"])
def test_nested_sections_are_byte_identical_with_and_without_the_cache(
        features, directory_urls, tmp_path, monkeypatch):
    config = write_site(tmp_path, NESTED_PAGES)
    text = config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  features: [" + ", ".join(features) + "]\n")
    if not directory_urls:
        text += "use_directory_urls: false\n"
    config.write_text(text, encoding="utf-8")
    cached = run_mkdocs_build(config, tmp_path / "cached")
    assert cached.returncode == 0, cached.stderr[-3000:]
    build_without_cache(config, tmp_path / "reference", monkeypatch)
    assert_same_tree(tmp_path / "reference", tmp_path / "cached")
    # The sidebar really links the section's pages (not two empty navigations compared).
    if directory_urls:
        mouth, forest = "land/river/mouth/index.html", 'href="../../forest/"'
    else:
        mouth, forest = "land/river/mouth.html", 'href="../forest.html"'
    assert forest in (tmp_path / "cached" / mouth).read_text(encoding="utf-8")
