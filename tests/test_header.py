import pytest
from newsdump.dates import parse_date
from newsdump.records import Results
from newsdump.results import parse_results
from newsdump.text import normalize


@pytest.mark.parametrize(
    "line, iso",
    [
        ("18 December 2025", "2025-12-18"),
        ("9 December 2025", "2025-12-09"),
        ("09 December 2025", "2025-12-09"),
        ("December 9, 2025", "2025-12-09"),
        ("Dec 9, 2025", "2025-12-09"),
        ("2025-12-09", "2025-12-09"),
        ("9.12.2025", "2025-12-09"),
        ("09/12/2025", "2025-12-09"),  # day first
        ("Tuesday, 9 December 2025", "2025-12-09"),
        ("1st March 2026", "2026-03-01"),
        ("2025/12/09", "2025-12-09"),
        ("18 December, 2025", "2025-12-18"),
        # With the time of day, or a label, as many sites print their page date.
        ("26 November 2026 14:05", "2026-11-26"),
        ("26 November 2026, 14:05", "2026-11-26"),
        ("November 26, 2026 at 2:05 pm", "2026-11-26"),
        ("26.11.2026 14:05:30", "2026-11-26"),
        ("2026-11-26T14:05:00", "2026-11-26"),
        ("2026-11-26T14:05:00+05:00", "2026-11-26"),
        ("2026-11-26 14:05 UTC", "2026-11-26"),
        ("Updated: 26 November 2026", "2026-11-26"),
        ("Published 26 November 2026, 14:05", "2026-11-26"),
        ("Last updated on November 26, 2026", "2026-11-26"),
    ],
)
def test_parse_date(line, iso):
    assert parse_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Viewing results 7 - 12 of 1066",
        "Water Wars",
        "In December 2025 prices rose",
        "31 February 2025",
        "December 2025",
        "9 Smarch 2025",
        "2025",
        "Kazakhstan to Host Summit on 9 December 2025",
        "26 November 2026 14:05 Bishkek Talks Resume",
        "Updated: the summit moved to 9 December 2025",
        "26 November 2026 25:70",
        "",
    ],
)
def test_not_a_date(line):
    assert parse_date(line) is None


@pytest.mark.parametrize(
    "line, results",
    [
        ("Viewing results 7 - 12 of 1066", Results(7, 12, 1066)),
        ("Viewing results 1 - 6 of", Results(1, 6, None)),
        ("Viewing results 1 - 6 of 2", Results(1, 6, 2)),  # kept as printed
        ("Viewing results 1 – 6 of 1,066", Results(1, 6, 1066)),
        ("viewing results 1-6 of 8", Results(1, 6, 8)),
        ("Showing results 13 - 18 of 240", Results(13, 18, 240)),
        ("Viewing 7 - 12 of 1066 results", Results(7, 12, 1066)),
        # forms a review with fresh eyes found made into articles: grouped with spaces, a closing stop, singular
        ("Viewing results 1 - 2 of 1 066", Results(1, 2, 1066)),
        ("Viewing results 1 - 2 of 1\u00a0066", Results(1, 2, 1066)),
        ("Viewing results 1 - 2 of 1066.", Results(1, 2, 1066)),
        ("Viewing result 1 - 1 of 2", Results(1, 1, 2)),
    ],
)
def test_parse_results(line, results):
    assert parse_results(normalize(line)) == results


@pytest.mark.parametrize(
    "line", ["Viewing the results of the vote", "Results 1 - 6 of 8 were annulled", "", "Viewing results 1 - 2 of 1 2"]
)
def test_not_results(line):
    assert parse_results(line) is None


def test_a_label_over_the_result_line_goes_with_the_header():
    """A search page's label between the date and the result line kept the
    header from being read: no date, no counts, and the label became an
    article (fourth review)."""
    from newsdump.header import read_header

    lines = ["26 November 2026", "Search results for “water”", "Viewing results 1 - 2 of 57", "T1", "B1."]
    header = read_header(lines)
    assert (header.date, header.results, header.top) == ("2026-11-26", Results(1, 2, 57), 3)
    assert header.lines == ((0, "date"), (1, "results"), (2, "results"))
    sentence = read_header(["26 November 2026", "Water was the theme of the week.", "Viewing results 1 - 2 of 57"])
    assert (sentence.date, sentence.results, sentence.top) == ("2026-11-26", None, 1)
