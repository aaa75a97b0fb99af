import pytest
from newsdump.strip import strip_ticker
from newsdump.text import split_lines

TICKER = ["• KGS/USD = 0.01144 0%\n", "  • KZT/USD = 0.00195 -0%\n"]


def stripped(lines, header=False):
    return "".join(strip_ticker(lines, header=header))


def test_only_ticker_lines_go_and_endings_stay():
    lines = TICKER + ["18 December 2025\r\n", "\r\n", "Title  \n", "Body.\r"]
    assert stripped(lines) == "18 December 2025\r\n\r\nTitle  \nBody.\r"


def test_glued_ticker_leaves_the_line_with_its_ending():
    assert stripped(["Body.• KGS/USD = 0.01144 0%\n"] + TICKER[1:] + ["Next\n"]) == "Body.\nNext\n"


def test_header_removes_date_and_result_lines_of_each_page():
    lines = TICKER + ["9 May 2025\n", "\n", "Viewing results 1 - 2 of 9\n", "\n", "Title\n", "\n", "Body.\n"]
    assert stripped(lines * 2, header=True) == "\n\nTitle\n\nBody.\n" * 2


def test_header_in_a_page_without_ticker_after_another_page():
    text = "Title\nBody.\n9 May 2025\n\nViewing results 3 - 4 of 9\nT2\nB2.\n"
    assert stripped(split_lines_keep(text), header=True) == "Title\nBody.\n\nT2\nB2.\n"


def test_date_inside_a_page_stays_without_header_line_after_it():
    text = "Title\nBody.\n9 May 2025\n\nMore body.\n"
    assert stripped(split_lines_keep(text), header=True) == text


def test_no_ticker_is_unchanged():
    text = "\ufeffTitle\r\n\r\nBody\u00a0text.\r\n"
    assert stripped(split_lines_keep(text)) == text


def split_lines_keep(text):
    lines = split_lines(text)
    ends = iter(_endings(text))
    return [line + next(ends, "") for line in lines]


def _endings(text):
    import re

    return re.findall(r"\r\n|\r|\n", text)


def test_byte_order_mark_on_the_first_ticker_line_stays():
    assert stripped(["\ufeff• KGS/USD = 0.01144 0%\n", "Title\n"]) == "\ufeffTitle\n"


def test_bom_and_ideographic_space_before_the_first_quote():
    """The line went as 'glued text' holding only the BOM and the space: strip
    kept it, audit reported an empty shortcode, parse made a quote a title."""
    from newsdump.auditing import audit_text
    from newsdump.parser import parse_text

    text = "\ufeff\u3000• A/USD = 1 0%\n\u2009• B/USD = 2 0%\nTitle\n\nBody.\n"
    assert "".join(strip_ticker(text.splitlines(keepends=True))) == "\ufeffTitle\n\nBody.\n"
    assert [(s.start, s.end, s.reason) for s in audit_text(text)] == [(1, 2, "ticker"), (4, 4, "blank")]
    (page,) = parse_text(text)
    assert [a.title for a in page.articles] == ["Title"] and len(page.record.ticker) == 2


@pytest.mark.parametrize(
    "data",
    [b"\x00\t\x00", "Title\nBody.\n".encode("utf-16-le") + b"\x07"],
    ids=["odd-byte", "utf16-tail"],
)
def test_strip_gives_back_the_bytes_of_wide_text_with_bad_bytes(data):
    """UTF-16 keeps a bad byte below 0x80 as a surrogate that surrogateescape
    cannot encode: `strip` of b'\\x00\\t\\x00' ended in a traceback (found by
    the hardening property test)."""
    from tests.conftest import run_main

    ran = run_main("strip", stdin=data)
    assert ran.returncode == 0 and b"Traceback" not in ran.stderr, ran.stderr
    assert ran.stdout == data
