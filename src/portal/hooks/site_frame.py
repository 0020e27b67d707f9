"""The frame of every page (thin over portal.site_frame): the site-wide notice in each
language (Material's announcement bar, portal/theme/main.html) and no left sidebar for a
page alone in its section."""

from portal import site, site_frame


def on_env(env, config, files):
    # static-i18n builds one language after another and calls on_env in each pass.
    languages = site.site_languages(config)
    env.globals["portal_site_notice"] = site_frame.notice(
        (config.extra.get("province") or {}).get("notice"), config.theme["language"],
        languages[0].code, config.extra.get("locales"))
    return env


def on_page_context(context, page, config, nav):
    page.meta = site_frame.hide_lonely_sidebar(page.meta, page)
    return context
