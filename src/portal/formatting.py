"""The project's one YAML and front-matter style, so that an edit made in the web editor
and the same edit made by hand reach git as the same bytes.

The web editor (Sveltia CMS) re-serialises a whole file when it saves: it drops the
comments of a data file, turns ``{vi: ..., en: ...}`` into block mappings, re-quotes
strings, sorts the keys of the translation record, writes ``month: '2'`` for a number,
and writes the languages it did not edit as well. None of that is an edit. So the
formatter does not pick a style of its own: it takes the file as it was last committed
(its *reference*) and carries over only the values that really changed, each written
in the style the reference gave it; a key or record the reference lacks is written in
the style its neighbours use. Layout, comments, quoting and key order are the
reference's. A file with no reference (a new page) gets PyYAML's plain block style.

Two values count as the same when their text is (``2`` and ``'2'``, a date and its ISO
text): a form has only text boxes. Text is NFC when it leaves here.

Web-editor fields that are not content are turned into what the project keeps:
``translation_matches_source: true`` becomes the translation record
(``scripts/check_translations.py --mark``), ``false`` disappears; a photo record's
``photo:`` (the uploaded file) names the record and disappears.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .frontmatter import YAML_LOADER

MARK_FIELD = "translation_matches_source"
PHOTO_FIELD = "photo"
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")


class FormattingError(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- same value? ----------------------------------------------------------------------

def _scalar_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None:
        return ""
    return nfc(str(value))


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def same(old, new) -> bool:
    if isinstance(old, dict) and isinstance(new, dict):
        keys = {key for key in old if not _empty(old[key])} | {key for key in new if not _empty(new[key])}
        return all(same(old.get(key), new.get(key)) for key in keys)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new))
    if isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
        return _empty(old) and _empty(new)
    return _scalar_text(old) == _scalar_text(new)


# --- writing values in the reference's style -----------------------------------------

def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written unquoted and read back as the same string."""
    if not text or text != text.strip() or "\n" in text or ": " in text or text.endswith(":"):
        return False
    if not _PLAIN_SAFE.match(text):
        return False
    try:
        return yaml.load(f"k: {text}", Loader=YAML_LOADER) == {"k": text}
    except yaml.YAMLError:
        return False


def scalar(value, style: str | None = None, flow: bool = False) -> str:
    """One scalar in the reference's style: '"' double-quoted, "'" single, else plain
    where the text allows it (inside a flow mapping a comma needs quotes too)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) or isinstance(value, (dt.date, dt.datetime)):
        return _scalar_text(value)
    if value is None:
        return "null"
    text = nfc(str(value))
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style not in ('"', "'") and _plain_ok(text) and not (flow and "," in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(value, indent: int) -> list[str]:
    """A new value (no reference) as block lines at ``indent`` spaces, our plain style."""
    dumped = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000,
                            default_flow_style=False)
    return [" " * indent + line if line else line for line in dumped.rstrip("\n").split("\n")]


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return scalar(value, flow=True)


@dataclass
class _Edit:
    start: int
    end: int
    text: str


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Index after the newline ending the line that holds ``index - 1``."""
    end = text.find("\n", max(index - 1, 0))
    return len(text) if end < 0 else end + 1


def _node_end(text: str, node) -> int:
    """Where a block node's last line ends (PyYAML's end mark may sit on the next line)."""
    end = node.end_mark.index
    while end > 0 and text[end - 1] in " \n":
        end -= 1
    return _line_end(text, end)


def _edits(text: str, node, new, edits: list[_Edit]) -> None:
    if isinstance(node, yaml.ScalarNode):
        old = yaml.load(text[node.start_mark.index:node.end_mark.index], Loader=YAML_LOADER) \
            if node.style not in ("|", ">") else node.value
        if isinstance(new, (dict, list)):
            _replace_whole(text, node, new, edits)
        elif not same(old, new):
            edits.append(_Edit(node.start_mark.index, node.end_mark.index, scalar(new, node.style)))
        return
    if isinstance(node, yaml.MappingNode) and isinstance(new, dict):
        if node.flow_style:
            old = yaml.load(text[node.start_mark.index:node.end_mark.index], Loader=YAML_LOADER)
            if not same(old, new):
                pairs = {key.value: value for key, value in node.value}
                if set(k for k in new if not _empty(new[k])) == set(pairs):
                    for key, value in pairs.items():
                        _edits(text, value, new[key], edits)
                else:
                    edits.append(_Edit(node.start_mark.index, node.end_mark.index,
                                       _flow({k: v for k, v in new.items() if not _empty(v)})))
            return
        pairs = [(key, value) for key, value in node.value]
        present = {key.value for key, _ in pairs}
        for key, value in pairs:
            if key.value in new and not (_empty(new[key.value]) and not _empty_node(value)):
                _edits(text, value, new[key.value], edits)
            elif key.value not in new or _empty(new[key.value]):
                if not _empty_node(value):
                    edits.append(_Edit(_line_start(text, key.start_mark.index), _node_end(text, value), ""))
        added = {key: value for key, value in new.items() if key not in present and not _empty(value)}
        if added:
            indent = pairs[0][0].start_mark.column if pairs else 0
            where = _node_end(text, pairs[-1][1]) if pairs else node.end_mark.index
            edits.append(_Edit(where, where, "\n".join(_block(added, indent)) + "\n"))
        return
    if isinstance(node, yaml.SequenceNode) and isinstance(new, list):
        if node.flow_style:
            old = yaml.load(text[node.start_mark.index:node.end_mark.index], Loader=YAML_LOADER)
            if not same(old, new):
                edits.append(_Edit(node.start_mark.index, node.end_mark.index, _flow(new)))
            return
        items = node.value
        for item, value in zip(items, new):
            _edits(text, item, value, edits)
        if len(new) > len(items) and items:
            dash = _line_start(text, items[-1].start_mark.index)
            indent = items[-1].start_mark.column - 2 if text[items[-1].start_mark.index - 2] == "-" else 0
            indent = max(text[dash:items[-1].start_mark.index].find("-"), 0)
            where = _node_end(text, items[-1])
            edits.append(_Edit(where, where, "\n".join(_block(new[len(items):], indent)) + "\n"))
        for item in items[len(new):]:
            edits.append(_Edit(_line_start(text, item.start_mark.index), _node_end(text, item), ""))
        return
    _replace_whole(text, node, new, edits)


def _empty_node(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None


def _replace_whole(text: str, node, new, edits: list[_Edit]) -> None:
    if isinstance(new, (dict, list)) and new:
        column = node.start_mark.column
        lines = _block(new, column + 2)
        edits.append(_Edit(node.start_mark.index, node.end_mark.index, "\n" + "\n".join(lines)))
    else:
        edits.append(_Edit(node.start_mark.index, node.end_mark.index, scalar(new)))


def carry_over(reference: str, changed: str, path: str = "?") -> str:
    """``reference`` with the values that differ in ``changed`` carried over."""
    reference, changed = nfc(reference), nfc(changed)
    try:
        new = yaml.load(changed, Loader=YAML_LOADER)
        root = yaml.compose(reference, Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        raise FormattingError(path, f"not valid YAML ({getattr(error, 'problem', None) or error})") from error
    if root is None:
        return changed
    edits: list[_Edit] = []
    _edits(reference, root, new, edits)
    text = reference
    for edit in sorted(edits, key=lambda item: (item.start, item.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    if not same(yaml.load(text, Loader=YAML_LOADER), new):
        raise FormattingError(path, "the editor's change could not be written in the file's layout — "
                                    "edit this file by hand")
    return text


# --- pages ------------------------------------------------------------------------------

def split_page(text: str) -> tuple[str | None, str]:
    """(front matter without its fences, the rest after the closing fence line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:])
    return None, text


def saved_by_the_editor(front_data: dict) -> bool:
    """Whether the web editor wrote this page: it writes its tick box into every language
    file it saves; a person never types it. Hand edits are left as they are."""
    return MARK_FIELD in front_data


def format_page(changed: str, reference: str | None, path: str = "?") -> tuple[str, bool]:
    """(the page in the project's style, whether its translator marked it up to date)."""
    changed = nfc(changed)
    front, body = split_page(changed)
    if front is None:
        return changed, False
    data = yaml.load(front, Loader=YAML_LOADER) or {}
    if not isinstance(data, dict) or not saved_by_the_editor(data):
        return changed, False
    marked = data.pop(MARK_FIELD, False) is True
    old_front = split_page(nfc(reference))[0] if reference else None
    if old_front is not None:
        front = carry_over(old_front, yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path)
    else:
        # A new page: the editor's own layout is plain block YAML already; only its tick goes.
        front = "".join(line for line in front.splitlines(keepends=True)
                        if not line.startswith(f"{MARK_FIELD}:"))
    return f"---\n{front}---\n{body}", marked


_COMMENT = re.compile(r"^\s*#.*$", re.M)
_FLOW = re.compile(r":\s*[\[{]|^\s*-\s*[\[{]", re.M)


def saved_by_the_editor_data(reference: str, changed: str) -> bool:
    """Whether the web editor rewrote this data file: it writes no comments and no flow
    collections, so a reference that had either and a result that has neither is its
    save. A file that never had either cannot tell, and is carried over (values only)."""
    had = bool(_COMMENT.search(reference) or _FLOW.search(reference))
    has = bool(_COMMENT.search(changed) or _FLOW.search(changed))
    return not has if had else True


def format_data(changed: str, reference: str | None, path: str = "?") -> str:
    changed = nfc(changed)
    if reference is None or not saved_by_the_editor_data(nfc(reference), changed):
        return changed
    return carry_over(reference, changed, path)


# --- the working copy -------------------------------------------------------------------

def committed(root: Path, relative: str, revision: str = "HEAD") -> str | None:
    """The file as ``revision`` has it, or None (new file, or no git history)."""
    try:
        result = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=root, capture_output=True)
    except OSError:
        return None
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


def changed_files(root: Path, revision: str = "HEAD") -> set[str] | None:
    """Files that differ from ``revision`` or are untracked (None: not a git working copy)."""
    try:
        diff = subprocess.run(["git", "diff", "--name-only", "--relative", revision, "--", "."], cwd=root,
                              capture_output=True, text=True)
        untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--", "."], cwd=root,
                                   capture_output=True, text=True)
    except OSError:
        return None
    if diff.returncode != 0:
        return None
    return set((diff.stdout + untracked.stdout).split())


def _language(name: str, languages: list[str], source: str) -> str:
    parts = name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in languages and parts[-2] != source else source


def apply(root: Path, docs_dir: Path, photos_dir: Path, languages: list[str], source: str,
          fix: bool, revision: str = "HEAD", config_file: Path | None = None) -> list:
    """Bring every page and data file changed since ``revision`` to the project's style;
    with ``fix`` write it (and turn marks into translation records), else report each
    file that is not. Returns problems (portal.frontmatter.Problem)."""
    from .atomic import atomic_write_text
    from .frontmatter import Problem

    changed = changed_files(root, revision)
    problems: list[Problem] = []
    if changed is None:
        return problems  # not a git working copy: no reference layout to keep
    content_dir = root / "content"
    candidates = [path for path in sorted(docs_dir.rglob("*.md"))] + \
        [path for pattern in ("*.yml", "*.yaml") for path in sorted(content_dir.rglob(pattern))]
    marks: list[tuple[Path, str]] = []
    for path in candidates:
        relative = path.relative_to(root).as_posix()
        if changed is not None and relative not in changed:
            continue
        text = path.read_text(encoding="utf-8")
        reference = committed(root, relative, revision)
        marked = False
        try:
            if path.suffix == ".md":
                formatted, marked = format_page(text, reference, relative)
                language = _language(path.name, languages, source)
                if marked and language != source:
                    marks.append((path, language))
            else:
                formatted, target = format_photo_record(path, text, reference, photos_dir, relative)
                if target != path:
                    if fix:
                        atomic_write_text(target, formatted)
                        path.unlink()
                    else:
                        problems.append(Problem(relative, 1, 1, f"the photo record is named after "
                                                f"{target.name}", "run: make check FIX=1"))
                    continue
        except FormattingError as error:
            problems.append(Problem(relative, 1, 1, error.message, "fix the file by hand"))
            continue
        except (yaml.YAMLError, ValueError):
            continue  # not valid YAML: the content checks say where
        if formatted != text:
            if fix:
                atomic_write_text(path, formatted)
            else:
                problems.append(Problem(relative, 1, 1, "not in the project's format (an edit from the web "
                                        "editor, or text not in NFC)", "run: make check FIX=1"))
        elif marked and not fix:
            problems.append(Problem(relative, 1, 1, f"'{MARK_FIELD}' is set",
                                    "run: make check FIX=1 to record the translation as up to date"))
    if fix and marks:
        from . import translations
        from .site import load_site

        site = load_site(config_file or root / "mkdocs.yml")
        for path, language in marks:
            relative_page = path.relative_to(docs_dir).as_posix()
            source_page = relative_page.replace(f".{language}.md", ".md")
            try:
                translations.mark(site, source_page, language)
            except (translations.IncompleteTranslation, FileNotFoundError, ValueError) as error:
                problems.append(Problem(path.relative_to(root).as_posix(), 1, 1,
                                        f"not recorded as up to date: {str(error).splitlines()[0]}",
                                        "complete the translation, then tick the box again"))
    return problems


def format_photo_record(path: Path, text: str, reference: str | None, photos_dir: Path,
                        relative: str) -> tuple[str, Path]:
    """(the record in our style, where it belongs). The web editor stores the photo's
    file name in ``photo:``; the project names the record after the photo instead."""
    target = path
    if path.is_relative_to(photos_dir):
        data = yaml.load(nfc(text), Loader=YAML_LOADER) or {}
        if isinstance(data, dict) and PHOTO_FIELD in data:
            photo = Path(str(data.pop(PHOTO_FIELD) or "")).name
            if photo:
                target = path.with_name(Path(photo).stem + ".yml")
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
            if target != path:
                reference = None
    return format_data(text, reference, relative), target
