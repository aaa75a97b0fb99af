import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsdump.text import has_text, normalize, split_lines


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


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\t\u00a0\u202f\u2009\u3000\ufeff\x1c\x85\u2028é“-%•"), max_size=40))
def test_normalize_fast_path_equals_split_and_join(raw):
    """normalize returns most lines untouched after two C-speed tests; the answer
    must be the general rule's: BOMs dropped, white-space runs to one space."""
    assert normalize(raw) == " ".join(raw.replace("\ufeff", "").split())


def test_split_pages_quote_cache_gives_the_same_pages_as_fresh_reads():
    from newsdump.split import split_pages

    lines = ["• A/B = 1 0%", "  • C/B = 2 1%", "• A/B = 1 0%", "Title", "Body.• A/B = 1 0%", "• A/B = 1 0%", "T2"] * 3
    pages = list(split_pages(lines))
    assert [len(p.quotes) for p in pages] == [3, 2] * 3  # a glued quote is read from the cache like any other
    assert [p.lines for p in pages[2:4]] == [((11, "Title"), (12, "Body.")), ((14, "T2"),)]


PIECES = ["word", "слово", " ", "  ", "\t", "\u00a0", "\u2009 ", "\ufeff", "\x1c", "x"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=9), st.integers(1, 9))
def test_long_lines_are_normalised_in_pieces_to_the_same_text(parts, pieces):
    """A line over 64 K characters is normalised piece by piece (cut before
    white space): the text is the same as one split and join."""
    import newsdump.text as text

    line = "".join(parts) * (pieces * 3000 // (len("".join(parts)) + 1) + 1)
    stripped = line.strip().replace("\ufeff", "")
    assert text._normalize_long(stripped) == " ".join(stripped.split())
    assert normalize(line * 3) == " ".join((line * 3).replace("\ufeff", "").split())


def test_a_long_line_is_normalised_without_a_list_of_its_words():
    """A 10 MB line of words held 90 MB in the list of its words (review
    with fresh eyes: one page of one 21 MB line peaked at 456 MB)."""
    import tracemalloc

    line = "Sharply  on Monday,  officials said. " * 100_000  # 3.7 MB, double spaces: normalised
    tracemalloc.start()
    try:
        normalize(line)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * len(line), peak  # the text and its normalised copy, and pieces; the words' list was 10x


@given(st.lists(st.sampled_from(PIECES), max_size=6), st.integers(0, 8), st.integers(0, 8))
def test_has_text_is_what_normalize_keeps(parts, start, end):
    text = "".join(parts)
    assert has_text(text, start, end) == bool(normalize(text[start:end]))
    assert has_text(text) == bool(normalize(text))
