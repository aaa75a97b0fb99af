from newsdump.split import split_pages
from newsdump.text import split_lines

TICKER = [
    "• KGS/USD = 0.01144 0%",
    "  • KZT/USD = 0.00195 -0%",
    "  • TJS/USD = 0.10861 0.18%",
    "  • UZS/USD = 0.00008 0%",
]


def pages_of(text):
    return list(split_pages(split_lines(text)))


def test_ticker_starts_a_page_and_is_removed():
    text = "\n".join(TICKER * 2 + ["18 December 2025", "", "Title", "", "Body."] + TICKER + ["Next", "Body."])
    pages = pages_of(text)
    assert [p.line for p in pages] == [1, 14]
    assert len(pages[0].quotes) == 8 and len(pages[1].quotes) == 4
    assert pages[0].lines == ((9, "18 December 2025"), (11, "Title"), (13, "Body."))


def test_blank_lines_inside_a_ticker_keep_one_block():
    pages = pages_of("\n".join([TICKER[0], "", TICKER[1], "", "Title"]))
    assert len(pages) == 1 and len(pages[0].quotes) == 2


def test_text_before_the_first_ticker_is_a_page():
    pages = pages_of("\n".join(["Stray Title", "Stray body."] + TICKER + ["Title", "Body."]))
    assert [(p.line, len(p.quotes)) for p in pages] == [(1, 0), (3, 4)]


def test_no_ticker_at_all_is_one_page():
    pages = pages_of("\n\nTitle\n\nBody.\n\nOther\n\nBody two.\n")
    assert len(pages) == 1 and pages[0].line == 3 and not pages[0].quotes


def test_blank_input_has_no_page():
    assert pages_of("") == [] and pages_of("\n \n\u00a0\n\t\n") == []


def test_ticker_glued_by_cat_without_trailing_newline():
    text = "\n".join(TICKER + ["Title", "Last body line."]) + "\n".join(TICKER + ["Second", "Body."])
    pages = pages_of(text)
    assert len(pages) == 2
    assert pages[0].lines[-1] == (6, "Last body line.")
    assert pages[1].line == 6 and len(pages[1].quotes) == 4


def test_only_a_ticker_starts_a_page():
    # SPEC: a whole stream without a ticker is one page, whatever result lines it holds
    text = "\n".join(["Title", "Body.", "9 December 2025", "Viewing results 1 - 2 of 2", "T2", "B2."])
    assert len(pages_of(text)) == 1


def test_header_lines_in_either_order_do_not_split():
    text = "\n".join(TICKER + ["Viewing results 1 - 2 of 2", "9 December 2025", "Title", "Body."])
    assert len(pages_of(text)) == 1


def test_byline_bullet_does_not_start_a_page():
    text = "\n".join(TICKER + ["Title", "  • Written by Jane Doe", "Teaser.", "Continue reading"])
    pages = pages_of(text)
    assert len(pages) == 1 and (6, "• Written by Jane Doe") in pages[0].lines


def test_line_numbers_count_crlf_once_and_lone_cr():
    pages = list(split_pages(["• A/B = 1 0%\r\n", "Title\r\n", "\r\n", "Body.\r"]))
    assert pages[0].lines == ((2, "Title"), (4, "Body."))


def test_split_pages_is_lazy():
    def lines():
        yield from TICKER + ["Title", "Body."]
        yield from TICKER
        raise AssertionError("read past the second page's first line")

    first = next(iter(split_pages(lines())))
    assert first.lines[0][1] == "Title"
