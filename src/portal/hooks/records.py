"""Records of content/ as card grids and pages (thin over portal.records): a page per
product and per place in each language (festival pages come from data_pages.py), the
grids behind the section pages' markers, and each record page's hero, facts, gallery
and related records. A record naming a photo the build does not have fails the
strict build with the data file and record named."""

import logging
import os
import posixpath
from pathlib import Path
from types import SimpleNamespace

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from portal import data_content as data
from portal import image_pipeline, photo_markup, photos, records, site
from portal.frontmatter import split_front_matter
from portal.ui_strings import translator

log = logging.getLogger("mkdocs.plugins.portal.records")
_state = {}
# The fields a record needs in a language for its page to count as written in it.
LANGUAGE_KEYS = {"festivals": ("name", "summary"), "products": ("name", "kind"), "places": ("name", "description")}
GENERATED_HERE = ("products", "places")


def _content_dir(config) -> Path:
    return Path(config.config_file_path).parent / "content"


def _everything(config) -> dict[str, list[dict]]:
    return {name: data.load(_content_dir(config), name) for name in records.KINDS}


def _kinds(config) -> dict[str, records.Kind]:
    """The kinds with their folders where the province put its sections."""
    return records.kinds_for(Path(config.docs_dir))


def _photo_lookup(config):
    settings = photos.image_settings(config.extra, Path(config.config_file_path).parent)
    known = photos.load_records(settings.photos_dir)
    manifest = image_pipeline.renditions(settings)

    def photo(photo_id):
        record, entry = known.get(photo_id), manifest.get(photo_id)
        if record is None or record.original is None or not entry or not entry.get("outputs"):
            return None
        return record, entry

    return photo


def _check_photos(everything, photo, config):
    for name, items in everything.items():
        for record in items:
            for photo_id in records.photo_ids(record):
                if photo(photo_id) is None:
                    log.warning(f"content/{name}.yml: record '{record['id']}' names photo '{photo_id}', which has "
                                f"no original and web versions in content/photos/ — add {photo_id}.jpg and "
                                f"{photo_id}.yml there, or fix the id")


@event_priority(-150)  # after mkdocs-static-i18n chose this language's files
def on_files(files, config):
    # Record ids were checked by data_pages.on_files, which runs first (portal.records.data_id_problems).
    everything = _everything(config)
    photo = _photo_lookup(config)
    _state.update(everything=everything, photo=photo, kinds=_kinds(config))  # once per language, not per page
    if not config.plugins["i18n"].building:  # report once per build
        _check_photos(everything, photo, config)
    languages = site.site_languages(config)
    current = config.theme["language"]
    source = languages[0].code
    prefixes = site.language_prefixes(config)
    for name in GENERATED_HERE:
        kind = _kinds(config)[name]
        for record in everything[name]:
            written_in = current if data.has_language(record, current, LANGUAGE_KEYS[name]) else source
            norm = records.norm_path(kind, record)
            page_file = File.generated(config, norm, content=records.page_markdown(kind, record, written_in, source),
                                       inclusion=InclusionLevel.NOT_IN_NAV)
            url = prefixes[current] + records.url(kind, record)
            page_file.dest_path = url + "index.html"
            page_file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, page_file.dest_path))
            page_file.url = url
            # As data_pages.py does for festivals: the attributes mkdocs-static-i18n gives
            # its own files, so the language switcher, hreflang and sitemaps see them.
            page_file.norm_src_uri = norm
            page_file.generated_from = [str(_content_dir(config) / f"{name}.yml")]
            page_file.locale = written_in
            page_file.locale_alternate_of = current
            page_file.localization = None if written_in == source else written_in
            page_file.alternates = {
                code: SimpleNamespace(url=prefixes[code] + records.url(kind, record),
                                      locale=code if data.has_language(record, code, LANGUAGE_KEYS[name]) else source)
                for code in prefixes}
            files.append(page_file)
    return files


def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown or not _state:
        return markdown
    current = config.theme["language"]
    source = site.site_languages(config)[0].code
    prefix = site.language_prefixes(config)[current]
    everything, photo = _state["everything"], _state["photo"]

    def asset_url(name):
        return get_relative_url(photo_markup.PUBLIC_FOLDER + name, page.url)

    def card(kind, record, language, texts):
        href = get_relative_url(prefix + records.url(kind, record), page.url)
        return records.card_html(kind, record, language, source, texts, href, photo, asset_url)

    texts = translator(config, current)
    kinds = _state["kinds"]
    for kind in kinds.values():
        if kind.marker in markdown:
            cards = [card(kind, record, current, texts) for record in everything[kind.name]]
            markdown = markdown.replace(kind.marker, "\n\n" + records.grid_html(cards) + "\n\n")

    reference = str(page.meta.get("record") or "")
    if "/" not in reference or records.HERO not in markdown:
        return markdown
    name, record_id = reference.split("/", 1)
    kind = kinds.get(name)
    record = next((item for item in everything.get(name, []) if item["id"] == record_id), None) if kind else None
    if record is None:
        return markdown
    written_in = getattr(page.file, "locale", None) or current
    texts = translator(config, written_in)
    more_link = None
    if record.get("page"):
        # The page that describes the record at length, in this language's pass.
        described = next((f for f in files.documentation_pages()
                          if getattr(f, "norm_src_uri", f.src_uri) == record["page"]), None)
        if described is not None:
            front, _ = split_front_matter(described.content_string, described.src_uri)
            more_link = (get_relative_url(described.url, page.url), str(front.data.get("title") or described.url))
    parts = {
        records.HERO: records.hero_html(kind, record, written_in, source, texts, photo, asset_url),
        records.FACTS: records.facts_html(records.facts(kind, record, written_in, source, texts,
                                                        more_link=more_link, locales=config.extra.get("locales")),
                                          texts),
        records.GALLERY: records.gallery_html(record, written_in, source, texts, photo, asset_url,
                                              get_relative_url(records.LIGHTBOX_SCRIPT, page.url)),
        records.RELATED: records.related_html(
            [card(other_kind, other, written_in, texts)
             for other_kind, other in records.related(kind, record, everything, kinds=kinds)], texts),
    }
    for marker, html in parts.items():
        markdown = markdown.replace(marker, "\n\n" + html + "\n\n" if html else "")
    return markdown
