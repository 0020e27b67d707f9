"""The portal as one MkDocs plugin (``plugins: [search, i18n: {...}, portal]``).

A province's ``mkdocs.yml`` names the plugin and nothing of this package's tree: the
plugin puts its theme folder (``portal/theme/``: templates, partials, the interface
strings, fonts, CSS, JS) on Material's search path, after the province's own
``theme.custom_dir`` so that a province overrides any file by giving one of the same
name, and it runs the portal's event modules (``portal.hooks.*``, once MkDocs hooks).

Event order. The modules run exactly as they did when ``mkdocs.yml`` listed them as
hooks after the other plugins: for each event, their handlers are registered in
:data:`EVENT_MODULES` order, each at the priority its module declares with
``@event_priority`` (MkDocs runs higher priorities first and equal ones in registration
order). The priorities are what place a handler around mkdocs-static-i18n's own (-100
for files, 50 for page context...): the parallel build's ``on_files`` at 1000 runs
before static-i18n sorts the files, the data pages' at -150 after it. One plugin class
holds them all through MkDocs' ``CombinedEvent``, so the order stays in one list here
and each priority stays beside the code it concerns. List ``portal`` last under
``plugins:``, as the hooks came after every plugin.

mkdocs-static-i18n builds every language in the same process and runs each event once
per language: the modules were written for that (per-language state keyed by language,
per-build work done only when ``config.plugins["i18n"].building`` is false).

``extra.province`` stays where it was, checked by ``portal.site.ProvinceSchema`` in
``on_config`` (``portal.hooks.province_config``): templates, Material and every
module read it from ``config.extra``, mkdocs-static-i18n can override ``extra`` per
language, and scripts read it through ``portal.site.load_site`` without loading plugins.
The plugin's own options (:class:`PortalConfig`) are how it is wired.
"""

from __future__ import annotations

import logging
import types
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent

from . import font_coverage, parallel_languages, site
from .hooks import (data_pages, freshness, front_matter, home, i18n_pages, infographic, news, not_found,
                    parallel_languages as parallel_languages_hook, photos, preview, province_config, publish,
                    records, search_per_language, site_frame, sitemap_robots, social_cards, strings,
                    structured_data, template_cache, translation_status, web_editing)
from .ui_strings import PORTAL_THEME, language_partial, province_theme_dir, theme_folders

log = logging.getLogger("mkdocs.plugins.portal")

# The order of the former hooks list in mkdocs.yml: the order of equal-priority handlers.
EVENT_MODULES: tuple[types.ModuleType, ...] = (
    province_config, parallel_languages_hook, preview, front_matter, photos, social_cards, infographic,
    template_cache, strings, freshness, data_pages, records, i18n_pages, search_per_language,
    sitemap_robots, not_found, news, home, site_frame, structured_data, publish, translation_status,
    web_editing,
)
EVENTS = (
    "startup", "shutdown", "serve", "config", "pre_build", "files", "nav", "env", "post_build",
    "build_error", "pre_template", "template_context", "post_template", "pre_page", "page_read_source",
    "page_markdown", "page_content", "page_context", "post_page",
)


class PortalConfig(base.Config):
    # The portal's templates, partials, interface strings and assets on the theme's
    # search path; false only for a province that brings a complete theme of its own.
    theme = c.Type(bool, default=True)
    # Build the languages in parallel processes (`mkdocs build` on a system with fork);
    # unset: the PORTAL_PARALLEL_LANGUAGES environment variable decides (scripts/dev.sh).
    parallel_languages = c.Optional(c.Type(bool))
    # Writing systems (ISO 15924 codes, e.g. Laoo, Hans) the province knowingly leaves to
    # its readers' system fonts: no warning that the self-hosted fonts do not cover them.
    system_font_scripts = c.ListOfItems(c.Type(str), default=[])


def _handlers(event: str) -> list:
    return [staticmethod(getattr(module, f"on_{event}")) for module in EVENT_MODULES
            if callable(getattr(module, f"on_{event}", None))]


class PortalPlugin(BasePlugin[PortalConfig]):
    def _add_theme(self, config):
        """Put the portal's theme folder after the province's custom_dir (runs in every
        language's build: idempotent)."""
        if not self.config.theme:
            return config
        dirs = config.theme.dirs
        folder = str(PORTAL_THEME)
        if folder not in dirs:
            custom_dir = config.theme.custom_dir
            dirs.insert(dirs.index(custom_dir) + 1 if custom_dir in dirs else 0, folder)
        return config

    def _check_languages(self, config):
        """A language Material and the portal have no interface strings for would crash
        deep in Jinja (TemplateNotFound): stop with what to do instead."""
        custom_dir = province_theme_dir(config)
        for language in site.site_languages(config):
            if language_partial(language.code, custom_dir) is None:
                where = (Path(config.theme.custom_dir).name if custom_dir else "overrides")
                raise PluginError(
                    f"{config.config_file_path}: language '{language.code}' has no interface strings "
                    f"(Material and the portal have none) — add {where}/partials/languages/"
                    f"{language.code}.html{'' if custom_dir else ' and theme.custom_dir: overrides'}; "
                    f"scaffold it with: python -m portal.new_language {language.code} "
                    f"--config {config.config_file_path}")
        return config

    def _check_fonts(self, config):
        """Warn (once per build) about a language no self-hosted font can draw."""
        if config.plugins["i18n"].building:
            return config
        custom_dir = province_theme_dir(config)
        folders = theme_folders(custom_dir) if self.config.theme else [custom_dir] if custom_dir else []
        css = font_coverage.theme_css_files(folders, Path(config.docs_dir), [str(name) for name in config.extra_css])
        codes = [language.code for language in site.site_languages(config)]
        for found in font_coverage.uncovered_languages(codes, css):
            if found.script in self.config.system_font_scripts:
                continue
            log.warning(f"{config.config_file_path}: language '{found.language}' is written in the "
                        f"{found.script_name} script ({found.script}), which no self-hosted font of the "
                        f"site covers — readers' own fonts will draw it. Self-host one (npm: "
                        f"{found.package}) with an @font-face in the province's CSS, or accept system "
                        f"fonts: 'system_font_scripts: [{found.script}]' under the portal plugin")
        return config

    def _choose_parallel(self, command, dirty):
        if self.config.parallel_languages is not None:
            parallel_languages_hook._wanted = parallel_languages.wanted(
                command, dirty, requested=self.config.parallel_languages)

    on_startup = CombinedEvent(*_handlers("startup"), _choose_parallel)
    on_config = CombinedEvent(_add_theme, *_handlers("config"), _check_languages, _check_fonts)


for _event in EVENTS:
    if _event not in ("startup", "config") and _handlers(_event):
        setattr(PortalPlugin, f"on_{_event}", CombinedEvent(*_handlers(_event)))
