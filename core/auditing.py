"""The removal audit: every piece of input that is in no article, and why.

The parser keeps article text (titles, paragraphs, subheadings, captions,
notes) and removes the rest. This module accounts for the rest, span by
span, with one of these reasons:

* ``ticker``: quote lines (and a quote glued onto the end of a line);
* ``date``, ``results``: the page header, or a header inside the page;
* ``shortcode``: shortcode markup taken out of a line (a caption's text inside
  it went to ``captions``), or a line that held only text-less shortcodes;
* ``truncation``: the ``...`` / ``…`` that ends a cut-off body;
* ``continue``: a ``Continue reading`` line, or those words ending a body;
* ``byline``: a ``Written by Name`` line (the name is the record's ``author``);
* ``blank``: lines holding only white space;
* ``unassigned``: text the segmenter could not place (before the first title);
* ``boilerplate``: a line of the site's boilerplate (profile ``[boilerplate]``);
* ``duplicate``: a headline copy (see :mod:`newsdump.boilerplate`).

Whole lines with the same reason that follow each other are one span, and so
are blank lines between two of them; a piece of a line whose rest went into
an article is a span of its own.

>>> text = "• A/USD = 1.5 0%\\n18 December 2025\\n\\nA Title\\n\\nIts teaser...\\n"
>>> [(s.start, s.end, s.reason, s.text) for s in audit_text(text)]
[(1, 1, 'ticker', '• A/USD = 1.5 0%'), (2, 2, 'date', '18 December 2025'), (3, 3, 'blank', ''), \
(5, 5, 'blank', ''), (6, 6, 'truncation', '...')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from newsdump.articles import assemble, classify_lines
from newsdump.header import read_header
from newsdump.lines import REASONS as KIND_REASONS
from newsdump.lines import Kind
from newsdump.parser import body_lines, clean_page, cut_tail
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.records import AuditSpan
from newsdump.shortcodes import removed_shortcodes
from newsdump.split import RawPage, Removed, split_pages
from newsdump.text import split_lines

REASONS = (
    "ticker",
    "date",
    "results",
    "shortcode",
    "truncation",
    "continue",
    "byline",
    "blank",
    "unassigned",
    "boilerplate",
    "duplicate",
)


def _text_removals(raw: RawPage, rules: Rules) -> list[Removed]:
    """What the page parser removes from the page's text lines."""
    out: list[Removed] = []
    lines, cleaned = clean_page(raw.lines, rules)
    if cleaned:
        texts = dict(raw.lines)
        out.extend(Removed(n, n, reason, texts[n]) for n, reason in cleaned)
        raw = replace(raw, lines=tuple(lines))
    header = read_header([text for _, text in raw.lines], rules)
    for i, reason in header.lines:
        n, text = raw.lines[i]
        out.append(Removed(n, n, reason, text))
    lines = body_lines(raw, header)
    items = classify_lines(lines, rules)
    owners: list[int] = []
    drafts, _ = assemble(items, owners, rules, header.count)
    last_paragraph: dict[int, int] = {}  # draft -> index of its last paragraph item
    for i, (item, owner) in enumerate(zip(items, owners)):
        n, text = lines[i]
        kind = item.kind
        removed = KIND_REASONS[kind]  # the line kinds that are removed whole, wherever they stand
        if removed is not None:
            out.append(Removed(n, n, removed, text))
        elif owner < 0:
            out.append(Removed(n, n, "unassigned", text))
        else:
            out.extend(Removed(n, n, "shortcode", piece, False) for piece in removed_shortcodes(text))
            if kind in (Kind.HEADING, Kind.PARAGRAPH) and n != drafts[owner].line:
                last_paragraph[owner] = i
    for i in last_paragraph.values():
        n = items[i].line
        kept, words, marker = cut_tail(items[i].text, rules)
        if words:
            out.append(Removed(n, n, "continue", words, False))
        if marker:
            out.append(Removed(n, n, "truncation", marker, False))
    return out


def _merge(removals: list[Removed]) -> list[Removed]:
    """Whole lines with one reason that follow each other (blank lines
    between them included) become one span. Linear: the texts of a span are
    collected in a list and joined once."""
    merged: list[tuple[Removed, list[str]]] = []  # (span so far, its lines' texts)
    for r in removals:
        prev = merged[-1][0] if merged else None
        if prev is not None and r.whole and prev.whole and prev.end + 1 == r.start:
            if prev.reason == r.reason:
                merged[-1][1].append(r.text)
                merged[-1] = (prev._replace(end=r.end), merged[-1][1])
                continue
            before = merged[-2][0] if len(merged) > 1 else None
            if (
                prev.reason == "blank"
                and before is not None
                and before.whole
                and before.reason == r.reason
                and before.end + 1 == prev.start
            ):
                texts = merged[-2][1]
                texts += (prev.text, r.text)
                merged[-2:] = [(before._replace(end=r.end), texts)]
                continue
        merged.append((r, [r.text]))
    return [r._replace(text="\n".join(texts)) for r, texts in merged]


def audit_page(raw: RawPage, source: str, index: int, rules: Rules = DEFAULT_RULES) -> list[AuditSpan]:
    """The audit spans of one page, in line order. The page must come from
    ``split_pages(..., keep_skipped=True)`` for its ticker and blank lines."""
    removals = [r._replace(whole=False) if r.start == raw.glued else r for r in _text_removals(raw, rules)]
    removals = sorted([*raw.skipped, *removals], key=lambda r: r.start)
    return [AuditSpan(source, index, r.start, r.end, r.reason, r.text) for r in _merge(removals)]


def audit_stream(lines: Iterable[str], source: str = "-", rules: Rules = DEFAULT_RULES) -> Iterator[AuditSpan]:
    """The audit spans of a stream of lines, page by page (a generator)."""
    for spans in audit_pages(lines, source, rules):
        yield from spans


def audit_pages(
    lines: Iterable[str], source: str = "-", rules: Rules = DEFAULT_RULES, first_line: int = 1
) -> Iterator[list[AuditSpan]]:
    """The audit spans of each page of a stream (a page may have none)."""
    for index, raw in enumerate(split_pages(lines, keep_skipped=True, first_line=first_line), 1):
        yield audit_page(raw, source, index, rules)


def audit_text(text: str, source: str = "-", rules: Rules = DEFAULT_RULES) -> list[AuditSpan]:
    """The audit spans of a whole dump held in a string."""
    return list(audit_stream(split_lines(text), source, rules))


@dataclass(slots=True)
class ReasonCount:
    """How much was removed for one reason: spans, lines touched, characters."""

    reason: str
    spans: int = 0
    lines: int = 0
    chars: int = 0


def count_reasons(spans: Iterable[AuditSpan]) -> list[ReasonCount]:
    """Totals per reason, in the order of :data:`REASONS` (reasons never seen
    are listed with zeros, so a summary always has the same rows)."""
    counts = {reason: ReasonCount(reason) for reason in REASONS}
    for span in spans:
        count = counts[span.reason]
        count.spans += 1
        count.lines += span.end - span.start + 1
        count.chars += len(span.text)
    return list(counts.values())
