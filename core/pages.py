"""Page splitting: a stream of lines in, raw pages out, lazily.

A page starts at a ticker block (a run of quote lines, blank lines allowed
inside), including a ticker glued to the end of the previous line by ``cat``
of files without a trailing newline. Text before the first ticker, or a whole
stream without one, is one page. Nothing else starts a page: a dump without
a ticker concatenated after another stays part of that page (its result
line is dropped as boilerplate by the page parser, which warns).

Each raw page holds its quotes and its non-blank, non-ticker lines,
normalised, with their 1-based line numbers; blank lines are not kept, so a
run of a million blank lines costs nothing.

>>> [p.line for p in split_pages(["• A/B = 1 0%", "Title", "Body.", "• A/B = 1 0%", "T2"])]
[1, 4]
>>> [p.lines for p in split_pages(["Title", "Body.• A/B = 1 0%", "T2"])]
[((1, 'Title'), (2, 'Body.')), ((3, 'T2'),)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from core.records import Quote
from core.text import BOM, normalize
from core.ticker import parse_quote, split_glued


def scan_lines(lines: Iterable[str]) -> Iterator[tuple[int, str, str, Quote | None]]:
    """``(line number, text, line ending, quote or None)`` per input line.

    A line with a ticker glued onto its end comes as two pieces with the same
    number: its text (no ending), then the quote (with the line's ending).

    >>> [piece[1:] for piece in scan_lines(["Body.• A/B = 1 0%\\r\\n"])]
    [('Body.', '', None), ('• A/B = 1 0%', '\\r\\n', Quote(pair='A/B', rate=1.0, change_pct=0.0))]
    """
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")  # at most one ending: a lone CR ends a line too
        ending = raw[len(line) :]
        if "%" not in line:  # every quote ends with a percentage
            yield n, line, ending, None
            continue
        quote = parse_quote(line)
        if quote is None and (glued := split_glued(line)):
            yield n, glued[0], "", None
            line, quote = glued[1], parse_quote(glued[1])
        yield n, line, ending, quote


# A page's header is at most this many lines: the date and the result counts, in either order.
HEADER_LINES = 2


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page before parsing: where it starts, its quotes, its text lines."""

    line: int
    quotes: tuple[Quote, ...]
    lines: tuple[tuple[int, str], ...]


class _Builder:
    __slots__ = ("start", "quotes", "lines")

    def __init__(self, start: int = 0) -> None:
        self.start = start
        self.quotes: list[Quote] = []
        self.lines: list[tuple[int, str]] = []

    def page(self) -> RawPage | None:
        if not self.quotes and not self.lines:
            return None
        start = self.start or self.lines[0][0]
        return RawPage(start, tuple(self.quotes), tuple(self.lines))


def split_pages(lines: Iterable[str]) -> Iterator[RawPage]:
    """Yield the pages of a stream of lines (line endings optional)."""
    cur = _Builder()
    in_ticker = False
    for n, line, _, quote in scan_lines(lines):
        if quote is not None:
            if not in_ticker:
                if (page := cur.page()) is not None:
                    yield page
                cur, in_ticker = _Builder(n), True
            cur.quotes.append(quote)
            continue
        text = " ".join(line.split()) if BOM not in line else normalize(line)
        if not text:
            continue
        in_ticker = False
        cur.lines.append((n, text))
    if (page := cur.page()) is not None:
        yield page
