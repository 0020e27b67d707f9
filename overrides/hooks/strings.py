"""Give templates the portal's own interface texts (overrides/strings.yml) as portal_t()."""

from pathlib import Path

from portal import site
from portal.ui_strings import load_portal_strings, pick


def on_env(env, config, files):
    strings = load_portal_strings(Path(config.theme.custom_dir))
    language = config.theme["language"]
    fallbacks = (site.site_languages(config)[0].code,)

    def portal_t(key: str, **values) -> str:
        text = pick(strings.get(key, {}), language, fallbacks) or key
        return text.format(**values) if values else text

    env.globals["portal_t"] = portal_t
    return env


def on_files(files, config):
    # strings.yml sits in the theme folder for templates to use; it is not for the site.
    strings = files.get_file_from_path("strings.yml")
    if strings is not None and not strings.is_documentation_page():
        files.remove(strings)
    return files
