import hashlib

from newsdump.parser import article_id, parse_text
from newsdump.records import WARNING_CODES

TICKER = "• KGS/USD = 0.01144 0%\n  • KZT/USD = 0.00195 -0%\n"


def test_article_id_is_sha256_of_title_newline_body():
    assert article_id("T", "B") == hashlib.sha256(b"T\nB").hexdigest()[:16]


def test_records_carry_page_context():
    pages = parse_text(
        TICKER * 3 + "18 December 2025\n\nViewing results 7 - 8 of 1066\n\nT1\n\nB1.\n\nT2\n\nB2...\n",
        source="x.txt",
    )
    assert len(pages) == 1
    page = pages[0].record
    assert (page.source, page.page, page.line, page.page_date, page.ticker_repeats, page.articles) == (
        "x.txt",
        1,
        1,
        "2025-12-18",
        3,
        2,
    )
    a1, a2 = pages[0].articles
    assert (a1.line, a1.position, a1.title, a1.body, a1.truncated) == (11, 1, "T1", "B1.", False)
    assert (a2.line, a2.position, a2.body, a2.truncated) == (15, 2, "B2", True)
    assert a1.results == page.results and a1.results.total == 1066


def test_truncation_markers():
    for marker in ("...", "…", " [...]", " […]"):
        (page,) = parse_text(f"Title\n\nThe text was cut{marker}\n")
        assert page.articles[0].body == "The text was cut" and page.articles[0].truncated


def test_no_body_is_truncated():
    (page,) = parse_text("Only A Title\n")
    assert page.articles[0].body == "" and page.articles[0].truncated


def test_body_joins_paragraphs_and_subheadings():
    (page,) = parse_text("A Title Long Enough to Be a Real Headline\n\nP one.\n\nP two.\n\nA Subheading\n\nP three.\n")
    assert page.articles[0].body == "P one.\n\nP two.\n\nA Subheading\n\nP three."
    assert page.articles[0].subheadings == ("A Subheading",)


def codes(page) -> dict:
    return {w.code: (w.message, w.line) for w in page.record.warnings}


def test_warnings_are_objects_with_a_stable_code_and_the_line():
    (page,) = parse_text("Viewing results 1 - 6 of 2\n\nT\n\nB.\n")
    found = codes(page)
    assert found["no-ticker"] == ("no ticker", None) and found["no-date"] == ("no page date", None)
    assert found["results-last-above-total"] == ("result line: last 6 is above total 2", 1)
    assert found["count-mismatch"] == ("result line promises 6 articles, 1 found", 1)
    assert set(found) <= set(WARNING_CODES)
    (page,) = parse_text(TICKER + "1 May 2025\nViewing results 1 - 1 of 9\nT\n\nB.\n")
    assert page.record.warnings == ()


def test_lines_before_the_first_title_are_named_by_their_first_line():
    (page,) = parse_text(TICKER + "1 May 2025\nViewing results 1 - 1 of 9\nlead-in, not a title,\nT\n\nB.\n")
    assert codes(page)["unassigned-lines"][1] == TICKER.count("\n") + 3


def test_result_line_inside_a_page_is_dropped_with_its_date_and_named():
    (page,) = parse_text(TICKER + "T1\n\nB1.\n\n9 May 2025\n\nViewing results 1 - 2 of 9\n\nT2\n\nB2.\n")
    assert [(a.title, a.body) for a in page.articles] == [("T1", "B1."), ("T2", "B2.")]
    assert codes(page)["inner-header-dropped"] == (
        "result line inside the page dropped: a dump without ticker joined onto this one?",
        9,
    )


def test_an_inner_result_line_takes_the_date_after_it_too():
    (page,) = parse_text(TICKER + "T1\n\nB1.\n\nViewing results 1 - 2 of 9\n9 May 2025\n\nT2\n\nB2.")
    assert [(a.title, a.body) for a in page.articles] == [("T1", "B1."), ("T2", "B2.")]


def test_header_date_may_follow_the_ticker_without_blank_line():
    (page,) = parse_text(TICKER + "December 9, 2025\nViewing results 1 - 6 of\nT\n\nB.\n")
    assert page.record.page_date == "2025-12-09"
    assert page.record.results.total is None
    assert codes(page)["results-no-total"] == ("result line has no total", TICKER.count("\n") + 2)


def test_two_identical_captions_in_a_row_are_two_captions_not_a_headline_copy():
    """Found by hypothesis: the headline-copy rule took the second caption for a copy."""
    caption = "The the approved the; image: Japan MOFA"
    text = TICKER + f"A Title Long Enough to Be a Headline\n\nP one.\n\nP two.\n\n{caption}\n\n{caption}\n\nP three.\n"
    (page,) = parse_text(text)
    assert page.articles[0].captions == (caption, caption)
