"""With PORTAL_PARALLEL_LANGUAGES=1, `mkdocs build` builds the languages in parallel
processes (what scripts/dev.sh build does). Thin over portal.parallel_languages."""

from mkdocs.plugins import event_priority

from portal import parallel_languages

_run = parallel_languages.ParallelBuild()
_wanted = False


def on_startup(command, dirty):
    global _wanted
    _wanted = parallel_languages.wanted(command, dirty)


@event_priority(1000)  # before mkdocs-static-i18n sorts the files: the site folder is clean by now
def on_files(files, config):
    i18n = config.plugins["i18n"]
    if _wanted and not i18n.building:
        _run.start(config, i18n)
    return files


def on_build_error(error):
    _run.stop()
