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
