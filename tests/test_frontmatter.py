from portal.frontmatter import DESCRIPTION_MAX, check_page_front_matter, split_front_matter


def messages(source, path="docs/page.md"):
    return [str(problem) for problem in check_page_front_matter(source, path)]


def test_complete_front_matter_has_no_problem():
    assert messages("---\ntitle: Vùng đất\ndescription: Địa lý Cà Mau.\n---\n\n# Vùng đất\n") == []


def test_missing_description_names_file_line_and_fix():
    assert messages("---\ntitle: Vùng đất\n---\n# x\n") == [
        "docs/page.md:1:1: the page has no 'description' in its front matter — add a line "
        "'description: ...' between the two '---' lines at the top of the page"
    ]


def test_page_without_front_matter_misses_both_fields():
    found = messages("# Vùng đất\n")
    assert len(found) == 2
    assert "'title'" in found[0] and "'description'" in found[1]


def test_empty_title_points_at_its_line():
    found = messages("---\ndescription: Mô tả.\ntitle: \n---\n")
    assert found == ["docs/page.md:3:1: 'title' is empty — write the page's title after 'title:'"]


def test_too_long_description_points_at_its_line():
    long_text = "x" * (DESCRIPTION_MAX + 1)
    found = messages(f"---\ntitle: T\ndescription: {long_text}\n---\n")
    assert len(found) == 1
    assert found[0].startswith("docs/page.md:3:1: the description is 201 characters long")


def test_invalid_yaml_reports_the_line_inside_the_file():
    found = messages("---\ntitle: T\ndescription: a: b: c\n---\n")
    assert len(found) == 1
    assert found[0].startswith("docs/page.md:3:")
    assert "not valid YAML" in found[0]


def test_unclosed_front_matter_is_reported():
    found = messages("---\ntitle: T\n\n# Heading\n")
    assert found == [
        "docs/page.md:1:1: the front matter starting here is never closed — add a line "
        "with three dashes (---) after the last field"
    ]


def test_key_lines_are_one_based_file_lines():
    front, problems = split_front_matter("---\ntitle: T\ndescription: D\n---\nbody\n", "p.md")
    assert problems == []
    assert front.key_lines == {"title": 2, "description": 3}
    assert front.end_line == 4
