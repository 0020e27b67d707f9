"""The on-disk cache of translation completeness (portal.translations.CompletenessCache):
results are reused only for the same texts and the same code that computed them."""

from __future__ import annotations

from portal import completeness, translations

SOURCE = "# Đầu tư\n\n## Năng lượng\n\nCông suất 870 MW.\n\n## Khu công nghiệp\n\nBa khu.\n"
ABRIDGED = "# Investment\n\n## Energy\n\nNo figure here.\n"


def test_a_result_is_stored_reused_and_recomputed_when_a_text_or_the_code_changes(tmp_path, monkeypatch):
    first = translations.CompletenessCache(tmp_path)
    found = first.check(SOURCE, "vi", ABRIDGED, "en", None)
    assert found.missing_figures and found.missing_sections
    first.save()
    assert (tmp_path / translations.CompletenessCache.NAME).is_file()

    calls = []
    real_check = completeness.check

    def counting_check(*args, **kwargs):
        calls.append(args)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(completeness, "check", counting_check)
    again = translations.CompletenessCache(tmp_path).check(SOURCE, "vi", ABRIDGED, "en", None)
    assert (again.missing_sections, again.missing_figures) == (found.missing_sections, found.missing_figures)
    assert calls == []  # served from the file

    completed = ABRIDGED + "\nCapacity 870 MW.\n\n## Industrial parks\n\nThree.\n"
    fixed = translations.CompletenessCache(tmp_path).check(SOURCE, "vi", completed, "en", None)
    assert len(calls) == 1 and not fixed.missing_figures and not fixed.missing_sections

    monkeypatch.setattr(translations, "_code_version", lambda: "another version of the rules")
    calls.clear()
    translations.CompletenessCache(tmp_path).check(SOURCE, "vi", ABRIDGED, "en", None)
    assert len(calls) == 1  # an old file is not trusted by new code


def test_an_unreadable_cache_file_is_ignored_not_fatal(tmp_path):
    (tmp_path / translations.CompletenessCache.NAME).write_text("{not json", encoding="utf-8")
    cache = translations.CompletenessCache(tmp_path)
    assert cache.check(SOURCE, "vi", SOURCE, "vi", None).missing_sections == []
    cache.save()
    assert translations.CompletenessCache(tmp_path).entries  # rewritten whole
