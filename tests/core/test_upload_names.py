"""An uploader's file name is kept for display, at most 200 characters, with its extension
(issue 15.9: a name of 201-255 characters lost its extension, so the file was refused with a
500 after the answer was saved)."""

import pytest

from tandem.core.uploads import content_type_of, safe_display_name


@pytest.mark.parametrize("length", [195, 200, 201, 230, 255])
def test_a_long_name_is_cut_before_its_extension(length):
    name = "v" * (length - len(".pdf")) + ".pdf"
    shown = safe_display_name(name)
    assert len(shown) <= 200 and shown.endswith(".pdf")
    assert content_type_of(shown) == "application/pdf"


def test_a_path_is_never_part_of_the_name():
    assert safe_display_name("../../etc/verslag.docx") == "verslag.docx"
    assert safe_display_name("C:\\Users\\an\\verslag.docx") == "verslag.docx"
    assert safe_display_name("") == "document"
