"""The page parser: composes ticker, header, segmentation into records.

>>> pages = parse_text("• A/USD = 1.5 0%\\n18 December 2025\\n\\nA Title\\n\\nIts teaser...\\n")
>>> page = pages[0]
>>> page.record.page_date, page.record.ticker_repeats, page.articles[0].truncated
('2025-12-18', 1, True)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence

from newsdump.articles import Draft, segment_articles
from newsdump.lines import drop_trailing_continue
from newsdump.pages import HEADER_LINES, RawPage, split_pages
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.records import Article, PageRecord, ParsedPage, Results
from newsdump.text import split_lines
from newsdump.ticker import summarize

_MARKER_ENDS = ("...", "…", "]")
_TRUNCATION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)$")


def article_id(title: str, body: str) -> str:
    """First 16 hex digits of SHA-256 over ``title + "\\n" + body``."""
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]


def split_header(
    lines: Sequence[tuple[int, str]], rules: Rules = DEFAULT_RULES
) -> tuple[str | None, Results | None, tuple[str, ...]]:
    """Page date and result counts from the first lines, in either order,
    and what each header line was (``"date"`` or ``"results"``)."""
    date: str | None = None
    results: Results | None = None
    kinds: list[str] = []
    for _, text in lines[:HEADER_LINES]:
        if date is None and (found := rules.date(text)) is not None:
            date = found
            kinds.append("date")
        elif results is None and (counted := rules.results(text)) is not None:
            results = counted
            kinds.append("results")
        else:
            break
    return date, results, tuple(kinds)


def drop_inner_headers(
    lines: Sequence[tuple[int, str]], rules: Rules = DEFAULT_RULES
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Result lines after the header (with a date line just before one): the
    header of a dump without ticker that `cat` joined onto this page. They are
    boilerplate, not article text; returns the lines kept and those dropped,
    each dropped one as ``(line number, "date" or "results")``."""
    kept: list[tuple[int, str]] = []
    dropped: list[tuple[int, str]] = []
    results = rules.results
    for n, text in lines:
        if results(text) is not None:
            if kept and rules.date(kept[-1][1]) is not None:
                dropped.append((kept.pop()[0], "date"))
            dropped.append((n, "results"))
        else:
            kept.append((n, text))
    return kept, dropped


def cut_tail(paragraph: str) -> tuple[str, str, str]:
    """An article's last paragraph without its trailing ``Continue reading``
    and truncation marker: ``(kept, continue text, marker)``.

    >>> cut_tail("Rivers run dry... Continue reading")
    ('Rivers run dry', 'Continue reading', '...')
    """
    last = drop_trailing_continue(paragraph)
    cut = last
    if last.endswith(_MARKER_ENDS):  # look at the tail only: paragraphs can be megabytes
        cut = (last[:-12] + _TRUNCATION.sub("", last[-12:])).rstrip()
    return cut, paragraph[len(last) :].strip(), last[len(cut) :].strip()


def _finish_body(draft: Draft) -> tuple[str, bool]:
    """The body text, and whether it was cut off (marker removed)."""
    paragraphs = draft.paragraphs
    truncated = False
    if paragraphs:
        cut, _, marker = cut_tail(paragraphs[-1])
        truncated = bool(marker)
        paragraphs = paragraphs[:-1] + [cut] if cut else paragraphs[:-1]
    body = "\n\n".join(paragraphs)
    return body, truncated or not body


def _warnings(
    raw: RawPage,
    date: str | None,
    results: Results | None,
    found: int,
    unassigned: list[tuple[int, str]],
    inner_headers: list[tuple[int, str]],
) -> tuple[str, ...]:
    out: list[str] = []
    if not raw.quotes:
        out.append("no ticker")
    if date is None:
        out.append("no page date")
    if results is None:
        out.append("no result line")
    else:
        if results.total is None:
            out.append("result line has no total")
        elif results.last > results.total:
            out.append(f"result line: last {results.last} is above total {results.total}")
        promised = results.last - results.first + 1
        if promised != found:
            out.append(f"result line promises {promised} articles, {found} found")
    if unassigned:
        out.append(
            f"{len(unassigned)} line(s) before the first title not assigned to an article (line {unassigned[0][0]})"
        )
    if inner_headers:
        out.append(
            f"result line inside the page dropped (line {inner_headers[-1][0]}): "
            "a dump without ticker joined onto this one?"
        )
    return tuple(out)


def parse_page(raw: RawPage, source: str, index: int, rules: Rules = DEFAULT_RULES) -> ParsedPage:
    """Parse one raw page into its page record and article records."""
    date, results, kinds = split_header(raw.lines, rules)
    body_lines, inner = drop_inner_headers(raw.lines[len(kinds) :], rules)
    drafts, unassigned = segment_articles(body_lines, rules)
    articles = []
    for position, draft in enumerate(drafts, 1):
        body, truncated = _finish_body(draft)
        articles.append(
            Article(
                source,
                index,
                draft.line,
                date,
                results,
                position,
                draft.title,
                body,
                tuple(draft.subheadings),
                tuple(draft.captions),
                tuple(draft.notes),
                draft.author,
                truncated,
                article_id(draft.title, body),
            )
        )
    ticker, repeats = summarize(list(raw.quotes))
    record = PageRecord(
        source,
        index,
        raw.line,
        date,
        results,
        ticker,
        repeats,
        len(articles),
        _warnings(raw, date, results, len(articles), unassigned, inner),
    )
    return ParsedPage(record, tuple(articles))


def parse_stream(lines: Iterable[str], source: str = "-", rules: Rules = DEFAULT_RULES) -> Iterator[ParsedPage]:
    """Parse a stream of lines page by page (a generator: memory per page)."""
    for index, raw in enumerate(split_pages(lines), 1):
        yield parse_page(raw, source, index, rules)


def parse_text(text: str, source: str = "-", rules: Rules = DEFAULT_RULES) -> list[ParsedPage]:
    """Parse a whole dump held in a string."""
    return list(parse_stream(split_lines(text), source, rules))
