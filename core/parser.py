"""The page parser: composes ticker, header, segmentation into records.

>>> pages = parse_text("• A/USD = 1.5 0%\\n18 December 2025\\n\\nA Title\\n\\nIts teaser...\\n")
>>> page = pages[0]
>>> page.record.page_date, page.record.ticker_repeats, page.articles[0].truncated
('2025-12-18', 1, True)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from newsdump.articles import Draft, segment_articles
from newsdump.boilerplate import clean_lines
from newsdump.header import Header, read_header
from newsdump.lines import Kind
from newsdump.lines import cut_tail as _cut_tail
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.records import Article, PageRecord, PageWarning, ParsedPage
from newsdump.split import RawPage, split_blocks, split_pages
from newsdump.text import split_lines
from newsdump.ticker import summarize


def article_id(title: str, body: str) -> str:
    """First 16 hex digits of SHA-256 over ``title + "\\n" + body``."""
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]


def clean_page(
    lines: Sequence[tuple[int, str]], rules: Rules = DEFAULT_RULES
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The page's lines without its boilerplate and headline copies, and the
    lines removed as ``(line number, "boilerplate" or "duplicate")``: the
    first step, before the header and the articles (:mod:`newsdump.boilerplate`)."""
    return clean_lines(
        lines,
        rules.is_boilerplate,
        rules.duplicates,
        lambda text: _is_header(text, rules),
        lambda text: rules.is_caption(text) or rules.is_note(text),
        lambda text: rules.test(Kind.CONTINUE)(text) is not None or rules.test(Kind.BYLINE)(text) is not None,
    )


def _is_header(text: str, rules: Rules) -> bool:
    return rules.date(text) is not None or rules.results(text) is not None


def cut_tail(paragraph: str, rules: Rules = DEFAULT_RULES) -> tuple[str, str, str]:
    """An article's last paragraph without its trailing read-more phrase
    and truncation marker: ``(kept, read-more text, marker)``.

    >>> cut_tail("Rivers run dry... Continue reading")
    ('Rivers run dry', 'Continue reading', '...')
    """
    return _cut_tail(paragraph, rules.drop_read_more)


def _finish_body(draft: Draft, rules: Rules) -> tuple[str, bool]:
    """The body text, and whether it was cut off (marker removed)."""
    paragraphs = draft.paragraphs
    truncated = False
    if paragraphs:
        cut, _, marker = cut_tail(paragraphs[-1], rules)
        truncated = bool(marker)
        paragraphs = paragraphs[:-1] + [cut] if cut else paragraphs[:-1]
    body = "\n\n".join(paragraphs)
    return body, truncated or not body


def _warnings(
    raw: RawPage, header: Header, found: int, unassigned: list[tuple[int, str]], ambiguous: list[int]
) -> tuple[PageWarning, ...]:
    out: list[PageWarning] = []
    if not raw.quotes:
        out.append(PageWarning("no-ticker", "no ticker"))
    if header.date is None:
        out.append(PageWarning("no-date", "no page date"))
    results = header.results
    if results is None:
        out.append(PageWarning("no-results", "no result line"))
    else:
        at = next(raw.lines[i][0] for i, kind in header.lines if kind == "results")
        if results.total is None:
            out.append(PageWarning("results-no-total", "result line has no total", at))
        elif results.last > results.total:
            out.append(
                PageWarning(
                    "results-last-above-total", f"result line: last {results.last} is above total {results.total}", at
                )
            )
        if results.promised != found:
            out.append(
                PageWarning("count-mismatch", f"result line promises {results.promised} articles, {found} found", at)
            )
    if unassigned:
        out.append(
            PageWarning(
                "unassigned-lines",
                f"{len(unassigned)} line(s) before the first title not assigned to an article",
                unassigned[0][0],
            )
        )
    for i, kind in header.inner:
        if kind == "results":
            out.append(
                PageWarning(
                    "inner-header-dropped",
                    "result line inside the page dropped: a dump without ticker joined onto this one?",
                    raw.lines[i][0],
                )
            )
    if ambiguous:
        out.append(
            PageWarning(
                "ambiguous-layout",
                "one full article whose subheadings have one paragraph each, or a title and teasers? read as teasers",
                ambiguous[0],
            )
        )
    return tuple(out)


def body_lines(raw: RawPage, header: Header) -> list[tuple[int, str]]:
    """The page's text lines without its header lines."""
    if len(header.lines) == header.top:  # the page's own header only: its first lines
        return list(raw.lines[header.top :])
    dropped = {i for i, _ in header.lines}
    return [line for i, line in enumerate(raw.lines) if i not in dropped]


def _read_page(
    raw: RawPage, source: str, index: int, rules: Rules
) -> tuple[RawPage, Header, list[Draft], list[tuple[int, str]], tuple[Article, ...], list[tuple[int, str]]]:
    """The steps of :func:`parse_page` up to the article records:
    ``(page without its cleaned lines, header, drafts, unassigned lines, articles, cleaned lines)``."""
    lines, cleaned = clean_page(raw.lines, rules)
    if cleaned:
        raw = replace(raw, lines=tuple(lines))
    header = read_header([text for _, text in raw.lines], rules)
    date, results = header.date, header.results
    drafts, unassigned = segment_articles(body_lines(raw, header), rules, header.count)
    articles = []
    for position, draft in enumerate(drafts, 1):
        body, truncated = _finish_body(draft, rules)
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
    return raw, header, drafts, unassigned, tuple(articles), cleaned


def page_articles(raw: RawPage, source: str, index: int, rules: Rules = DEFAULT_RULES) -> tuple[Article, ...]:
    """The article records of one raw page: :func:`parse_page` without the
    page record (``parse`` prints no page record, and needs no quotes)."""
    return _read_page(raw, source, index, rules)[4]


def parse_page(raw: RawPage, source: str, index: int, rules: Rules = DEFAULT_RULES) -> ParsedPage:
    """Parse one raw page into its page record and article records."""
    raw, header, drafts, unassigned, articles, cleaned = _read_page(raw, source, index, rules)
    ticker, repeats = summarize(list(raw.quotes))
    record = PageRecord(
        source,
        index,
        raw.line,
        header.date,
        header.results,
        ticker,
        repeats,
        len(articles),
        _warnings(raw, header, len(articles), unassigned, [d.line for d in drafts if d.ambiguous]),
    )
    return ParsedPage(record, articles, tuple(cleaned))


def parse_stream(
    lines: Iterable[str], source: str = "-", rules: Rules = DEFAULT_RULES, first_line: int = 1
) -> Iterator[ParsedPage]:
    """Parse a stream of lines page by page (a generator: memory per page)."""
    for index, raw in enumerate(split_pages(lines, first_line=first_line), 1):
        yield parse_page(raw, source, index, rules)


def parse_blocks(
    blocks: Iterable[str], source: str = "-", rules: Rules = DEFAULT_RULES, first_line: int = 1
) -> Iterator[ParsedPage]:
    """:func:`parse_stream` for text in blocks (:meth:`newsdump.reader.Reader.blocks`):
    the same pages, by the fast path :func:`newsdump.split.split_blocks`."""
    for index, raw in enumerate(split_blocks(blocks, first_line), 1):
        yield parse_page(raw, source, index, rules)


def parse_text(text: str, source: str = "-", rules: Rules = DEFAULT_RULES) -> list[ParsedPage]:
    """Parse a whole dump held in a string."""
    return list(parse_stream(split_lines(text), source, rules))
