"""End to end: the real web editor (Sveltia CMS at /admin/, built from the pinned package)
in Chromium edits a copy of this repository the way an official does, and git gets
exactly the intended changes.

Local-folder mode needs ``showDirectoryPicker()``, whose dialog a headless browser cannot
answer; the test gives the editor a handle to a folder in the browser's private storage
(OPFS) holding the copy's ``docs/`` and ``content/`` (and an empty ``.git`` folder, which
the editor looks for), then copies every file back and compares. What this does not
cover: the native folder dialog and its permission prompt, writes to a real disk folder
(Chromium's OPFS and disk handles share the File System Access API, not the code under
it), and the hosted GitLab/GitHub back-ends (their OAuth and merge requests need a
server this machine does not have).
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ARTIFACTS, build_or_fail
from portal import markdown_sections as md
from portal.hosting import parse_headers_file
from test_admin import PathHeadersHandler
from test_browser import browser  # noqa: F401 (the shared Chromium fixture)
from test_formatting import git, working_copy

pytestmark = pytest.mark.browser

PHOTO = Path("/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg")  # lomiri-wallpapers-20.04
FOLDERS = ("docs", "content")

WRITE_REPO = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', {recursive: true}); } catch (error) {}
  const repo = await root.getDirectoryHandle('repo', {create: true});
  await repo.getDirectoryHandle('.git', {create: true});
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = repo;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const writable = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(Uint8Array.from(atob(data), c => c.charCodeAt(0)));
    await writable.close();
  }
}"""
READ_REPO = """async () => {
  const files = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'directory') { if (name !== '.git') await walk(handle, prefix + name + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = ''; for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
      files[prefix + name] = btoa(text);
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return files;
}"""
# The first input or textarea after the element whose text is ``label`` (the editor's
# field labels are not tied to their inputs).
INPUT_AFTER = """([label, skip]) => {
  const heading = [...document.querySelectorAll('*')].find(e => e.childElementCount === 0 && e.textContent.trim() === label);
  if (!heading) return null;
  const inputs = [...document.querySelectorAll('input:not([type=file]), textarea')].filter(
    input => heading.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING && input.offsetParent !== null);
  return inputs[skip] || null;
}"""


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for folder in FOLDERS for path in (root / folder).rglob("*") if path.is_file()}


def _fill_after(tab, label: str, value: str, skip: int = 0):
    handle = tab.evaluate_handle(INPUT_AFTER, [label, skip]).as_element()
    assert handle is not None, f"no input after {label!r}"
    handle.fill(value)


def _save(tab):
    tab.get_by_role("button", name="Lưu", exact=True).first.click()
    tab.wait_for_timeout(1500)


@pytest.fixture
def served_copy(tmp_path):
    copy = working_copy(tmp_path)
    site_dir = tmp_path / "site"
    handler_class = type("CopyHandler", (PathHeadersHandler,), {})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(handler_class, directory=str(site_dir)))
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    build_or_fail(copy / "mkdocs.yml", site_dir, site_url=origin + "/")
    handler_class.rules = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield copy, origin
    httpd.shutdown()
    httpd.server_close()


def test_an_official_edits_translates_writes_news_data_and_a_photo(browser, served_copy, tmp_path):
    if not PHOTO.is_file():
        pytest.skip(f"{PHOTO} missing: scripts/dev.sh test installs lomiri-wallpapers-20.04")
    copy, origin = served_copy
    before = _files(copy)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    attempted = []
    context.route("**/*", lambda route: (attempted.append(route.request.url), route.continue_()
                                         if route.request.url.startswith(origin + "/") else route.abort()))
    tab = context.new_page()
    tab.add_init_script("window.showDirectoryPicker = async () => "
                        "(await navigator.storage.getDirectory()).getDirectoryHandle('repo');")
    tab.goto(origin + "/admin/", wait_until="domcontentloaded")
    tab.evaluate(WRITE_REPO, {path: base64.b64encode(data).decode() for path, data in before.items()})
    tab.get_by_role("button", name="Làm việc với kho mã nguồn cục bộ").click()
    tab.get_by_text("Tin tức").first.wait_for()

    # 1-2. A page: its Vietnamese text, then its English translation, marked up to date.
    tab.get_by_text("Vùng đất").first.click()
    tab.get_by_role("gridcell").filter(has_text="Vùng đất").first.click()
    tab.get_by_text("Nội dung (Markdown)").first.wait_for()
    bodies = tab.locator("textarea:not([lang])")
    vi_body, en_body = bodies.nth(0), bodies.nth(1)
    vi_body.fill(vi_body.input_value().replace("Cà Mau có ba mặt giáp biển:", "Cà Mau có ba mặt giáp biển (đông, tây và nam):", 1))
    en_body.fill(en_body.input_value().replace("bordered by the sea on three sides:", "bordered by the sea on three sides (east, west and south):", 1))
    tab.locator("[role=switch]").nth(1).click()  # the English pane's "matches its source"
    _save(tab)
    tab.screenshot(path=str(_artifact("cms-e2e-page.png")))

    # 3. A news post, in Vietnamese only.
    tab.goto(origin + "/admin/#/collections/news/new")
    tab.get_by_text("Nội dung (Markdown)").first.wait_for()
    # typed as some keyboards send it: letters and their marks apart (NFD)
    tab.locator("input[lang=vi]").first.fill(unicodedata.normalize("NFD", "Cà Mau chuẩn bị mùa du lịch cuối năm"))
    tab.locator("textarea[lang=vi]").first.fill("Tỉnh chuẩn bị đón khách trong mùa du lịch cuối năm.")
    tab.locator("input[type=date]").first.fill("2026-12-02")
    tab.locator("textarea:not([lang])").first.fill(
        "# Cà Mau chuẩn bị mùa du lịch cuối năm\n\nTỉnh chuẩn bị đón khách trong mùa du lịch cuối năm.\n")
    _save(tab)

    # 4. A festival's Khmer name in content/festivals.yml.
    tab.goto(origin + "/admin/#/collections/data/entries/festivals")
    tab.get_by_text("festivals", exact=True).first.wait_for()
    khmer = tab.evaluate_handle("() => [...document.querySelectorAll('input')].find("
                                "e => e.value === 'ពិធីបុណ្យគោរពត្រីបាឡែន Sông Đốc')").as_element()
    assert khmer is not None
    khmer.fill("ពិធីបុណ្យគោរពត្រីបាឡែននៅ Sông Đốc")
    _save(tab)

    # 5. A photo with its record.
    tab.goto(origin + "/admin/#/collections/photos/new")
    tab.get_by_text("Duyệt tệp").first.wait_for()
    tab.locator("input[type=file]").first.set_input_files(str(PHOTO))  # what "Duyệt tệp" opens
    tab.wait_for_timeout(1500)
    tab.screenshot(path=str(_artifact("cms-e2e-photo-chosen.png")))
    _fill_after(tab, "Mô tả ảnh cho người không nhìn thấy (alt)", "Một con chim trên thân cây", 0)
    _fill_after(tab, "Mô tả ảnh cho người không nhìn thấy (alt)", "A bird on a tree trunk", 1)
    _fill_after(tab, "Mô tả ảnh cho người không nhìn thấy (alt)", "សត្វស្លាបនៅលើដើមឈើ", 2)
    _fill_after(tab, "Tác giả / nguồn (credit)", "Lukas Baubkus")
    _fill_after(tab, "Giấy phép (licence)", "CC BY-SA 3.0")
    tab.locator("[role=switch]").last.click()  # illustrative: not a photo of the province (the page says so)
    _save(tab)
    tab.screenshot(path=str(_artifact("cms-e2e-photo.png")))

    after = {path: base64.b64decode(data) for path, data in tab.evaluate(READ_REPO).items()}
    context.close()
    foreign = [url for url in attempted if urlsplit(url).scheme not in ("data", "blob")
               and not url.startswith(origin + "/")]
    assert foreign == [], f"requests left 127.0.0.1: {foreign}"

    # Back into the working copy, as the official's folder would have them.
    for path in set(before) - set(after):
        (copy / path).unlink()
    for path, data in after.items():
        if before.get(path) != data:
            (copy / path).parent.mkdir(parents=True, exist_ok=True)
            (copy / path).write_bytes(data)
    fix = subprocess.run([sys.executable, "scripts/check_content.py", "--fix"], cwd=copy, capture_output=True, text=True)
    assert fix.returncode == 0, fix.stdout[-3000:] + fix.stderr[-2000:]

    status = sorted(git(copy, "status", "--porcelain", "--untracked-files=all").splitlines())
    news = [line[3:] for line in status if line.startswith("??") and line.endswith(".md")]
    assert news == ["docs/news/ca-mau-chuan-bi-mua-du-lich-cuoi-nam.md"], status
    assert status == sorted([" M content/festivals.yml", " M docs/land/index.en.md", " M docs/land/index.md",
                             "?? content/photos/Kleiber_by_Lukas_Baubkus.jpg",
                             "?? content/photos/Kleiber_by_Lukas_Baubkus.yml",
                             "?? docs/news/ca-mau-chuan-bi-mua-du-lich-cuoi-nam.md"]), status
    line = _line(before, "docs/land/index.md", "Cà Mau có ba mặt giáp biển:")
    assert _diff_lines(copy, "docs/land/index.md") == (
        ["-" + line], ["+" + line.replace("biển:", "biển (đông, tây và nam):", 1)])
    assert _diff_lines(copy, "content/festivals.yml") == (
        ["-      km: ពិធីបុណ្យគោរពត្រីបាឡែន Sông Đốc"], ["+      km: ពិធីបុណ្យគោរពត្រីបាឡែននៅ Sông Đốc"])
    english = (copy / "docs/land/index.en.md").read_text(encoding="utf-8")
    fingerprints = md.section_fingerprints((copy / "docs/land/index.md").read_text(encoding="utf-8"))
    assert f"  source: {md.page_fingerprint(fingerprints)}" in english
    assert "translation_matches_source" not in english
    removed, added = _diff_lines(copy, "docs/land/index.en.md")
    line = _line(before, "docs/land/index.en.md", "Cà Mau is bordered by the sea on three sides:")
    assert "+" + line.replace("sides:", "sides (east, west and south):", 1) in added
    # the text, and the record: the page's and the changed section's new fingerprints
    assert [entry for entry in added if entry.startswith("+  source: ")] and len(added) == 3, added
    assert '+    "Vùng đất": ' + fingerprints["Vùng đất"] in added

    post = (copy / news[0]).read_text(encoding="utf-8")
    assert post.startswith("---\ntitle: Cà Mau chuẩn bị mùa du lịch cuối năm\n")
    assert "date: 2026-12-02\n" in post and "translation_matches_source" not in post
    assert unicodedata.is_normalized("NFC", post)
    record = (copy / "content/photos/Kleiber_by_Lukas_Baubkus.yml").read_text(encoding="utf-8")
    assert "credit: Lukas Baubkus" in record and "licence: CC BY-SA 3.0" in record and "photo:" not in record
    assert "illustrative: true" in record and "km: សត្វស្លាបនៅលើដើមឈើ" in record
    assert (copy / "content/photos/Kleiber_by_Lukas_Baubkus.jpg").read_bytes() == PHOTO.read_bytes()

    # make check and the strict build pass; the translation report shows the mark.
    for command in (["scripts/check_content.py"], ["scripts/optimize_images.py", "--check"],
                    ["scripts/check_translations.py", "--gate", "--no-colour"]):
        result = subprocess.run([sys.executable, *command], cwd=copy, capture_output=True, text=True,
                                env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, " ".join(command) + "\n" + result.stdout[-3000:] + result.stderr[-2000:]
    report = subprocess.run([sys.executable, "scripts/check_translations.py", "--format", "json"], cwd=copy,
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    pages = {page["source"]: page for page in json.loads(report.stdout)["pages"]}
    statuses = {code: value["status"] for code, value in pages["land/index.md"]["translations"].items()}
    assert statuses["en"] == "up-to-date" and statuses["km"] == "outdated", statuses
    built = build_or_fail(copy / "mkdocs.yml", tmp_path / "after")
    assert (built / "news" / "ca-mau-chuan-bi-mua-du-lich-cuoi-nam" / "index.html").is_file()


def _diff_lines(copy: Path, path: str) -> tuple[list[str], list[str]]:
    diff = git(copy, "diff", "-U0", "--", path).splitlines()
    return ([line for line in diff if line.startswith("-") and not line.startswith("---")],
            [line for line in diff if line.startswith("+") and not line.startswith("+++")])


def _line(files: dict[str, bytes], path: str, start: str) -> str:
    return next(line for line in files[path].decode("utf-8").splitlines() if line.startswith(start))


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
