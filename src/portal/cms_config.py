"""The web editor's configuration (Sveltia CMS ``config.yml``), made from the site itself.

Nothing here is written twice: the languages and sections come from ``mkdocs.yml``
(through :func:`portal.site.load_site`), the data files' fields from the data files
(their records, read with the walker that finds multilingual fields), the photo records'
fields from :mod:`portal.photos`. A new section, language or data file appears in the
editor at the next build.

- each section is a folder collection of Markdown pages, one file per language
  (``index.md``, ``index.en.md``, ``index.km.md``: Sveltia's ``multiple_files``
  structure with the default language's suffix left out);
- each data file under ``content/`` is a file entry whose multilingual fields
  (``{vi: ..., en: ...}``) are objects with one text field per language;
- photo records (``content/photos/<id>.yml``) are a collection edited with the photo.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml

from . import photos
from .frontmatter import YAML_LOADER
from .multilingual import data_files
from .site import Site

# The field an editor ticks in a translation to say "it now matches its source";
# scripts/check_content.py --fix turns it into the translation record and removes it
# (portal.formatting).
MARK_FIELD = "translation_matches_source"
# Sections whose pages an editor adds often; every section accepts new pages, these get
# a date and are listed newest first.
DATED_SECTIONS = ("news",)
LONG_TEXT = 90  # characters: longer texts get a multi-line box
PHOTO_FIELD = "photo"


def _label(site: Site, texts: dict[str, str]) -> str:
    return texts.get(site.default_language.code) or next(iter(texts.values()))


def _language_label(site: Site, code: str) -> str:
    return f"{site.language(code).name} ({code})"


def page_fields(site: Site, dated: bool) -> list[dict]:
    fields = [
        {"name": "title", "label": "Tiêu đề (title)", "widget": "string", "i18n": True, "required": True},
        {"name": "description", "label": "Mô tả ngắn (description, ≤ 200 ký tự)", "widget": "text",
         "i18n": True, "required": True},
    ]
    if dated:
        fields.append({"name": "date", "label": "Ngày (date)", "widget": "datetime", "time_format": False,
                       "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "i18n": "duplicate",
                       "required": True})
    fields += [
        {"name": MARK_FIELD, "label": "Bản dịch này đã khớp với bản gốc (translation matches its source)",
         "widget": "boolean", "required": False, "default": False, "i18n": True},
        # Raw Markdown: the rich-text mode rewrites *em* to _em_ and drops table alignment.
        {"name": "body", "label": "Nội dung (Markdown)", "widget": "markdown", "modes": ["raw"],
         "i18n": True, "required": True},
    ]
    return fields


STATUS_WORDS = {"missing": "chưa dịch", "outdated": "lỗi thời", "incomplete": "còn thiếu phần",
                "untracked": "chưa đánh dấu", "error": "lỗi"}


def translation_notes(site: Site) -> dict[str, str]:
    """Section slug -> what its translators have to do, from the translation report
    (portal.translations), shown at the top of the section in the editor. Sveltia CMS
    has no per-entry status display, so the section lists its entries that need work."""
    from . import translations

    try:
        report = translations.build_report(site)
    except Exception:  # the report has its own checks and messages; the editor still opens
        return {}
    notes: dict[str, list[str]] = {}
    for page in report.pages:
        states = [f"{code} {STATUS_WORDS.get(status.status, status.status)}"
                  + (f" (đã đổi: {', '.join(status.changed_sections)})" if status.changed_sections else "")
                  for code, status in page.translations.items() if status.status != translations.UP_TO_DATE]
        if states:
            notes.setdefault(page.source.split("/", 1)[0], []).append(f"{page.source}: {'; '.join(states)}")
    return {slug: "Bản dịch cần làm — " + " · ".join(items) for slug, items in notes.items()}


def section_collection(site: Site, section, note: str | None = None) -> dict:
    dated = section.slug in DATED_SECTIONS
    collection = {
        "name": section.slug,
        "label": _label(site, section.titles),
        "folder": f"{site.docs_dir.name}/{section.slug}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "i18n": True,
        "identifier_field": "title",
        # File names: lower-case ASCII words joined by hyphens (make check's rule).
        "slug": "{{title}}",
        "fields": page_fields(site, dated),
        "editor": {"preview": False},
        "description": note or "Mọi bản dịch trong chuyên mục đã cập nhật.",
    }
    if dated:
        collection["sortable_fields"] = {"fields": ["date", "title"], "default": {"field": "date",
                                                                                    "direction": "descending"}}
    return collection


def _is_multilingual(value, codes: set[str], source: str) -> bool:
    return (isinstance(value, dict) and source in value and set(value) <= codes
            and all(not isinstance(item, (dict, list)) for item in value.values()))


def _merge(values: list) -> object:
    """One example of each key across records, so optional keys appear in the form."""
    mappings = [value for value in values if isinstance(value, dict)]
    if mappings:
        merged: dict = {}
        for mapping in mappings:
            for key, item in mapping.items():
                merged.setdefault(key, []).append(item)
        return {key: items for key, items in merged.items()}
    return values


def field_for(site: Site, name: str, examples: list, required: bool = False) -> dict:
    """A CMS field for the values ``examples`` (every record's value of one key)."""
    codes, source = set(site.codes), site.default_language.code
    present = [value for value in examples if value is not None]
    field: dict = {"name": name, "label": name, "required": required}
    if present and all(_is_multilingual(value, codes, source) for value in present):
        longest = max(len(str(text)) for value in present for text in value.values())
        widget = "text" if longest > LONG_TEXT else "string"
        field.update(widget="object", fields=[
            {"name": code, "label": _language_label(site, code), "widget": widget,
             "required": required and code == source}
            for code in site.codes])
        return field
    if present and all(isinstance(value, dict) for value in present):
        keys = _merge(present)
        field.update(widget="object", fields=[field_for(site, key, items, required=len(items) == len(present))
                                              for key, items in keys.items()])
        return field
    if present and all(isinstance(value, list) for value in present):
        items = [item for value in present for item in value]
        if items and all(_is_multilingual(item, codes, source) for item in items):
            field.update(widget="list", fields=[
                {"name": code, "label": _language_label(site, code), "widget": "string",
                 "required": code == source} for code in site.codes])
        elif items and all(isinstance(item, dict) for item in items):
            keys = _merge(items)
            field.update(widget="list", fields=[field_for(site, key, values, required=len(values) == len(items))
                                                for key, values in keys.items()])
        else:
            field.update(widget="list")
        return field
    if present and all(isinstance(value, bool) for value in present):
        field.update(widget="boolean")
    elif present and all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in present):
        field.update(widget="number", value_type="int" if all(isinstance(v, int) for v in present) else "float")
    elif present and all(isinstance(value, dt.date) for value in present):
        field.update(widget="datetime", time_format=False, format="YYYY-MM-DD")
    else:
        longest = max((len(str(value)) for value in present), default=0)
        field.update(widget="text" if longest > LONG_TEXT else "string")
    return field


def data_file_entry(site: Site, root: Path, path: Path) -> dict | None:
    """A file entry for one data file, its fields from its own records."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    if not isinstance(data, dict):
        return None
    relative = path.relative_to(root).as_posix()
    fields = [field_for(site, key, [value], required=True) for key, value in data.items()]
    return {"name": path.stem, "label": path.stem, "file": relative, "format": "yaml", "fields": fields}


def photo_collection(site: Site, photos_dir: Path, root: Path) -> dict:
    """Photo records, each edited with its photo (``content/photos/<id>.yml`` beside the image)."""
    folder = photos_dir.relative_to(root).as_posix()
    described = {
        "alt": {"required": True, "multilingual": True, "label": "Mô tả ảnh cho người không nhìn thấy (alt)"},
        "caption": {"required": False, "multilingual": True, "label": "Chú thích (caption)"},
        "credit": {"required": True, "label": "Tác giả / nguồn (credit)"},
        "licence": {"required": True, "label": "Giấy phép (licence)"},
        "date": {"required": False, "label": "Ngày chụp (date)", "widget": "datetime"},
        "place": {"required": False, "label": "Nơi chụp (place)"},
        "illustrative": {"required": False, "label": "Ảnh minh họa (illustrative)", "widget": "boolean"},
        "source_url": {"required": False, "label": "Địa chỉ nguồn (source_url)"},
    }
    fields = [{"name": PHOTO_FIELD, "label": "Ảnh (photo)", "widget": "image", "required": True,
               "media_folder": f"/{folder}", "public_folder": "", "choose_url": False}]
    for name in photos.KNOWN:
        about = described.get(name, {"required": name in photos.REQUIRED, "label": name})
        required = name in photos.REQUIRED
        if about.get("multilingual"):
            fields.append({"name": name, "label": about["label"], "widget": "object", "required": required,
                           "fields": [{"name": code, "label": _language_label(site, code), "widget": "string",
                                       "required": required} for code in site.codes]})
        elif about.get("widget") == "datetime":
            fields.append({"name": name, "label": about["label"], "widget": "datetime", "time_format": False,
                           "format": "YYYY-MM-DD", "required": required})
        else:
            fields.append({"name": name, "label": about["label"], "widget": about.get("widget", "string"),
                           "required": required})
    return {"name": "photos", "label": "Ảnh (photos)", "folder": folder, "extension": "yml", "format": "yaml",
            "create": True, "identifier_field": "credit", "slug": "{{fields.photo}}",
            "media_folder": f"/{folder}", "public_folder": "", "fields": fields, "editor": {"preview": False}}


def backend(folder: str = "portal") -> dict:
    """Where the editor commits when hosted, from the environment the hosting sets
    (a government may run its own GitLab): CMS_BACKEND (github | gitlab | gitea),
    CMS_REPO (owner/name), CMS_BRANCH, CMS_BASE_URL (a self-hosted server), CMS_APP_ID
    (its OAuth application). Local editing (the working copy opened in the browser)
    needs none of them; the editor then names ``folder`` (the working copy's folder) as
    the one to choose."""
    name = os.environ.get("CMS_BACKEND", "gitlab")
    settings = {"name": name, "repo": os.environ.get("CMS_REPO", f"{folder}/{folder}"),
                "branch": os.environ.get("CMS_BRANCH", "main")}
    base_url = os.environ.get("CMS_BASE_URL")
    if base_url:
        settings["base_url"] = base_url.rstrip("/")
        if name == "gitlab":
            settings["api_root"] = settings["base_url"] + "/api/v4"
        elif name == "gitea":
            settings["api_root"] = settings["base_url"] + "/api/v1"
    if os.environ.get("CMS_APP_ID"):
        settings["app_id"] = os.environ["CMS_APP_ID"]
        if name == "gitlab":
            settings["auth_type"] = "pkce"
    return settings


def generate(site: Site) -> dict:
    root = Path(site.config.config_file_path).resolve().parent
    content_dir = root / "content"
    photos_dir = photos.image_settings(site.config.extra, root).photos_dir
    notes = translation_notes(site)
    sections = [section_collection(site, section, notes.get(section.slug)) for section in site.sections]
    home_page = site.docs_dir.name + "/index.md"
    home = {"name": "home-page", "label": _label(site, {site.default_language.code: "Trang chủ"}),
            "i18n": True, "files": [{"name": "home", "label": "index.md", "file": home_page, "i18n": True,
                                     "format": "yaml-frontmatter", "fields": page_fields(site, False)}],
            "editor": {"preview": False}}
    entries = [entry for path in data_files(content_dir)
               if not path.is_relative_to(photos_dir) and (entry := data_file_entry(site, root, path))]
    settings = backend(root.name)
    collections = [*sections, home]
    if entries:
        collections.append({"name": "data", "label": "Dữ liệu (content/)", "files": entries,
                            "editor": {"preview": False}})
    collections.append(photo_collection(site, photos_dir, root))
    return {
        "backend": settings,
        # Draft → review → publish as a merge request (GitHub and GitLab; Gitea: simple).
        "publish_mode": "editorial_workflow" if settings["name"] in ("github", "gitlab") else "simple",
        "media_folder": photos_dir.relative_to(root).as_posix(),
        "public_folder": "",
        "site_url": site.config.site_url or "",
        "app_title": site.config.site_name,
        "show_preview_links": False,
        "i18n": {
            "structure": "multiple_files",
            "locales": list(site.codes),
            "default_locale": site.default_language.code,
            "omit_default_locale_from_file_path": True,
            # A new page starts in the source language only: translators add theirs.
            "initial_locales": "default",
        },
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_size": 2}},
        "collections": collections,
    }


def config_yaml(site: Site) -> str:
    header = ("# Made by portal.cms_config from mkdocs.yml and the data files at every build;\n"
              "# edit those, not this file.\n")
    return header + yaml.safe_dump(generate(site), allow_unicode=True, sort_keys=False, width=100)
