"""Summaries of parsed pages for people: one per source, and a total.

>>> from newsdump.parser import parse_text
>>> s = collect_stats("a.txt", parse_text("• A/B = 1 0%\\n9 May 2025\\nViewing results 1 - 2 of 9\\nT\\n\\nB...\\n"))
>>> (s.pages, s.articles, s.truncated, s.first_date, s.coverage, s.warnings)
(1, 1, 1, '2025-05-09', '1-2 of 9', 1)
>>> s.warning_codes
{'count-mismatch': 1}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newsdump.records import ParsedPage


@dataclass(slots=True)
class SourceStats:
    """Counts for one source (or, with ``source=None``, for all of them)."""

    source: str | None
    pages: int = 0
    articles: int = 0
    truncated: int = 0
    first_date: str | None = None
    last_date: str | None = None
    results_first: int | None = None
    results_last: int | None = None
    results_total: int | None = None
    warnings: int = 0
    boilerplate: int = 0  # lines removed as the site's boilerplate
    duplicates: int = 0  # headline copies removed
    warning_codes: dict[str, int] = field(default_factory=dict)  # page warnings by code

    @property
    def coverage(self) -> str | None:
        """Which results the pages cover: ``first-last of total``."""
        if self.results_first is None:
            return None
        total = "?" if self.results_total is None else self.results_total
        return f"{self.results_first}-{self.results_last} of {total}"

    def add(self, other: SourceStats) -> None:
        """Fold another summary into this one."""
        self.pages += other.pages
        self.articles += other.articles
        self.truncated += other.truncated
        self.warnings += other.warnings
        self.boilerplate += other.boilerplate
        self.duplicates += other.duplicates
        for code, n in other.warning_codes.items():
            self.warning_codes[code] = self.warning_codes.get(code, 0) + n
        self.first_date = _min(self.first_date, other.first_date)
        self.last_date = _max(self.last_date, other.last_date)
        self.results_first = _min(self.results_first, other.results_first)
        self.results_last = _max(self.results_last, other.results_last)
        self.results_total = _max(self.results_total, other.results_total)


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def collect_stats(source: str, pages: Iterable[ParsedPage]) -> SourceStats:
    """Summarise a source's parsed pages (consumes the iterable)."""
    stats = SourceStats(source)
    for page in pages:
        record = page.record
        one = SourceStats(
            source,
            pages=1,
            articles=record.articles,
            truncated=sum(a.truncated for a in page.articles),
            first_date=record.page_date,
            last_date=record.page_date,
            warnings=len(record.warnings),
            boilerplate=sum(reason == "boilerplate" for _, reason in page.cleaned),
            duplicates=sum(reason == "duplicate" for _, reason in page.cleaned),
        )
        if record.results is not None:
            one.results_first, one.results_last = record.results.first, record.results.last
            one.results_total = record.results.total
        for warning in record.warnings:
            one.warning_codes[warning.code] = one.warning_codes.get(warning.code, 0) + 1
        stats.add(one)
    return stats
