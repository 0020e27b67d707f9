"""Pages and tables from the data files under content/ (thin over portal.data_content):
a page per festival in each language, the festival calendar, the products table, key
figures and indicators, and the indicators as CSV and JSON downloads. Festival dates
(portal.festival_dates / festival_pages): each page's next editions, the calendar's next
12 months, the iCalendar feeds, all computed for the date of the commit being built."""

import logging
import os
import posixpath
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from portal import data_content as data
from portal import festival_checks, festival_dates, festival_pages, records, site
from portal.atomic import atomic_write_bytes, atomic_write_text
from portal.page_i18n import absolute
from portal.ui_strings import translator

log = logging.getLogger("mkdocs.plugins.portal.data_pages")


def _content_dir(config) -> Path:
    return Path(config.config_file_path).parent / "content"


_TODAY = {}


def _today(config):
    """The commit's date (or SOURCE_DATE_EPOCH), looked up once per build."""
    if "date" not in _TODAY:
        _TODAY["date"] = festival_dates.build_today(Path(config.config_file_path).parent)
    return _TODAY["date"]


def on_startup(command, dirty):
    _TODAY.clear()  # `mkdocs serve` rebuilds after new commits


def _festivals(config) -> records.Kind:
    """Festivals, with the folder of the province's festival section (portal.records.kinds_for)."""
    return records.kinds_for(Path(config.docs_dir))["festivals"]


def _ics_path(config, prefix: str, festival: dict | None = None) -> str:
    return f"{prefix}{_festivals(config).folder}{festival['id'] if festival else 'festivals'}.ics"


def _refuse_bad_data(files, config):
    """Festival date rules and every record's id, as ``make check`` reports them
    (``path:line: …``), instead of a traceback further on."""
    content_dir = _content_dir(config)
    problems = [str(problem) for problem in festival_checks.check_festivals(
        content_dir / "festivals.yml", _today(config), shown_as=f"{content_dir.name}/festivals.yml",
        require_dates=False)]
    written = {getattr(file, "norm_src_uri", file.src_uri) for file in files if file.generated_by is None}
    problems += [str(problem) for problem in records.data_id_problems(
        content_dir, written, records.kinds_for(Path(config.docs_dir)))]
    if problems:
        raise PluginError("\n".join(problems))


@event_priority(-150)  # after mkdocs-static-i18n chose this language's files
def on_files(files, config):
    if not config.plugins["i18n"].building:  # the data is the same for every language: check it once
        _refuse_bad_data(files, config)
    languages = site.site_languages(config)
    current = config.theme["language"]
    source = languages[0].code
    prefixes = site.language_prefixes(config)
    for festival in data.load(_content_dir(config), "festivals"):
        written_in = current if data.has_language(festival, current) else source
        texts = translator(config, written_in)
        dates = festival_pages.dates_block(festival, _today(config), written_in, texts, config.extra.get("locales"),
                                           ics_href=f"../{festival['id']}.ics")
        # The record page's layout (hero, facts, gallery, related: hook records.py fills it),
        # the festival's dates block under its lead.
        kind = _festivals(config)
        content = records.page_markdown(kind, festival, written_in, source, dates=dates)
        norm = records.norm_path(kind, festival)
        # Reached from the festival calendar, not listed in the navigation.
        page_file = File.generated(config, norm, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        url = prefixes[current] + records.url(kind, festival)
        page_file.dest_path = url + "index.html"
        page_file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, page_file.dest_path))
        page_file.url = url
        # The attributes mkdocs-static-i18n gives its own files, so the language switcher,
        # fallback notices, hreflang and sitemaps treat these pages like written ones.
        page_file.norm_src_uri = norm
        page_file.generated_from = [str(_content_dir(config) / "festivals.yml")]  # its date (freshness)
        page_file.locale = written_in
        page_file.locale_alternate_of = current
        page_file.localization = None if written_in == source else written_in
        page_file.alternates = {
            code: SimpleNamespace(url=prefixes[code] + records.url(kind, festival),
                                  locale=code if data.has_language(festival, code) else source)
            for code in prefixes}
        files.append(page_file)
    return files


def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    language = getattr(page.file, "locale", None) or config.theme["language"]
    source = site.site_languages(config)[0].code
    texts = translator(config, language)
    locales = config.extra.get("locales")
    content_dir = _content_dir(config)
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"

    def key_figures(match):
        ids = [item.strip() for item in match.group(1).split(",") if item.strip()]
        try:
            chosen = data.key_figures(data.load(content_dir, "indicators"), ids)
        except KeyError as error:
            log.warning(f"{where}: key-figures names unknown indicators ({error}) — use ids from "
                        "content/indicators.yml")
            return ""
        return "\n\n" + data.indicators_table(chosen, language, source, texts, locales) + "\n\n"

    markdown = data.KEY_FIGURES.sub(key_figures, markdown)

    def chart(match):
        ids = [item.strip() for item in match.group(1).split(",") if item.strip()]
        try:
            chosen = data.key_figures(data.load(content_dir, "indicators"), ids)
        except KeyError as error:
            log.warning(f"{where}: chart names unknown indicators ({error}) — use ids from content/indicators.yml")
            return ""
        return "\n\n" + data.bar_chart(chosen, language, source, texts, locales) + "\n\n"

    markdown = data.CHART.sub(chart, markdown)
    if data.KEY_INDICATORS in markdown:
        table = data.indicators_table(data.load(content_dir, "indicators"), language, source, texts, locales)
        # Plain HTML links: the downloads are written by the build, not files under docs/.
        links = {kind: f'<a href="{get_relative_url(data.DOWNLOAD_FOLDER + "key-indicators." + kind, page.url)}" '
                       f'download>{kind.upper()}</a>' for kind in ("csv", "json")}
        markdown = markdown.replace(data.KEY_INDICATORS, f"\n\n{table}\n\n{texts('download_data', **links)}\n")
    if data.PRODUCT_LIST in markdown:
        markdown = markdown.replace(data.PRODUCT_LIST, "\n\n" + data.products_table(
            data.load(content_dir, "products"), language, source, texts, config.extra.get("locales")) + "\n")
    if data.FESTIVAL_CALENDAR in markdown:
        here = posixpath.dirname(getattr(page.file, "norm_src_uri", page.file.src_uri))

        def link(festival):
            # A link to the page's source path: MkDocs checks it and writes the URL of
            # this language's version.
            return posixpath.relpath(records.norm_path(_festivals(config), festival), here or ".")

        current = config.theme["language"]
        subscribe = get_relative_url(_ics_path(config, site.language_prefixes(config)[current]), page.url)
        markdown = markdown.replace(data.FESTIVAL_CALENDAR, "\n\n" + festival_pages.calendar_months(
            data.load(content_dir, "festivals"), _today(config), current, source,
            translator(config, current), link, locales, subscribe_href=subscribe) + "\n")
    return markdown


def on_page_context(context, page, config, nav):
    norm = getattr(page.file, "norm_src_uri", "")
    if norm.count("/") != 1 or not config.site_url:  # cheap test first: this runs for every page
        return context
    folder = _festivals(config).folder
    if not norm.startswith(folder):
        return context
    festival_id = norm[len(folder):-3]
    festival = next((f for f in data.load(_content_dir(config), "festivals") if f["id"] == festival_id), None)
    if festival:
        source = site.site_languages(config)[0].code
        publisher = data.text(config.extra.get("province", {}), "publisher", page.file.locale, source)[0]
        editions = festival_dates.next_editions(festival, _today(config), 1)
        json_ld = data.event_json_ld(festival, page.file.locale, source,
                                     absolute(config.site_url, page.url), publisher,
                                     *((editions[0].start, editions[0].end, editions[0].expected)
                                       if editions else ()))
        if json_ld:
            context.setdefault("portal_json_ld", []).append(json_ld)
    return context


@event_priority(-200)  # once every language is built
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    _write_festival_feeds(config)
    indicators = data.load(_content_dir(config), "indicators")
    if not indicators:
        return
    folder = Path(config.site_dir) / data.DOWNLOAD_FOLDER
    codes = [lang.code for lang in site.site_languages(config)]
    atomic_write_text(folder / "key-indicators.csv", data.indicators_csv(indicators, codes))
    atomic_write_text(folder / "key-indicators.json", data.indicators_json(indicators))


def _write_festival_feeds(config):
    """An iCalendar feed per language (every festival) and one file per festival."""
    festivals = data.load(_content_dir(config), "festivals")
    if not festivals:
        return
    source = site.site_languages(config)[0].code
    prefixes = site.language_prefixes(config)
    province = config.extra.get("province") or {}
    for code, prefix in prefixes.items():
        texts = translator(config, code)
        name = texts("festival_feed_name", province=data.text(province, "name", code, source)[0])

        def page_url(festival, prefix=prefix):
            return absolute(config.site_url or "http://localhost/", prefix + records.url(_festivals(config), festival))

        def write(path, chosen, title):
            body = festival_pages.feed(chosen, _today(config), code, source, texts, title, page_url,
                                       config.extra.get("locales"))
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, body)

        write(_ics_path(config, prefix), festivals, name)
        for festival in festivals:
            write(_ics_path(config, prefix, festival), [festival], data.text(festival, "name", code, source)[0])
