"""Which lines of a page are header lines: the one rule that parse, strip and
audit all use.

A page's *header* is its first lines when they are the page date and the
result counts, in either order, at most one of each; a short label right
above the result line (``Search results for “water”``) goes with it. A result line further
down the page is the header of a dump without a ticker that ``cat`` joined
onto this one: it goes too, with the date line just before it or, when that
is not a date, just after it (both orders are seen at the top of pages).

Lines here are a page's non-blank lines, normalised; the answer names them
by their index in that sequence.

>>> h = read_header(["9 May 2025", "Viewing results 1 - 2 of 9", "T1", "B1.",
...                  "Viewing results 1 - 2 of 9", "9 May 2025", "T2", "B2."])
>>> h.date, h.results, h.top, h.lines
('2025-05-09', Results(first=1, last=2, total=9), 2, ((0, 'date'), (1, 'results'), (4, 'results'), (5, 'date')))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdump.boilerplate import is_label
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.records import Results
from newsdump.results import MAX_RESULTS_LEN

# A page's header is at most this many lines: the date and the result counts, in either order.
HEADER_LINES = 2


@dataclass(frozen=True, slots=True)
class Header:
    """The page date and result counts read from the top of a page, how many
    lines that header takes (``top``), and every header line of the page,
    top and inner, as ``(index, "date" or "results")`` in order."""

    date: str | None
    results: Results | None
    top: int
    lines: tuple[tuple[int, str], ...]

    @property
    def count(self) -> int | None:
        """How many articles the page's result line says it shows (see
        :attr:`newsdump.records.Results.count`), or None."""
        return self.results.count if self.results else None

    @property
    def inner(self) -> tuple[tuple[int, str], ...]:
        """The header lines below the page's own header."""
        return tuple(item for item in self.lines if item[0] >= self.top)


def read_header(texts: Sequence[str], rules: Rules = DEFAULT_RULES) -> Header:
    """The header of a page whose non-blank lines are ``texts``."""
    date: str | None = None
    results: Results | None = None
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(texts) and (date is None or results is None):  # at most HEADER_LINES, and a label
        text = texts[i]
        if date is None and (day := rules.date(text)) is not None:
            date = day
            found.append((i, "date"))
        elif results is None and (counted := rules.results(text)) is not None:
            results = counted
            found.append((i, "results"))
        elif results is None and is_label(text) and i + 1 < len(texts) and (counted := rules.results(texts[i + 1])):
            results = counted  # "Search results for “water”" over its result line: one header line of two
            found += [(i, "results"), (i + 1, "results")]
            i += 1
        else:
            break
        i += 1
    top = len(found)
    is_results = rules.results
    taken = top  # lines before this index are already header lines
    for i in range(top, len(texts)):
        # (a line longer than any result line is not one: the cheap test first, on every line of every page)
        if i < taken or len(texts[i]) > MAX_RESULTS_LEN or is_results(texts[i]) is None:
            continue
        if i - 1 >= taken and rules.date(texts[i - 1]) is not None:
            found += [(i - 1, "date"), (i, "results")]
        elif i + 1 < len(texts) and rules.date(texts[i + 1]) is not None and is_results(texts[i + 1]) is None:
            found += [(i, "results"), (i + 1, "date")]
        else:
            found.append((i, "results"))
        taken = found[-1][0] + 1
    return Header(date, results, top, tuple(found))
