"""The portal as an installed MkDocs plugin (portal.plugin): a province names `portal`
under `plugins:` and nothing of the generator's tree; its own custom_dir overrides the
plugin's theme; a language without interface strings stops the build with one line and
the command that scaffolds it; new provinces start from one command."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import yaml
from mkdocs.config import load_config

from conftest import FIXTURES, ROOT, run_mkdocs_build, soup, write_site
from portal import plugin
from portal.ui_strings import PORTAL_THEME

PAGES = {"index.md": "---\ntitle: Trang chủ\ndescription: Trang thử.\n---\n\n# Trang chủ\n\nChào.\n",
         "index.en.md": "---\ntitle: Home\ndescription: A test page.\n---\n\n# Home\n\nHello.\n",
         "land/index.md": "---\ntitle: Vùng đất\ndescription: Trang thử.\n---\n\n# Vùng đất\n\nĐất.\n"}


def run_script(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd)


def edit_config(config_file: Path, old: str, new: str) -> None:
    text = config_file.read_text(encoding="utf-8")
    assert old in text
    config_file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_plugin_is_installed_under_its_entry_point():
    found = [entry for entry in entry_points(group="mkdocs.plugins") if entry.name == "portal"]
    assert len(found) == 1 and found[0].load() is plugin.PortalPlugin


def test_provinces_name_the_plugin_and_no_path_into_the_generator():
    for config_file in (ROOT / "mkdocs.yml", FIXTURES / "cao-bang" / "mkdocs.yml",
                        FIXTURES / "sample-en-lo" / "mkdocs.yml"):
        text = config_file.read_text(encoding="utf-8")
        assert "hooks:" not in text and "overrides/hooks" not in text and "../../../" not in text, config_file
        config = load_config(str(config_file))
        assert list(config.plugins)[-1] == "portal", config_file
        assert not config.hooks


def _order(config, event: str) -> list[str]:
    return [f"{config.plugins._event_origins.get(method, '?')}:{getattr(method, '__module__', '')}"
            for method in config.plugins.events[event]]


def test_event_handlers_keep_their_order_around_static_i18n():
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = _order(config, "files")
    position = {name: index for index, name in enumerate(files)}
    i18n = next(index for index, name in enumerate(files) if name.startswith("i18n:"))
    # The parallel build starts before static-i18n sorts the files; the data pages are
    # made after it, the infographic after them.
    assert position["portal:portal.hooks.parallel_languages"] < i18n
    assert i18n < position["portal:portal.hooks.data_pages"] < position["portal:portal.hooks.infographic"]
    assert position["portal:portal.hooks.data_pages"] < position["portal:portal.hooks.records"] \
        < position["portal:portal.hooks.news"]
    post_build = _order(config, "post_build")
    # publish compresses what the others wrote; only the web editor is written after it
    assert post_build[-2:] == ["portal:portal.hooks.publish", "portal:portal.hooks.web_editing"]
    markdown = _order(config, "page_markdown")
    assert markdown.index("portal:portal.hooks.freshness") < markdown.index("portal:portal.hooks.data_pages")
    # Equal priorities run in EVENT_MODULES order (the former hooks list).
    context = [name.split(":")[1] for name in _order(config, "page_context") if name.startswith("portal:")]
    zero = [module.__name__ for module in plugin.EVENT_MODULES if hasattr(module, "on_page_context")
            and getattr(module.on_page_context, "mkdocs_priority", 0) == 0]
    assert [name for name in context if name in zero] == zero


def test_the_plugin_theme_sits_after_the_provinces_own_and_before_material(tmp_path):
    config_file = write_site(tmp_path, PAGES)
    edit_config(config_file, "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (tmp_path / "overrides").mkdir()
    config = load_config(str(config_file))
    config = config.plugins.on_config(config)
    dirs = [Path(folder) for folder in config.theme.dirs]
    own = dirs.index(tmp_path / "overrides")
    assert dirs[own + 1] == PORTAL_THEME
    assert "material" in dirs[own + 2].parts


def test_a_province_overrides_a_partial_and_a_text_in_its_own_custom_dir(tmp_path):
    config_file = write_site(tmp_path, PAGES)
    edit_config(config_file, "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    partials = tmp_path / "overrides" / "partials"
    partials.mkdir(parents=True)
    (partials / "reader-controls.html").write_text(
        '<div class="province-own-controls">{{ portal_t("fallback_link") }}</div>\n', encoding="utf-8")
    (tmp_path / "overrides" / "strings.yml").write_text(
        'fallback_link:\n  en: "The province\'s own words"\n', encoding="utf-8")
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    english = soup(tmp_path / "site" / "en" / "index.html")
    own = english.select_one(".province-own-controls")
    assert own is not None and own.get_text() == "The province's own words"
    assert english.select_one(".portal-reader") is None  # the plugin's partial is shadowed
    # Texts the province does not override stay the portal's, in every language.
    vietnamese = soup(tmp_path / "site" / "index.html")
    assert vietnamese.select_one(".province-own-controls").get_text() == "Xem trang gốc"
    # The province's strings file is not published.
    assert not (tmp_path / "site" / "strings.yml").exists()


def test_the_plugin_options_are_checked_with_a_clear_message(tmp_path):
    config_file = write_site(tmp_path, PAGES)
    edit_config(config_file, "  - portal\n", "  - portal:\n      parallel_languages: sometimes\n")
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode != 0
    assert "portal" in result.stderr and "parallel_languages" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_parallel_option_builds_languages_in_parallel_without_the_variable(tmp_path):
    config_file = write_site(tmp_path, PAGES)
    edit_config(config_file, "  - portal\n", "  - portal:\n      parallel_languages: true\n")
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "in parallel processes" in result.stderr
    assert (tmp_path / "site" / "en" / "index.html").is_file()


def test_a_language_without_interface_strings_fails_in_one_line_then_scaffolds(tmp_path):
    pages = {"index.md": "---\ntitle: Home\ndescription: A test page.\n---\n\n# Home\n\nHello.\n"}
    config_file = write_site(tmp_path, pages, languages=("en", "lo"))
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "TemplateNotFound" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    assert "'lo'" in errors[0] and "partials/languages/lo.html" in errors[0]
    assert f"python -m portal.new_language lo --config {config_file}" in errors[0]

    scaffold = run_script("-m", "portal.new_language", "lo", "--config", str(config_file))
    assert scaffold.returncode == 0, scaffold.stderr
    config_text = config_file.read_text(encoding="utf-8")
    assert "custom_dir: overrides" in config_text  # the province had none: named now
    partial = (tmp_path / "overrides" / "partials" / "languages" / "lo.html").read_text(encoding="utf-8")
    assert '"language": "lo"' in partial and '"search.placeholder": "",' in partial
    assert "search.placeholder = Search" in partial  # the English to translate from
    strings = yaml.safe_load((tmp_path / "overrides" / "strings.yml").read_text(encoding="utf-8"))
    assert strings["fallback_link"] == {"en": "Open the original page", "lo": ""}

    # Lao builds now, but no self-hosted font covers its script: one warning (strict: fails).
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "'lo'" in warnings[0] and "Lao script (Laoo)" in warnings[0]
    assert "@fontsource/noto-sans-lao" in warnings[0] and "system_font_scripts: [Laoo]" in warnings[0]
    # A font the province self-hosts for Lao (its @font-face covers the script) ends it.
    css = tmp_path / "overrides" / "assets" / "stylesheets" / "lao.css"
    css.parent.mkdir(parents=True)
    css.write_text('@font-face { font-family: "Lao"; src: url("lao.woff2") format("woff2");\n'
                   '  unicode-range: U+0E80-0EFF; }\n', encoding="utf-8")
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    lao = soup(tmp_path / "site" / "lo" / "index.html")
    assert lao.html["lang"] == "lo"
    # Untranslated keys show Material's English until a translator writes them.
    assert lao.select_one("input.md-search__input")["placeholder"] == "Search"

    # The translation report counts the scaffolded texts as missing.
    from portal import site, translations

    report = translations.build_report(site.load_site(config_file))
    assert report.ui["lo"]["status"] == translations.MISSING
    assert "search.placeholder" in report.ui["lo"]["missing_keys"]
    lao_ui = [entry for entry in report.data if entry["kind"] == "ui" and entry["field"] == "fallback_link"]
    assert lao_ui and all(entry["translations"]["lo"] == translations.MISSING for entry in lao_ui)

    again = run_script("-m", "portal.new_language", "lo", "--config", str(config_file))
    assert again.returncode == 0 and "nothing to do" in again.stdout


def test_the_system_font_option_accepts_a_script_knowingly(tmp_path):
    pages = {"index.md": "---\ntitle: Trang chủ\ndescription: Trang thử.\n---\n\n# Trang chủ\n"}
    config_file = write_site(tmp_path, pages, languages=("vi", "zh"))
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 1 and "Simplified Han script (Hans)" in result.stderr
    assert "@fontsource/noto-sans-sc" in result.stderr
    edit_config(config_file, "  - portal\n", "  - portal:\n      system_font_scripts: [Hans]\n")
    result = run_mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_new_province_builds_strictly_and_publishes_no_invented_fact(tmp_path):
    folder = tmp_path / "tinh-moi"
    made = run_script("scripts/new_province.py", str(folder), "--languages", "vi,en,km",
                      "--default", "vi", "--name", "Tỉnh Mới")
    assert made.returncode == 0, made.stderr
    config = load_config(str(folder / "mkdocs.yml"))
    assert [language.locale for language in config.plugins["i18n"].config.languages] == ["vi", "en", "km"]
    for section in ("land", "people", "festivals", "products", "news", "about"):
        for suffix in ("", ".en", ".km"):
            assert (folder / "docs" / section / f"index{suffix}.md").is_file()
    for kind in ("festivals", "products", "places", "indicators"):
        text = (folder / "content" / f"{kind}.yml").read_text(encoding="utf-8")
        assert yaml.safe_load(text) == {kind: []} and "#   " in text  # one commented example
    assert "TO FILL" in (folder / "README.md").read_text(encoding="utf-8") or \
        "fill in first" in (folder / "README.md").read_text(encoding="utf-8")

    result = run_mkdocs_build(folder / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    land = soup(tmp_path / "site" / "land" / "index.html")
    assert "Trang này chưa được viết." in land.get_text()
    assert "This page is yet to be written." in soup(tmp_path / "site" / "en" / "land" / "index.html").get_text()
    assert "ទំព័រនេះមិនទាន់បានសរសេរនៅឡើយទេ។" in soup(tmp_path / "site" / "km" / "land" / "index.html").get_text()
    # The official portal is a reserved placeholder name, never a guessed address.
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "to-fill.invalid" in home and ".gov.vn" not in home

    again = run_script("scripts/new_province.py", str(folder), "--languages", "vi,en", "--default", "vi",
                       "--name", "X")
    assert again.returncode == 1 and "not empty" in again.stderr
    bad = run_script("scripts/new_province.py", str(tmp_path / "other"), "--languages", "vi,en",
                     "--default", "fr", "--name", "X")
    assert bad.returncode == 2 and "--default fr" in bad.stderr and not (tmp_path / "other").exists()


def test_the_english_lao_fixture_is_what_the_two_scripts_make_and_builds(tmp_path):
    folder = tmp_path / "sample-en-lo"
    assert run_script("scripts/new_province.py", str(folder), "--languages", "en,vi,lo", "--default", "en",
                      "--name", "Sample Province").returncode == 0
    assert run_script("scripts/new_language.py", "lo", "--config", str(folder / "mkdocs.yml")).returncode == 0
    fixture = FIXTURES / "sample-en-lo"
    made = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    kept = sorted(path.relative_to(fixture).as_posix() for path in fixture.rglob("*") if path.is_file()
                  and not {"site", ".cache"} & set(path.relative_to(fixture).parts))
    assert made == kept
    # The province's strings.yml copies the portal's source texts beside the Lao ones to
    # fill: an edit of the portal's texts (or a new one) must not break this test, so that
    # file is compared by its keys (all still the portal's) and its empty Lao texts.
    copied = "overrides/strings.yml"
    _, mismatch, errors = filecmp.cmpfiles(folder, fixture, [name for name in made if name != copied],
                                           shallow=False)
    assert not mismatch and not errors, mismatch

    def lao_texts(path):
        return {key: texts["lo"] for key, texts in yaml.safe_load(path.read_text(encoding="utf-8")).items()}

    kept_texts, made_texts = lao_texts(fixture / copied), lao_texts(folder / copied)
    assert kept_texts and set(kept_texts) <= set(made_texts) and set(kept_texts.values()) == {""}

    result = run_mkdocs_build(fixture / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert soup(tmp_path / "site" / "index.html").html["lang"] == "en"
    assert soup(tmp_path / "site" / "lo" / "land" / "index.html").html["lang"] == "lo"
    assert soup(tmp_path / "site" / "vi" / "land" / "index.html").html["lang"] == "vi"


def test_cao_bang_builds_from_its_configuration_pages_and_data(cao_bang_site):
    fixture = FIXTURES / "cao-bang"
    # (.cache: the photo and card cache a build keeps, git-ignored)
    assert sorted(path.name for path in fixture.iterdir() if path.name != ".cache") == ["docs", "mkdocs.yml"]
    chinese = soup(cao_bang_site / "zh" / "index.html")
    assert chinese.html["lang"] == "zh"
    # The plugin's theme is there: its reader controls, in Chinese from its strings.
    assert chinese.select_one(".portal-reader") is not None
    assert (cao_bang_site / "assets" / "stylesheets" / "portal.css").is_file()
