"""Render each entry of Material's navigation sidebar once per folder, not once per page.

Material renders the whole navigation on every page: with ``navigation.prune`` that is
still every page of the current section, so a section of *n* pages costs *n²* renderings
and the theme became two thirds of a large build (profiled at 2,000 pages × 3
languages). No plugin caches it, so we do: an entry that is not on the current page's
path (neither the page nor a section holding it) renders to the same HTML on every page
whose links to that entry's pages come out the same. Those links are relative to the
page's folder, and they are the same from any page of the same parent folder unless a
linked page lies inside the current page's own folder; the cache key says which case
applies, so a hit is exactly what Material would have rendered.

We wrap Material's own ``render`` macro at load time instead of copying its template,
so its markup and features stay Material's; where the macro is not found (another
theme, an override with another shape) nothing is wrapped and nothing changes.
``tests/test_nav_cache.py`` builds sites with and without the cache and compares every
file.
"""

from __future__ import annotations

import os
import re

import jinja2

NAV_ITEM_TEMPLATE = "partials/nav-item.html"
CACHED_RENDER = "portal_cached_nav_item"
CACHED_ONLY = "portal_nav_item_if_cached"
DISABLE_VARIABLE = "PORTAL_NAV_CACHE"  # "0" turns it off: the reference for the tests

_MACRO_START = re.compile(r"{%-?\s*macro\s+render\(\s*nav_item\s*,\s*path\s*,\s*level\s*,\s*parent\s*\)\s*-?%}")
_MACRO_END = re.compile(r"{%-?\s*endmacro\s*-?%}")
_RECURSION = re.compile(r"{{\s*render\((?P<arguments>[^{}]*)\)\s*}}")


def wrap_render_macro(source: str) -> str | None:
    """Material's nav-item template with the body of ``render`` passed through the cache,
    or None when the template has no such macro."""
    start = _MACRO_START.search(source)
    if not start:
        return None
    end = _MACRO_END.search(source, start.end())
    if not end:
        return None
    # A cached entry is taken before the macro is even called: a Jinja macro call costs
    # more than the rest of a cache hit, and a section lists many entries.
    body = _RECURSION.sub(
        lambda call: f"{{{{ {CACHED_ONLY}({call['arguments']}, page) or render({call['arguments']}) }}}}",
        source[start.end():end.start()])
    return (source[:start.end()]
            + f"{{% call {CACHED_RENDER}(nav_item, path, level, parent, page) %}}"
            + body + "{% endcall %}" + source[end.start():])


class _WrappingLoader(jinja2.BaseLoader):
    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template == NAV_ITEM_TEMPLATE:
            source = wrap_render_macro(source) or source
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


class NavCache:
    """Rendered entries of one build's navigation (one language): a new build, a new cache,
    because MkDocs makes a new navigation (and so new entries) for each."""

    def __init__(self):
        self.rendered: dict[tuple, str] = {}
        self.folders_inside: dict[int, frozenset[str]] = {}
        self.entries: list = []  # keeps entries alive so their ids stay theirs
        self._page_url: str | None = None
        self._page_folder: tuple = (None, None)

    def render(self, nav_item, path, level, parent, page, *, caller):
        key = self._key(nav_item, path, level, parent, page)
        if key is None:
            return caller()
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = caller()
            self.entries.append(nav_item)
        return html

    def rendered_before(self, nav_item, path, level, parent, page):
        key = self._key(nav_item, path, level, parent, page)
        return self.rendered.get(key, "") if key is not None else ""

    def _key(self, nav_item, path, level, parent, page):
        if page is None or getattr(nav_item, "active", True) or _has_page_list(nav_item):
            return None
        parent_active = not isinstance(parent, jinja2.Undefined) and bool(getattr(parent, "active", False))
        return (id(nav_item), path, level, parent_active, self._link_base(nav_item, page))

    def _link_base(self, nav_item, page) -> tuple:
        """What the entry's relative links depend on, as MkDocs' ``url`` filter makes them:
        the page's folder; or only its parent folder and depth when no linked page lies
        inside the page's own folder."""
        if page.url != self._page_url:
            self._page_url, self._page_folder = page.url, _folder_of(page.url)
        own, parent_folder = self._page_folder
        if own is None or own in self._folders_inside(nav_item):
            return ("exact", own)
        return ("sibling", parent_folder)

    def _folders_inside(self, nav_item) -> frozenset[str]:
        folders = self.folders_inside.get(id(nav_item))
        if folders is None:
            found = set()
            for url in _linked_urls(nav_item):
                parts = [part for part in url.split("/") if part and part != "."]
                found.update("/".join(parts[:length]) for length in range(1, len(parts) + 1))
            folders = self.folders_inside[id(nav_item)] = frozenset(found)
        return folders


def _folder_of(url: str) -> tuple[str | None, str | None]:
    """The folder MkDocs makes a page's links relative to, and that folder's parent
    (``None`` for the site's root)."""
    head, _, last = url.rpartition("/")
    if "." in last:
        url = head
    parts = [part for part in url.split("/") if part and part != "."]
    if not parts:
        return None, None
    return "/".join(parts), "/".join(parts[:-1])


def _has_page_list(nav_item) -> bool:
    # Material shows the current page in place of an entry that lists it in ``pages``
    # (set by some plugins); such an entry depends on the page, so it is never cached.
    return getattr(nav_item, "pages", None) is not None


def _linked_urls(nav_item):
    url = getattr(nav_item, "url", None)
    if isinstance(url, str):
        yield url
    for child in getattr(nav_item, "children", None) or ():
        yield from _linked_urls(child)


def install(env: jinja2.Environment) -> jinja2.Environment:
    """Give a build's theme environment a fresh navigation cache."""
    if os.environ.get(DISABLE_VARIABLE) == "0":
        return env
    if not isinstance(env.loader, _WrappingLoader):
        env.loader = _WrappingLoader(env.loader)
    cache = NavCache()
    env.globals[CACHED_RENDER] = cache.render
    env.globals[CACHED_ONLY] = cache.rendered_before
    return env
