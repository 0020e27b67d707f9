"""Build a site's languages at the same time, one process per language.

mkdocs-static-i18n builds the default language and then, from that build's
``on_post_build``, every other language in turn, all in one process: on a machine with
several cores, one works and the others idle, and each language costs as much as the
first. Nothing in MkDocs or the plugin builds languages in parallel, hence this module.

How: once the default build has cleaned the site folder (its ``on_files``), a child
process is forked for every other language and runs the same nested build static-i18n
would have run later, while the parent goes on with the default language. Where
static-i18n then calls ``build()`` for a language, :func:`join_language` waits for that
language's child instead and takes over, in language order, what the child gathered in
memory: its search entries, the per-page language facts of :data:`portal.page_i18n.BUILD`
and the social cards it drew. Files the children write land in the same site folder.
The output is byte-identical to the sequential build (tests/test_parallel_build.py).

Used only by ``mkdocs build`` with ``PORTAL_PARALLEL_LANGUAGES=1`` (what
``scripts/dev.sh build`` sets), where ``os.fork`` exists; plain ``mkdocs build --strict``
stays sequential: the reference path.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .page_i18n import BUILD

log = logging.getLogger("mkdocs.plugins.portal.parallel_languages")
ENVIRONMENT_SWITCH = "PORTAL_PARALLEL_LANGUAGES"


def wanted(command: str | None, dirty: bool, requested: bool | None = None) -> bool:
    """``requested``: the plugin's ``parallel_languages`` option; unset, the environment decides."""
    if requested is None:
        requested = os.environ.get(ENVIRONMENT_SWITCH, "").lower() in ("1", "true", "yes")
    return command == "build" and not dirty and hasattr(os, "fork") and requested


@dataclass
class Child:
    language: str
    pid: int
    result_file: Path


@dataclass
class ParallelBuild:
    children: dict[str, Child] = field(default_factory=dict)

    def start(self, config, i18n_plugin) -> None:
        """Fork one child per language the default build would build after itself."""
        from mkdocs.commands import build as mkdocs_build
        from mkdocs_static_i18n import plugin as static_i18n

        others = [language for language in i18n_plugin.build_languages
                  if language != i18n_plugin.current_language]
        self.children.clear()
        if not others:
            return
        static_i18n.build = self._join_for(i18n_plugin)
        log.info(f"Building {', '.join(others)} in parallel processes")
        for language in others:
            handle, name = tempfile.mkstemp(prefix=f"portal-{language}-", suffix=".pickle")
            os.close(handle)
            sys.stdout.flush()  # or the child would print what the parent had buffered
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the child: build one language, hand back what it gathered, leave
                _run_child(mkdocs_build.build, config, i18n_plugin, language, Path(name))
            self.children[language] = Child(language, pid, Path(name))

    def _join_for(self, i18n_plugin):
        def join_language(config, dirty=False):
            child = self.children.pop(i18n_plugin.current_language, None)
            if child is None:  # a language that was not forked: build it here as usual
                from mkdocs.commands.build import build

                return build(config, dirty=dirty)
            _merge(child, i18n_plugin)
        return join_language

    def stop(self) -> None:
        """Stop children still running after the default build failed."""
        for child in self.children.values():
            try:
                os.kill(child.pid, 15)
                os.waitpid(child.pid, 0)
            except OSError:
                pass
            child.result_file.unlink(missing_ok=True)
        self.children.clear()


def _run_child(build, config, i18n_plugin, language: str, result_file: Path) -> None:
    status = 0
    try:
        from mkdocs import utils

        utils.clean_directory = lambda folder: folder  # the parent cleaned it already
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("Documentation built in"))
        i18n_plugin.building = True
        i18n_plugin.current_language = language
        i18n_plugin.search_entries = []
        BUILD.reset(BUILD.report)  # the child hands back only what its language adds
        build(config, dirty=False)
        payload = {"search_entries": i18n_plugin.search_entries, "pages": BUILD.pages,
                   "not_found_pages": BUILD.not_found_pages, "cards": BUILD.cards}
    except BaseException as error:  # noqa: BLE001 - reported by the parent
        status = 1
        payload = {"error": str(error) or type(error).__name__}
    try:
        with open(result_file, "wb") as stream:
            pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        logging.shutdown()
        os._exit(status)


def _merge(child: Child, i18n_plugin) -> None:
    from mkdocs.exceptions import Abort

    _, status = os.waitpid(child.pid, 0)
    try:
        with open(child.result_file, "rb") as stream:
            payload = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError):
        payload = {"error": f"the build process ended with status {status} and left no result"}
    finally:
        child.result_file.unlink(missing_ok=True)
    if "error" in payload:
        raise Abort(f"Building the '{child.language}' pages failed: {payload['error']}")
    i18n_plugin.search_entries.extend(payload["search_entries"])
    BUILD.pages.update(payload["pages"])
    BUILD.not_found_pages.update(payload["not_found_pages"])
    BUILD.cards.update(payload["cards"])
