"""Photos in pages: run the (incremental) image pipeline, turn ``![](photo:id)`` into a
responsive <figure>, fail the strict build on unknown photos or missing alt text, and
publish the renditions under assets/photos/.

Thin over portal.image_pipeline, portal.photos and portal.photo_markup.
"""

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from portal import image_pipeline, photo_markup, photos, site
from portal.atomic import link_or_copy
from portal.markdown_sections import strip_front_matter
from portal.ui_strings import translator

log = logging.getLogger("mkdocs.plugins.portal.photos")
_state = {}


def _settings(config):
    return photos.image_settings(config.extra, Path(config.config_file_path).parent)


def on_pre_build(config):
    if config.plugins["i18n"].building:
        return  # once per build, in the first (default-language) pass
    settings = _settings(config)
    summary = image_pipeline.run(settings)
    for result in summary.failed:
        log.warning(f"{result.source}: {result.reason}")
    encoded = sum(1 for result in summary.results if result.status == "encoded")
    if encoded:
        log.info(f"photos: {encoded} encoded in {summary.seconds:.1f} s")
    _state.update(settings=settings, records=photos.load_records(settings.photos_dir),
                  manifest=image_pipeline.renditions(settings))


def on_page_markdown(markdown, page, config, files):
    if "](photo:" not in markdown or not _state:
        return markdown
    language = config.theme["language"]
    written_in = getattr(page.file, "locale", None) or language  # a fallback keeps its source language
    source_language = site.site_languages(config)[0].code
    texts = translator(config)

    _, offset = strip_front_matter(page.file.content_string)
    path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    report = written_in == language  # report each file once, in its own language's pass
    lines = markdown.split("\n")
    first = True
    for reference in photo_markup.references(markdown, first_line=1):
        where = f"{path}:{reference.line + offset}:{reference.column}"
        record = _state["records"].get(reference.photo_id)
        entry = _state["manifest"].get(reference.photo_id)
        if record is None or record.original is None:
            if report:
                log.warning(f"{where}: unknown photo '{reference.photo_id}' — add the original and its "
                            f"record {_state['settings'].photos_dir.name}/{reference.photo_id}.yml, or fix the name")
            continue
        if entry is None or not entry.get("outputs"):
            if report:
                log.warning(f"{where}: photo '{reference.photo_id}' has no web versions — see the error "
                            "about its original above, or run scripts/optimize_images.py")
            continue
        if not record.alt.get(written_in):
            if report:
                log.warning(f"{where}: photo '{reference.photo_id}' has no alt text in '{written_in}' — add "
                            f"'{written_in}: ...' under 'alt:' in {record.metadata_file.name}")
            continue
        if not reference.alone:
            if report:
                log.warning(f"{where}: put the photo on a line of its own (a figure cannot sit inside a sentence)")
            continue

        def url(name):
            return get_relative_url(photo_markup.PUBLIC_FOLDER + name, page.url)

        html = photo_markup.figure_html(record, entry, written_in, source_language, first, url, texts)
        first = False
        lines[reference.line - 1] = "\n" + html + "\n"
    return "\n".join(lines)


@event_priority(-200)  # once every language is built
def on_post_build(config):
    if config.plugins["i18n"].building or not _state:
        return
    source = image_pipeline.renditions_dir(_state["settings"])
    target = Path(config.site_dir) / photo_markup.PUBLIC_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for entry in _state["manifest"].values():
        for output in entry["outputs"].values():
            link_or_copy(source / output["file"], target / output["file"])
