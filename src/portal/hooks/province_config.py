"""Fail the build early, with a clear message, when mkdocs.yml's province block is wrong."""

from mkdocs.exceptions import PluginError

from portal import site


def on_config(config):
    try:
        site.from_config(config)
    except site.SiteConfigError as error:
        raise PluginError(str(error)) from error
    return config
