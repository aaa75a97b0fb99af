import pytest
from newsdump.text import normalize, split_lines


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  Title  ", "Title"),
        ("a\u00a0b", "a b"),  # non-breaking space
        ("a\u202fb", "a b"),  # narrow non-breaking space
        ("a\u2009\u3000b", "a b"),  # thin and ideographic spaces
        ("a \t  b", "a b"),
        ("\ufeffTitle", "Title"),  # byte-order mark
        ("\u00a0", ""),  # a line of only a non-breaking space is blank
        ("“Quotes” – dashes é", "“Quotes” – dashes é"),  # nothing else changes
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_split_lines_only_on_line_breaks():
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
    assert split_lines("a\x0cb\u2028c\x85d") == ["a\x0cb\u2028c\x85d"]
    assert split_lines("a\n") == ["a"]
    assert split_lines("a\n\n") == ["a", ""]
    assert split_lines("") == []
