"""newsdump.auditing: each reason on a small hand-written page, span merging,
pages, and the per-reason counts."""

from newsdump.auditing import REASONS, audit_text, count_reasons
from newsdump.parser import cut_tail, parse_text
from newsdump.split import split_pages
from newsdump.strip import strip_ticker


def spans(text):
    return [(s.page, s.start, s.end, s.reason, s.text) for s in audit_text(text, "t.txt")]


def test_ticker_header_blank_and_truncation():
    text = (
        "• KGS/USD = 0.01144 0%\n"
        "  • KZT/USD = 0.00195 -0%\n"
        "• KGS/USD = 0.01144 0%\n"
        "\n"
        "  • KZT/USD = 0.00195 -0%\n"
        "18 December 2025\n"
        "Viewing results 1 - 1 of 9\n"
        "\n"
        "Water Wars\n"
        "Rivers run dry across the plain...\n"
    )
    assert spans(text) == [
        (
            1,
            1,
            5,
            "ticker",
            "• KGS/USD = 0.01144 0%\n• KZT/USD = 0.00195 -0%\n• KGS/USD = 0.01144 0%\n\n• KZT/USD = 0.00195 -0%",
        ),
        (1, 6, 6, "date", "18 December 2025"),
        (1, 7, 7, "results", "Viewing results 1 - 1 of 9"),
        (1, 8, 8, "blank", ""),
        (1, 10, 10, "truncation", "..."),
    ]


def test_archive_byline_continue_and_video():
    text = (
        "Grain Prices Climb\n"
        "  • Written by Ann Lee\n"
        'Farmers sell early [video mp4="a.mp4"][/video] this year...\n'
        "Continue reading\n"
        "Next Story Here\n"
        "Short teaser. Continue reading\n"
    )
    assert spans(text) == [
        (1, 2, 2, "byline", "• Written by Ann Lee"),
        (1, 3, 3, "shortcode", '[video mp4="a.mp4"][/video]'),
        (1, 3, 3, "truncation", "..."),
        (1, 4, 4, "continue", "Continue reading"),
        (1, 6, 6, "continue", "Continue reading"),
    ]


def test_text_before_the_first_title_is_unassigned():
    text = "a stray fragment, lower case,\n\nthen more of it,\n\nA Real Title\n\nIts body.\n"
    got = spans(text)
    assert got[0] == (1, 1, 3, "unassigned", "a stray fragment, lower case,\n\nthen more of it,")
    assert [s[3] for s in got[1:]] == ["blank", "blank"]


def test_a_line_of_text_less_shortcodes_is_removed_whole_and_captions_are_kept():
    text = 'A Title Here\n[video mp4="a.mp4"][/video]\nBody with [caption id="1"]Pic; image: TCA[/caption] inline.\n'
    assert spans(text) == [
        (1, 2, 2, "shortcode", '[video mp4="a.mp4"][/video]'),
        (1, 3, 3, "shortcode", '[caption id="1"]Pic; image: TCA[/caption]'),
    ]


def test_glued_ticker_is_a_piece_of_the_line_on_the_next_page():
    text = "A Title Here\nIts body.• KGS/USD = 0.01144 0%\nNext Title\nNext body.\n"
    assert spans(text) == [(2, 2, 2, "ticker", "• KGS/USD = 0.01144 0%")]


def test_glued_line_with_unplaced_text_is_not_reported_whole():
    got = spans("lower case text,• KGS/USD = 0.01144 0%\n")
    assert got == [(1, 1, 1, "unassigned", "lower case text,"), (2, 1, 1, "ticker", "• KGS/USD = 0.01144 0%")]


def test_result_line_inside_a_page_is_removed_with_its_date():
    text = "A Title Here\nIts body.\n\n9 December 2025\nViewing results 1 - 6 of 9\nNext Title\nNext body.\n"
    assert [s for s in spans(text) if s[3] != "blank"] == [
        (1, 4, 4, "date", "9 December 2025"),
        (1, 5, 5, "results", "Viewing results 1 - 6 of 9"),
    ]


def test_leading_blank_lines_belong_to_the_first_page():
    assert spans("\n\n• KGS/USD = 0.01144 0%\nA Title\nBody.\n") == [
        (1, 1, 2, "blank", "\n"),
        (1, 3, 3, "ticker", "• KGS/USD = 0.01144 0%"),
    ]


def test_empty_or_blank_input_has_no_spans():
    assert spans("") == [] and spans("\n \n\u00a0\n") == []


def test_pages_match_the_parser():
    pages = list(split_pages(["• A/B = 1 0%", "T", "b.", "• A/B = 1 0%", "T2"], keep_skipped=True))
    assert [p.line for p in pages] == [1, 4]
    assert [p.page for p in audit_text("• A/B = 1 0%\nT\nb.\n• A/B = 1 0%\nT2\n")] == [1, 2]


def test_count_reasons_lists_every_reason():
    counts = count_reasons(audit_text("• A/B = 1 0%\n• C/B = 2 0%\n\nT\nb...\n"))
    assert [c.reason for c in counts] == list(REASONS)
    by = {c.reason: (c.spans, c.lines, c.chars) for c in counts}
    assert by["ticker"] == (1, 2, len("• A/B = 1 0%\n• C/B = 2 0%"))
    assert by["truncation"] == (1, 1, 3)
    assert by["unassigned"] == (0, 0, 0)


def test_cut_tail():
    assert cut_tail("Teaser… Continue reading") == ("Teaser", "Continue reading", "…")
    assert cut_tail("Whole sentence.") == ("Whole sentence.", "", "")
    assert cut_tail("...") == ("", "", "...")


def test_parse_strip_and_audit_agree_on_the_header_lines():
    """One rule (newsdump.header) for all three: here the inner date follows its result line."""
    text = "• A/USD = 1 0%\nT1\n\nB1.\n\nViewing results 1 - 2 of 9\n9 May 2025\n\nT2\n\nB2."
    (page,) = parse_text(text)
    assert [a.title for a in page.articles] == ["T1", "T2"]
    stripped = "".join(strip_ticker(text.splitlines(keepends=True), header=True))
    assert stripped == "T1\n\nB1.\n\n\nT2\n\nB2."
    audited = {(s.start, s.reason) for s in audit_text(text)}
    assert {(6, "results"), (7, "date")} <= audited
