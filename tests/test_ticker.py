import pytest
from newsdump.records import Quote
from newsdump.ticker import parse_quote, split_glued, summarize


@pytest.mark.parametrize(
    "line, quote",
    [
        ("• KGS/USD = 0.01144 0%", Quote("KGS/USD", 0.01144, 0.0)),
        ("  • KZT/USD = 0.00195 -0%", Quote("KZT/USD", 0.00195, -0.0)),
        ("  • TJS/USD = 0.10861 0.18%  ", Quote("TJS/USD", 0.10861, 0.18)),
        ("\ufeff• UZS/USD = 0.00008 0%", Quote("UZS/USD", 0.00008, 0.0)),
        ("  • GEL/EUR = 0.34120 -1.05%", Quote("GEL/EUR", 0.3412, -1.05)),
        ("\u00a0\u00a0• AMD/EUR = 0.00231 +0.4%", Quote("AMD/EUR", 0.00231, 0.4)),
        ("KGS/USD = 0.01144 0%", Quote("KGS/USD", 0.01144, 0.0)),
        # Rates of four digits and more, with their thousands grouped (a rate the other way round: UZS per USD).
        ("• USD/UZS = 12,845.50 0.02%", Quote("USD/UZS", 12845.5, 0.02)),
        ("• USD/UZS = 12.845,50 -0,1%", Quote("USD/UZS", 12845.5, -0.1)),
        ("• USD/IRR = 1,050,000 0%", Quote("USD/IRR", 1050000.0, 0.0)),
        ("• USD/KZT = 512,30 0%", Quote("USD/KZT", 512.3, 0.0)),  # a decimal comma, as before
    ],
)
def test_parse_quote(line, quote):
    got = parse_quote(line)
    assert got == quote
    assert str(got.change_pct) == str(quote.change_pct)  # -0.0 stays negative zero


@pytest.mark.parametrize(
    "line",
    [
        "• Written by Jane Doe",
        "  • KGS/USD = 0.01144",  # no change
        "• KGS/USD 0.01144 0%",  # no '='
        "• kgs/usd = 0.01 0%",  # codes are upper case
        "• KGS/USD = 0.0 • KGS/USD = 0.0 0%",  # two quotes on a line
        "The KGS/USD = 0.01144 0% rate held steady all week, traders said on Monday in Bishkek.",
        "• " * 500,
        "",
    ],
)
def test_not_a_quote(line):
    assert parse_quote(line) is None


def test_split_glued():
    assert split_glued("text.• KGS/USD = 0.01144 0%") == ("text.", "• KGS/USD = 0.01144 0%")
    assert split_glued("text.\ufeff• KGS/USD = 0.01 0%")[1] == "• KGS/USD = 0.01 0%"
    assert split_glued("• KGS/USD = 0.01144 0%") is None  # a whole quote line is not glued
    assert split_glued("Rates • up 5%") is None
    assert split_glued("x" * 1_000_000 + "• A/B = 1 0%") is not None


def test_summarize_cycle_and_repeats():
    a, b, c = Quote("A/X", 1.0, 0.0), Quote("B/X", 2.0, 0.0), Quote("C/X", 3.0, 1.0)
    assert summarize([a, b, c] * 8) == ((a, b, c), 8)
    assert summarize([a, b, c]) == ((a, b, c), 1)
    assert summarize([a, b, c, a, b]) == ((a, b, c), 2)  # a cut-off last cycle still counts
    assert summarize([]) == ((), 0)


# Every Unicode space separator (category Zs), and the tab: SPEC.md section 2.
ZS = ["\t", " ", "\u00a0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f", "\u3000"]


@pytest.mark.parametrize("space", ZS, ids=lambda c: f"U+{ord(c):04X}")
def test_any_unicode_space_indents_and_separates_a_quote(space):
    assert parse_quote(f"{space}{space}•{space}KZT/USD{space}={space}0.00195{space}-0%{space}") == Quote(
        "KZT/USD", 0.00195, -0.0
    )


def test_bom_and_wide_space_before_a_bullet_are_not_glued_text():
    assert split_glued("\ufeff\u3000• A/USD = 1 0%") is None
    assert parse_quote("\ufeff\u3000• A/USD = 1 0%") == Quote("A/USD", 1.0, 0.0)


def test_a_long_line_is_tested_for_a_glued_quote_without_copies_of_its_text():
    """split_glued copied and normalised the text before the last bullet to
    see whether it is blank: for a line of 10 MB, 78 MB (review with fresh eyes)."""
    import tracemalloc

    line = "Rose prices farmers  • sharply 5% • " * 100_000 + "• KGS/USD = 87.45 0.12%"
    tracemalloc.start()
    try:
        head, tail = split_glued(line)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert tail == "• KGS/USD = 87.45 0.12%" and head == line[: -len(tail)]
    assert peak < 2.5 * len(line.encode("utf-16-le")), peak  # the head returned, not a copy more


@pytest.mark.parametrize(
    "line, damaged",
    [
        ("  • UZS/USD = ", True),
        ("• KZT/USD = 0.00195", True),
        ("• KZT/USD = n/a", True),
        ("• UZS/USD = 0.00008 0%", False),  # a quote
        ("USD/KZT = 540: Why the Tenge Keeps Sliding", False),  # a headline: words after the "="
        ("• Written by Jane Doe", False),
    ],
)
def test_damaged_quote_lines(line, damaged):
    from newsdump.ticker import is_damaged_quote

    assert is_damaged_quote(line) is damaged
