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
so its markup and features stay Material's, and walk a section's list of entries in
Python, where a cache hit costs a dictionary lookup rather than a Jinja macro call.
Where the macro is not found (another theme, an override with another shape) nothing is
wrapped and nothing changes.
``tests/test_nav_cache.py`` builds sites with and without the cache and compares every
file.
"""

from __future__ import annotations

import json
import os
import re

import jinja2
import markupsafe

NAV_ITEM_TEMPLATE = "partials/nav-item.html"
CACHED_RENDER = "portal_cached_nav_item"
CACHED_LIST = "portal_nav_section_list"
SECTION_INDEX = "portal_nav_section_index"
DISABLE_VARIABLE = "PORTAL_NAV_CACHE"  # "0" turns it off: the reference for the tests

_MACRO_START = re.compile(r"{%-?\s*macro\s+render\(\s*nav_item\s*,\s*path\s*,\s*level\s*,\s*parent\s*\)\s*-?%}")
_MACRO_END = re.compile(r"{%-?\s*endmacro\s*-?%}")
# A section's list of entries, the index page left out (it is the section's own link).
_SECTION_LOOP = re.compile(
    r"{%\s*for item in nav_item\.children\s*%}(?P<before_if>\s*)"
    r"{%\s*if not index or item != index\s*%}(?P<before_entry>\s*)"
    r'{{\s*render\(item, path ~ "_" ~ loop\.index, level \+ 1, nav_item\)\s*}}(?P<after_entry>\s*)'
    r"{%\s*endif\s*%}(?P<after_if>\s*){%\s*endfor\s*%}")
# The search for a section's index page (its first "index" entry), a loop over all its entries.
_INDEX_LOOP = re.compile(
    r"{%\s*for item in nav_item\.children\s*%}(?P<before_if>\s*)"
    r"{%\s*if item\.is_index and _\.index is none\s*%}(?P<before_set>\s*)"
    r"{%\s*set _\.index = item\s*%}(?P<after_set>\s*)"
    r"{%\s*endif\s*%}(?P<after_if>\s*){%\s*endfor\s*%}")


def wrap_render_macro(source: str) -> str | None:
    """Material's nav-item template with the body of ``render`` passed through the cache,
    or None when the template has no such macro."""
    start = _MACRO_START.search(source)
    if not start:
        return None
    end = _MACRO_END.search(source, start.end())
    if not end:
        return None
    # Cached entries are taken before the macro is even called, and a section's list is
    # walked in Python: a Jinja macro call or loop step costs more than a cache hit, and
    # a page lists every entry of its section.
    body = _SECTION_LOOP.sub(_section_list_call, source[start.end():end.start()])
    body = _INDEX_LOOP.sub(_section_index_call, body)
    return (source[:start.end()]
            + f"{{% call {CACHED_RENDER}(nav_item, path, level, parent, page) %}}"
            + body + "{% endcall %}" + source[end.start():])


def _section_list_call(loop: re.Match) -> str:
    # The loop's own whitespace is passed along so the output stays byte for byte Material's.
    gaps = ", ".join(json.dumps(loop[name]) for name in ("before_if", "before_entry", "after_entry", "after_if"))
    return f"{{{{ {CACHED_LIST}(nav_item, index, path, level, page, render, {gaps}) }}}}"


def _section_index_call(loop: re.Match) -> str:
    gaps = ", ".join(json.dumps(loop[name]) for name in ("before_if", "before_set", "after_set", "after_if"))
    return f"{{{{ {SECTION_INDEX}(nav_item, _, {gaps}) }}}}"


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
    because MkDocs makes a new navigation (and so new entries) for each. Entries are
    known by ``id``: the build holds its navigation, so no id is reused while the cache
    lives."""

    def __init__(self):
        self.rendered: dict[tuple, str] = {}
        self.section_shares: dict[tuple, list[str | None]] = {}
        self.section_indexes: dict[int, tuple] = {}
        self.folders_inside: dict[int, frozenset[str] | None] = {}
        self._page_url: str | None = None
        self._page_folder: tuple = (None, None)

    def render(self, nav_item, path, level, parent, page, *, caller):
        key = self._key(nav_item, path, level, parent, page)
        if key is None:
            return caller()
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = caller()
        return html

    def section_list(self, section, index, path, level, page, render,
                     before_if, before_entry, after_entry, after_if):
        """What Material's loop over a section's entries writes. Each entry's share of it
        is kept per section and link base, so a page pays one lookup per entry and
        renders only the entry it is in (and any whose links start in its folder)."""
        if page is None:  # a page outside the navigation (the 404 page): nothing to share
            own, shares = None, [None] * len(section.children)
        else:
            own, parent_folder = self._folder_of_page(page)
            key = (id(section), path, level, bool(section.active), parent_folder, own is None)
            shares = self.section_shares.get(key)
            if shares is None:
                shares = self.section_shares[key] = [None] * len(section.children)
        out = []
        for number, item in enumerate(section.children):
            share = shares[number]
            folders = self._folders_inside(item)
            on_this_page = item.active or folders is None or (own is not None and own in folders)
            if share is None or on_this_page:
                share = before_if
                if not index or item != index:
                    html = render(item, f"{path}_{number + 1}", level + 1, section)
                    share += before_entry + str(html) + after_entry
                share += after_if
                if not on_this_page and page is not None:
                    shares[number] = share
            out.append(share)
        return markupsafe.Markup("".join(out))

    def section_index(self, section, namespace, before_if, before_set, after_set, after_if):
        """Sets ``namespace.index`` to the section's first index page and writes what
        Material's loop looking for it writes; both are the same on every page."""
        found = self.section_indexes.get(id(section))
        if found is None:
            index, loop_output = None, []
            for item in section.children:
                loop_output.append(before_if)
                if index is None and getattr(item, "is_index", False):  # sections have none
                    index = item
                    loop_output += (before_set, after_set)
                loop_output.append(after_if)
            found = self.section_indexes[id(section)] = (index, "".join(loop_output))
        namespace["index"] = found[0]
        return found[1]

    def _key(self, nav_item, path, level, parent, page):
        if page is None or getattr(nav_item, "active", True):
            return None
        folders = self._folders_inside(nav_item)
        if folders is None:
            return None
        parent_active = not isinstance(parent, jinja2.Undefined) and bool(getattr(parent, "active", False))
        return (id(nav_item), path, level, parent_active, self._link_base(folders, page))

    def _link_base(self, folders: frozenset[str], page) -> tuple:
        """What the entry's relative links depend on, as MkDocs' ``url`` filter makes them:
        the page's folder; or only its parent folder when no linked page lies inside the
        page's own folder."""
        own, parent_folder = self._folder_of_page(page)
        if own is None or own in folders:
            return ("exact", own)
        return ("sibling", parent_folder)

    def _folder_of_page(self, page) -> tuple[str | None, str | None]:
        if page.url != self._page_url:
            self._page_url, self._page_folder = page.url, _folder_of(page.url)
        return self._page_folder

    def _folders_inside(self, nav_item) -> frozenset[str] | None:
        """Every folder the entry links into; None where the entry or one inside it lists
        pages in ``pages`` (set by some plugins): Material shows the current page in its
        place, so such an entry depends on the page and is never cached."""
        if id(nav_item) in self.folders_inside:
            return self.folders_inside[id(nav_item)]
        found: set[str] | None = set()
        for entry in _entries_within(nav_item):
            if getattr(entry, "pages", None) is not None:
                found = None
                break
            url = getattr(entry, "url", None)
            if isinstance(url, str):
                parts = [part for part in url.split("/") if part and part != "."]
                found.update("/".join(parts[:length]) for length in range(1, len(parts) + 1))
        folders = self.folders_inside[id(nav_item)] = None if found is None else frozenset(found)
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


def _entries_within(nav_item):
    yield nav_item
    for child in getattr(nav_item, "children", None) or ():
        yield from _entries_within(child)


def install(env: jinja2.Environment) -> jinja2.Environment:
    """Give a build's theme environment a fresh navigation cache."""
    if os.environ.get(DISABLE_VARIABLE) == "0":
        return env
    if not isinstance(env.loader, _WrappingLoader):
        env.loader = _WrappingLoader(env.loader)
    cache = NavCache()
    env.globals[CACHED_RENDER] = cache.render
    env.globals[CACHED_LIST] = cache.section_list
    env.globals[SECTION_INDEX] = cache.section_index
    return env
