from portal.slugs import ascii_slug, heading_slug


def test_vietnamese_heading_becomes_ascii_with_d_for_dj():
    assert heading_slug("Đất Mũi Cà Mau", "-") == "dat-mui-ca-mau"


def test_decomposed_input_gives_the_same_slug():
    import unicodedata
    assert ascii_slug(unicodedata.normalize("NFD", "Khu kinh tế Năm Căn")) == "khu-kinh-te-nam-can"


def test_heading_that_slugifies_to_nothing_still_gets_an_id():
    assert heading_slug("!!!", "-") == "section"
