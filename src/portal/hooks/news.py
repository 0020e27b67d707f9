"""News listing (newest first, ten a page), publication dates and an RSS feed per language.

Thin over portal.news; only posts really written in a language are listed in it.
"""

import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from portal import news, preview
from portal.dates import format_for_reader
from portal.frontmatter import split_front_matter
from portal.page_i18n import absolute
from portal.ui_strings import translator

_state = {}  # language -> {"posts": [...], "index_url": str, "title": str, "description": str}


def _norm(file) -> str:
    return getattr(file, "norm_src_uri", file.src_uri)


@event_priority(-150)  # after mkdocs-static-i18n picked each page's file for this language
def on_files(files, config):
    language = config.theme["language"]
    _state.pop(language, None)
    index = next((f for f in files.documentation_pages() if _norm(f) == news.SECTION + "index.md"), None)
    if index is None:
        return files
    posts = [
        news.read_post(file.content_string, file.src_uri, file.url)
        for file in files.documentation_pages()
        if news.is_post(_norm(file)) and getattr(file, "locale", language) == language
    ]
    posts = news.newest_first([post for post in posts if post is not None])
    front, _ = split_front_matter(index.content_string, index.src_uri)
    title = str(front.data.get("title", ""))
    description = str(front.data.get("description", ""))
    _state[language] = {"posts": posts, "index_url": index.url, "title": title,
                        "description": description}
    text = translator(config)
    for number in range(2, news.page_count(posts) + 1):
        url = news.listing_page_url(index.url, number)
        heading = f"{title} — {text('news_page', number=number, total=news.page_count(posts))}"
        content = (f"---\ntitle: \"{heading}\"\ndescription: \"{description}\"\n---\n\n"
                   f"# {heading}\n\n{news.LIST_MARKER}\n")
        page_file = File.generated(config, f"{news.SECTION}page/{number}/index.md", content=content,
                                   inclusion=InclusionLevel.NOT_IN_NAV)
        page_file.dest_path = url + "index.html"
        page_file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, page_file.dest_path))
        page_file.url = url
        files.append(page_file)
    return files


def on_page_markdown(markdown, page, config, files):
    state = _state.get(config.theme["language"])
    if state is None:
        return markdown
    if news.LATEST_MARKER.search(markdown) or news.LIST_MARKER in markdown:
        preview.shows_other_pages(page, config)
    markdown = news.LATEST_MARKER.sub(
        lambda match: news.latest_html(state["posts"], int(match.group(1)), page.url,
                                       config.theme["language"], get_relative_url,
                                       config.extra.get("locales")), markdown)
    if news.LIST_MARKER not in markdown:
        return markdown
    index_url = state["index_url"]
    number = 1
    if page.url != index_url and page.url.startswith(index_url + "page/"):
        number = int(page.url[len(index_url + "page/"):].strip("/"))
    html = news.listing_html(state["posts"], number, page.url, index_url, config.theme["language"],
                             translator(config), get_relative_url, config.extra.get("locales"))
    return markdown.replace(news.LIST_MARKER, html)


def on_page_context(context, page, config, nav):
    language = config.theme["language"]
    state = _state.get(language)
    if state is None:
        return context
    context["portal_feed"] = get_relative_url(state["index_url"] + "feed.xml", page.url)
    date = page.meta.get("date")
    if news.is_post(_norm(page.file)) and date and getattr(page.file, "locale", language) == language:
        context["portal_published"] = {
            "iso": news.parse_date(date).isoformat(),
            "text": translator(config)("news_published",
                                   date=format_for_reader(date, language, config.extra.get("locales"))),
        }
    return context


def on_post_build(config):
    language = config.theme["language"]
    state = _state.get(language)
    if state is None or not config.site_url:
        return
    feed = news.rss(state["posts"], f"{config.site_name} — {state['title']}", state["description"],
                    language, absolute(config.site_url, state["index_url"]),
                    lambda url: absolute(config.site_url, url))
    target = Path(config.site_dir) / state["index_url"] / "feed.xml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(feed, encoding="utf-8")
