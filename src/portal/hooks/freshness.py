"""When each page last changed (from git history) and "as of" dates for its
time-sensitive statements, in the reader's language (thin over portal.freshness)."""

from pathlib import Path

from mkdocs.plugins import event_priority

from portal import freshness
from portal.ui_strings import translator

_DATES: dict = {}


def _content_dir(config) -> Path:
    return Path(config.config_file_path).parent / "content"


def on_pre_build(config):
    # mkdocs-static-i18n runs the other languages from inside the first build: one git
    # log per whole build.
    if not config.plugins["i18n"].building:
        _DATES.clear()
        _DATES.update(freshness.last_changes(Path(config.config_file_path).parent))


@event_priority(50)  # before the data hooks replace the markers this looks at
def on_page_markdown(markdown, page, config, files):
    language = config.theme["language"]
    texts = translator(config)
    locales = config.extra.get("locales")
    markdown = freshness.render_as_of(markdown, language, texts, locales)
    file = page.file
    generated_from = getattr(file, "generated_from", None)
    if generated_from is None and getattr(file, "generated_by", None):
        # A generated page that names no data: its data is under content/.
        generated_from = [str(path) for path in sorted(_content_dir(config).glob("*.yml"))]
    date = freshness.page_date(_DATES, None if getattr(file, "generated_by", None) else file.abs_src_path,
                               markdown, _content_dir(config), generated_from)
    if date is not None:
        # Material's source-file partial shows page.meta.revision_date under the text.
        page.meta["revision_date"] = freshness.last_updated_html(date, language, texts, locales)
    return markdown
