""""<Province> in numbers" per language (thin over portal.infographic): the SVG and the two
PNGs under <language prefix>data/, drawn once per content and cached in .cache/, and
their downloads in the press room where a page holds the ``<!-- infographics -->``
marker. The home page's social card is the wide PNG (portal/hooks/social_cards.py
asks portal.infographic.home_card)."""

import logging
import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from portal import data_content as data
from portal import infographic, site
from portal.ui_strings import translator

log = logging.getLogger("mkdocs.plugins.portal.infographic")
_made = {}  # language -> (sheet, kind -> file name, kind -> bytes), for this language's pass


def on_config(config):
    try:
        indicators = infographic.indicators(config)
        if indicators:
            infographic.fonts(config.extra, infographic.settings(config.extra, indicators, config.config_file_path))
    except (infographic.InfographicError, infographic.social_cards.CardError) as error:
        raise PluginError(str(error)) from error
    return config


@event_priority(-160)  # after mkdocs-static-i18n and the data pages have placed this language's files
def on_files(files, config):
    language = site.current_language(config)
    _made.pop(language, None)
    indicators = infographic.indicators(config)
    if not indicators:
        return files
    started = time.perf_counter()
    settings = infographic.settings(config.extra, indicators, config.config_file_path)
    source = site.site_languages(config)[0].code
    sheet = infographic.sheet(indicators, settings.figures, language, source, translator(config, language),
                              config.extra.get("locales"), config.extra["province"], config.site_url)
    try:
        cached = infographic.render(sheet, infographic.fonts(config.extra, settings),
                                    infographic.cache_dir(config))
    except infographic.InfographicError as error:
        raise PluginError(f"{config.config_file_path}: {error}") from error
    names = infographic.file_names(config.extra["province"], source)
    prefix = site.language_prefixes(config)[language]
    for kind, path in cached.items():
        generated = File.generated(config, infographic.FOLDER + names[kind], abs_src_path=str(path))
        generated.dest_path = prefix + infographic.FOLDER + names[kind]
        generated.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, generated.dest_path))
        generated.url = generated.dest_path
        files.append(generated)
    _made[language] = (sheet, names, {kind: path.stat().st_size for kind, path in cached.items()})
    log.debug(f"infographic ({language}): {time.perf_counter() - started:.2f} s")
    return files


def on_page_markdown(markdown, page, config, files):
    if infographic.MARKER not in markdown:
        return markdown
    # This pass's graphic, also on a fallback copy: the same in sequential and parallel builds.
    made = _made.get(site.current_language(config))
    if made is None:
        return markdown.replace(infographic.MARKER, "")  # no indicators: nothing to offer
    sheet, names, sizes = made
    prefix = site.language_prefixes(config)[sheet.language]
    links = {kind: get_relative_url(prefix + infographic.FOLDER + name, page.url) for kind, name in names.items()}
    block = infographic.press_block(sheet, links, sizes, translator(config, sheet.language))
    return markdown.replace(infographic.MARKER, "\n\n" + block + "\n\n")
