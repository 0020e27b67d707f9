"""During `mkdocs serve`, a rebuild renders again only the pages an edit can change.
Thin over portal.preview."""

from mkdocs.plugins import event_priority

from portal import preview

_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve" and not dirty
    if _serving:
        preview.install()


@event_priority(1000)  # before any hook reads the pages
def on_pre_build(config):
    if _serving and not config.plugins["i18n"].building:
        preview.STATE.plan(config)


def on_build_error(error):
    if _serving:
        preview.STATE.forget()
