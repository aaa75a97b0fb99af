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
from typing import NamedTuple

from newsdump.records import Quote
from newsdump.text import normalize
from newsdump.ticker import parse_quote, split_glued


def find_quote(line: str) -> tuple[str | None, str, Quote | None]:
    """For a line holding a ``%``: ``(text before a glued quote or None, the
    quote's text, the quote or None)``.

    >>> find_quote("Body.• A/B = 1 0%")
    ('Body.', '• A/B = 1 0%', Quote(pair='A/B', rate=1.0, change_pct=0.0))
    """
    quote = parse_quote(line)
    if quote is None and (glued := split_glued(line)):
        return glued[0], glued[1], parse_quote(glued[1])
    return None, line, quote


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
        head, line, quote = find_quote(line)
        if head is not None:
            yield n, head, "", None
        yield n, line, ending, quote


class Removed(NamedTuple):
    """Input that is in no article: lines ``start``..``end`` (1-based), why,
    and the text normalised (lines joined by ``\\n``). ``whole`` is False for a
    piece of a line whose rest went into an article."""

    start: int
    end: int
    reason: str
    text: str
    whole: bool = True


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page before parsing: where it starts, its quotes, its text lines,
    and (when asked for) its ticker and blank lines."""

    line: int
    quotes: tuple[Quote, ...]
    lines: tuple[tuple[int, str], ...]
    skipped: tuple[Removed, ...] = ()
    glued: int = 0  # the last line, when the next page's ticker is glued onto its end


class _Builder:
    __slots__ = ("start", "quotes", "lines", "skipped")

    def __init__(self, start: int = 0, skipped: list[Removed] | None = None) -> None:
        self.start = start
        self.quotes: list[Quote] = []
        self.lines: list[tuple[int, str]] = []
        self.skipped: list[Removed] = skipped or []

    def page(self, glued: int = 0) -> RawPage | None:
        if not self.quotes and not self.lines:
            return None
        start = self.start or self.lines[0][0]
        skipped = tuple(r._replace(text="\n" * (r.end - r.start)) if r.reason == "blank" else r for r in self.skipped)
        return RawPage(start, tuple(self.quotes), tuple(self.lines), skipped, glued)

    def skip(self, n: int, reason: str, text: str, whole: bool) -> None:
        last = self.skipped[-1] if self.skipped else None
        if reason == "blank" and last is not None and last.reason == "blank" and last.end == n - 1:
            self.skipped[-1] = last._replace(end=n)  # its text, one "\n" between lines, is made in page()
        else:
            self.skipped.append(Removed(n, n, reason, text, whole))


def split_pages(lines: Iterable[str], keep_skipped: bool = False, first_line: int = 1) -> Iterator[RawPage]:
    """Yield the pages of a stream of lines (line endings optional).

    With ``keep_skipped``, each page also holds its ticker lines and blank
    lines (runs of blank lines merged), for :mod:`newsdump.auditing`. Blank lines
    before the first ticker of a stream belong to the page it starts.
    ``first_line`` is the number of the first line (a chunk of a file)."""
    cur = _Builder()
    in_ticker = False
    previous = 0  # the line number of the last piece seen: a quote on the same line was glued onto it
    quotes_seen: dict[str, tuple[str | None, str, Quote | None]] = {}  # find_quote's answers, by line
    for n, raw in enumerate(lines, first_line):  # one loop, no generator between lines: this is the hot path
        line = raw.rstrip("\r\n")
        if "%" in line:  # every quote ends with a percentage
            if (found := quotes_seen.get(line)) is None:  # a ticker repeats its lines: each is read once
                if len(quotes_seen) > 4096:
                    quotes_seen.clear()
                found = quotes_seen[line] = find_quote(line)
            head, line, quote = found
            if head is not None:  # text with the next page's ticker glued on by `cat`
                in_ticker = False
                cur.lines.append((n, normalize(head)))
                previous = n
            if quote is not None:
                if not in_ticker:
                    if (page := cur.page(n if n == previous else 0)) is not None:
                        yield page
                        cur = _Builder(n)
                    else:  # nothing but blank lines so far: they go with this page
                        cur = _Builder(n, cur.skipped)
                    in_ticker = True
                cur.quotes.append(quote)
                if keep_skipped:
                    cur.skip(n, "ticker", normalize(line), n != previous)
                previous = n
                continue
        previous = n
        text = normalize(line)
        if not text:
            if keep_skipped:
                cur.skip(n, "blank", "", True)
            continue
        in_ticker = False
        cur.lines.append((n, text))
    if (page := cur.page()) is not None:
        yield page
