"""Give templates the portal's own interface texts (portal/theme/strings.yml, a province's own over it) as portal_t()."""

from portal.ui_strings import translator


def on_env(env, config, files):
    env.globals["portal_t"] = translator(config)
    return env


def on_files(files, config):
    # strings.yml sits in the theme folder for templates to use; it is not for the site.
    strings = files.get_file_from_path("strings.yml")
    if strings is not None and not strings.is_documentation_page():
        files.remove(strings)
    return files
