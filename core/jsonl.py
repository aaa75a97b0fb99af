"""JSON Lines out: records as UTF-8 bytes straight to a binary stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import orjson
from newsdump.parser import page_articles, parse_blocks, parse_stream
from newsdump.records import quote_records
from newsdump.split import split_blocks, split_pages

if TYPE_CHECKING:
    from newsdump.profile import Rules

# What a page can be written as: its articles, its page record, its audit spans, its ticker quotes.
RECORD_KINDS = ("articles", "pages", "audit", "ticker")

_OPTIONS = orjson.OPT_APPEND_NEWLINE


def jsonl(records: Iterable[Any]) -> bytes:
    """The records (dataclasses, dicts) as JSON Lines.

    Each record's bytes are copied out at once and let go: orjson's output
    objects keep a much larger allocation than their length, so holding one
    per record (a ``join`` over a page of 40,000 articles) took 270 MB for
    15 MB of JSON."""
    dumps = orjson.dumps
    out = bytearray()
    for record in records:
        out += dumps(record, option=_OPTIONS)
    return bytes(out)


def page_records(
    kind: str, text: Iterable[str], source: str, rules: Rules, first_line: int = 1, blocks: bool = False
) -> Iterator[tuple[int, list[str], bytes]]:
    """Per page of a stream (a generator): how many records of ``kind`` it
    has, its article ids (article records only, for de-duplication) and
    their JSON Lines. ``text`` is the stream's lines, or with ``blocks`` its
    text in blocks (:meth:`newsdump.reader.Reader.blocks`, the fast path).
    ``parse``, ``pages``, ``audit``, ``convert --records`` and ``--jobs``
    chunks all write pages this way."""
    if kind == "audit":  # the audit needs every line, ticker and blank ones too
        from newsdump.auditing import audit_pages
        from newsdump.text import block_lines

        for spans in audit_pages(block_lines(text) if blocks else text, source, rules, first_line):
            yield len(spans), [], jsonl(spans)
        return
    if kind == "articles":  # no page record: its quotes are not even read
        raws = split_blocks(text, first_line, quotes=False) if blocks else split_pages(text, first_line=first_line)
        for index, raw in enumerate(raws, 1):
            articles = page_articles(raw, source, index, rules)
            yield len(articles), [a.id for a in articles], jsonl(articles)
        return
    for page in (parse_blocks if blocks else parse_stream)(text, source, rules, first_line):
        if kind == "pages":
            yield 1, [], jsonl((page.record,))
        elif kind == "ticker":
            quotes = quote_records(page.record)
            yield len(quotes), [], jsonl(quotes)
        else:
            yield len(page.articles), [a.id for a in page.articles], jsonl(page.articles)
