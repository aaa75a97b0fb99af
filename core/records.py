"""The records newsdump emits, as frozen dataclasses.

Field order is the order of SPEC.md sections 3 and 4, so serialising a
record with orjson gives the documented JSON object as is.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


def _plain(value: Any) -> Any:
    """JSON-ready: records become dicts (fields in order), tuples lists."""
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class _Record:
    """A record that turns into the plain dict the command line prints."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The record as the JSON object ``newsdump`` prints, in plain Python.

        >>> Results(7, 12, None).to_dict()
        {'first': 7, 'last': 12, 'total': None}
        """
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Results(_Record):
    """``Viewing results 7 - 12 of 1066`` -> Results(7, 12, 1066)."""

    first: int
    last: int
    total: int | None

    @property
    def promised(self) -> int:
        """How many articles the line promises on its page, as printed."""
        return self.last - self.first + 1

    @property
    def count(self) -> int | None:
        """:attr:`promised` when the line is consistent (its last within its
        total), else None: ``1 - 6 of 2`` does not say how many are shown."""
        return self.promised if self.total is None or self.last <= self.total else None


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    """One ticker quote: ``KZT/USD = 0.00195 -0%`` -> Quote("KZT/USD", 0.00195, -0.0)."""

    pair: str
    rate: float
    change_pct: float


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One article record (SPEC.md section 3)."""

    source: str
    page: int
    line: int
    page_date: str | None
    results: Results | None
    position: int
    title: str
    body: str
    subheadings: tuple[str, ...]
    captions: tuple[str, ...]
    notes: tuple[str, ...]
    author: str | None
    truncated: bool
    id: str


# The stable codes of page warnings (the page schema lists them as an enum).
WARNING_CODES = (
    "no-ticker",  # the page has no ticker
    "no-date",  # no page date in its header
    "no-results",  # no result line in its header
    "results-no-total",  # the result line has no total
    "results-last-above-total",  # its last number is above its total
    "count-mismatch",  # it promises last - first + 1 articles, and another number was found
    "unassigned-lines",  # lines before the first title belong to no article
    "inner-header-dropped",  # a result line inside the page (a ticker-less dump joined on) was dropped
    "ambiguous-layout",  # one full article or a title and teasers? nothing on the page decides (newsdump.articles)
)


@dataclass(frozen=True, slots=True)
class PageWarning(_Record):
    """Something a person should know about a page: a stable ``code`` a
    program can group by, a ``message`` for people, and the line it concerns
    (or None)."""

    code: str
    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class PageRecord(_Record):
    """One page record (SPEC.md section 4)."""

    source: str
    page: int
    line: int
    page_date: str | None
    results: Results | None
    ticker: tuple[Quote, ...]
    ticker_repeats: int
    articles: int
    warnings: tuple[PageWarning, ...]


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page record together with its article records, and the lines taken
    out as boilerplate or headline copies (``(line, reason)``, for stats)."""

    record: PageRecord
    articles: tuple[Article, ...]
    cleaned: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class AuditSpan(_Record):
    """Input lines ``start``..``end`` of a page that are in no article, and why
    (``newsdump audit``); ``text`` is what was removed, normalised."""

    source: str
    page: int
    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class QuoteRecord(_Record):
    """One ticker quote of one page (``newsdump ticker``)."""

    source: str
    page: int
    page_date: str | None
    pair: str
    base: str
    quote: str
    rate: float
    change_pct: float


def quote_records(page: PageRecord) -> tuple[QuoteRecord, ...]:
    """The page's distinct quotes as records, in the order of the first cycle."""
    records = []
    for q in page.ticker:
        base, _, quote = q.pair.partition("/")
        records.append(QuoteRecord(page.source, page.page, page.page_date, q.pair, base, quote, q.rate, q.change_pct))
    return tuple(records)
