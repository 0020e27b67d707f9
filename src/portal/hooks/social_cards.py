"""Open Graph / Twitter card image per page per language, cached like photos.

Thin over portal.social_cards. A page can choose its background photo with
``image: <photo id>`` in its front matter; otherwise the portal's colours are used.
"""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from portal import image_pipeline, infographic, photos, social_cards
from portal.atomic import atomic_write_bytes, link_or_copy
from portal.page_i18n import BUILD, absolute

log = logging.getLogger("mkdocs.plugins.portal.social_cards")
FOLDER = "assets/cards/"


def _cache(config) -> Path:
    return photos.image_settings(config.extra, Path(config.config_file_path).parent).cache_dir.parent / "cards"


def on_config(config):
    try:
        social_cards.card_style(config.extra)
        social_cards.require_raqm()
    except social_cards.CardError as error:
        raise PluginError(str(error)) from error
    return config


def _background(config, page) -> Path | None:
    photo_id = page.meta.get("image")
    if not photo_id:
        return None
    settings = photos.image_settings(config.extra, Path(config.config_file_path).parent)
    entry = image_pipeline.renditions(settings).get(str(photo_id))
    if not entry:
        log.warning(f"{Path(config.docs_dir).name}/{page.file.src_uri}: 'image: {photo_id}' names no "
                    "processed photo — fix the id or add the photo to content/photos/")
        return None
    jpeg = max((o for o in entry["outputs"].values() if o["format"] == "jpeg"), key=lambda o: o["width"])
    return image_pipeline.renditions_dir(settings) / jpeg["file"]


def on_page_context(context, page, config, nav):
    home_card = infographic.home_card(config, page, nav)
    if home_card:  # the home page shows "<province> in numbers" instead (portal/hooks/infographic.py)
        if config.site_url:
            context["portal_card"] = home_card
        return context
    style = social_cards.card_style(config.extra)
    title = page.meta.get("title") or page.title or config.site_name
    photo = _background(config, page)
    name = social_cards.card_name(str(title), config.site_name, config.theme["language"], style, photo)
    cached = _cache(config) / name
    if not cached.exists():
        atomic_write_bytes(cached, social_cards.draw_card(str(title), config.site_name, style, photo))
    BUILD.cards[(page.file.src_uri, config.theme["language"])] = name
    if config.site_url:
        context["portal_card"] = {"url": absolute(config.site_url, FOLDER + name),
                                  "width": social_cards.WIDTH, "height": social_cards.HEIGHT}
    return context


@event_priority(-200)  # once every language is built
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    target = Path(config.site_dir) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(set(BUILD.cards.values())):
        link_or_copy(_cache(config) / name, target / name)
