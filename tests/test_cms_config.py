"""The editor's configuration is made from mkdocs.yml and the data files: every section,
every data file and every multilingual field, in the site's own languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from portal import cms_config, multilingual, photos, site

SITES = {"portal": ROOT / "mkdocs.yml", "cao-bang": FIXTURES / "cao-bang" / "mkdocs.yml"}


def _field(fields: list[dict], path: list[str]) -> dict:
    """The field at a data path such as festivals[3].name (indices dropped)."""
    name, *rest = path
    found = next((field for field in fields if field["name"] == name), None)
    assert found is not None, f"no field {name!r} among {[field['name'] for field in fields]}"
    return _field(found["fields"], rest) if rest else found


@pytest.mark.parametrize("name", SITES)
def test_config_covers_every_section_and_data_file_in_the_sites_languages(name):
    described = site.load_site(SITES[name])
    config = cms_config.generate(described)
    codes = list(described.codes)
    assert config["i18n"] == {"structure": "multiple_files", "locales": codes,
                              "default_locale": described.default_language.code,
                              "omit_default_locale_from_file_path": True, "initial_locales": "default"}
    collections = {collection["name"]: collection for collection in config["collections"]}
    assert described.sections, "a site without sections proves nothing"
    for section in described.sections:
        collection = collections[section.slug]
        assert collection["folder"] == f"{described.docs_dir.name}/{section.slug}"
        assert collection["i18n"] is True and collection["create"] is True
        body = _field(collection["fields"], ["body"])
        assert body["modes"] == ["raw"], "Markdown must open raw (rich text rewrites *em* to _em_)"
        assert collection["editor"] == {"preview": False}
    root = Path(described.config.config_file_path).parent
    photos_dir = photos.image_settings(described.config.extra, root).photos_dir
    data = {entry["file"]: entry for entry in collections.get("data", {"files": []})["files"]}
    expected = [path for path in multilingual.data_files(root / "content") if not path.is_relative_to(photos_dir)]
    assert sorted(data) == sorted(path.relative_to(root).as_posix() for path in expected)
    checked = 0
    for path in expected:
        text = path.read_text(encoding="utf-8")
        for found in multilingual.multilingual_fields(text, path.name, codes, described.default_language.code):
            steps = [step.split("[")[0] for step in found.path.split(".")]
            field = _field(data[path.relative_to(root).as_posix()]["fields"], steps)
            # a multilingual mapping, or a list of them (the glossary's terms)
            assert field["widget"] == ("list" if found.path.endswith("]") else "object"), found.path
            assert [sub["name"] for sub in field["fields"]] == codes, found.path
            checked += 1
    if name == "portal":
        assert checked > 100  # festivals, products, indicators, places, glossary...
    photo = collections["photos"]
    assert photo["folder"] == photos_dir.relative_to(root).as_posix()
    for required in photos.REQUIRED:
        assert _field(photo["fields"], [required])["required"] is True
    assert [sub["name"] for sub in _field(photo["fields"], ["alt"])["fields"]] == codes


def test_a_new_language_in_mkdocs_yml_reaches_every_collection(tmp_path):
    """Languages come from mkdocs.yml alone: add one and it is in the editor."""
    source = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    added = source.replace("        - locale: km\n", "        - locale: zh\n          name: 中文\n"
                                                     "          build: true\n        - locale: km\n", 1)
    added = added.replace("      km: កាម៉ៅ\n", "      km: កាម៉ៅ\n      zh: 金瓯\n", 1)
    added = added.replace("      km: គណៈកម្មាធិការប្រជាជនខេត្តកាម៉ៅ\n    official_portal",
                          "      km: គណៈកម្មាធិការប្រជាជនខេត្តកាម៉ៅ\n      zh: 金瓯省人民委员会\n    official_portal", 1)
    assert added.count("zh") == 3
    for folder in ("docs", "content", "src"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(added, encoding="utf-8")
    config = cms_config.generate(site.load_site(config_file))
    assert config["i18n"]["locales"] == ["vi", "en", "zh", "km"]
    festivals = next(entry for entry in next(c for c in config["collections"] if c["name"] == "data")["files"]
                     if entry["name"] == "festivals")
    assert [sub["name"] for sub in _field(festivals["fields"], ["festivals", "name"])["fields"]] == \
        ["vi", "en", "zh", "km"]


def test_written_config_is_yaml_the_editor_reads(portal_site):
    written = yaml.safe_load((portal_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert written["collections"] == cms_config.generate(site.load_site(ROOT / "mkdocs.yml"))["collections"]


@pytest.mark.parametrize("backend,mode", [("gitlab", "editorial_workflow"), ("github", "editorial_workflow"),
                                          ("gitea", "simple")])
def test_hosted_back_end_from_the_environment_and_its_csp(monkeypatch, backend, mode):
    from portal import admin_bundle

    monkeypatch.setenv("CMS_BACKEND", backend)
    monkeypatch.setenv("CMS_REPO", "ubnd/cong-thong-tin")
    monkeypatch.setenv("CMS_APP_ID", "app-123")
    if backend != "github":
        monkeypatch.setenv("CMS_BASE_URL", "https://git.example.gov.vn/")
    config = cms_config.generate(site.load_site(ROOT / "mkdocs.yml"))
    assert config["publish_mode"] == mode
    assert config["backend"]["name"] == backend and config["backend"]["repo"] == "ubnd/cong-thong-tin"
    policy = admin_bundle.content_security_policy(config["backend"])
    connect = next(part for part in policy.split("; ") if part.startswith("connect-src"))
    if backend == "github":
        assert connect == "connect-src 'self' data: https://api.github.com"
    else:
        assert connect == "connect-src 'self' data: https://git.example.gov.vn"
        assert config["backend"]["api_root"] == "https://git.example.gov.vn/api/" + ("v4" if backend == "gitlab" else "v1")
    if backend == "gitlab":
        assert config["backend"]["auth_type"] == "pkce" and config["backend"]["app_id"] == "app-123"


def test_each_section_says_which_translations_need_work(tmp_path):
    """Sveltia has no per-entry status: each section's description lists its entries whose
    translations are missing or outdated (with the changed sections), from the report."""
    import shutil

    for folder in ("content", "src"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    collections = {c["name"]: c for c in cms_config.generate(site.load_site(tmp_path / "mkdocs.yml"))["collections"]}
    assert collections["land"]["description"] == "Mọi bản dịch trong chuyên mục đã cập nhật."
    source = tmp_path / "docs" / "land" / "index.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Cà Mau có ba mặt giáp biển:", "Cà Mau có ba mặt giáp biển (đông, tây, nam):", 1), encoding="utf-8")
    (tmp_path / "docs" / "land" / "index.km.md").unlink()
    collections = {c["name"]: c for c in cms_config.generate(site.load_site(tmp_path / "mkdocs.yml"))["collections"]}
    assert collections["land"]["description"] == (
        "Bản dịch cần làm — land/index.md: en lỗi thời (đã đổi: Vùng đất); km chưa dịch")
    assert collections["people"]["description"] == "Mọi bản dịch trong chuyên mục đã cập nhật."
