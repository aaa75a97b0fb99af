"""``newsdump ticker``, ``strip`` and ``stats``: the everyday pipeline tools."""

from __future__ import annotations

import codecs
import csv
import io
import os
import sys
from contextlib import nullcontext
from decimal import Decimal
from enum import Enum

import typer
from newsdump.cli.common import EncodingOpt, GlobOpt, PathsArg, ProfileOpt, QuietOpt, Run, emit_pages
from newsdump.cli.records_cmd import Format, FormatOpt
from newsdump.cli.terminal import progress, report
from newsdump.decode import encode_kept
from newsdump.jsonl import jsonl
from newsdump.parser import parse_stream
from newsdump.records import QuoteRecord, quote_records
from newsdump.stats import SourceStats, collect_stats
from newsdump.strip import strip_ticker

QUOTE_FIELDS = list(QuoteRecord.__dataclass_fields__)


def _number(value: float) -> str:
    """``8e-05`` -> ``0.00008``: plain decimals for spreadsheets."""
    return format(Decimal(repr(value)), "f")


def _csv_rows(records: tuple[QuoteRecord, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for r in records:
        writer.writerow(
            [r.source, r.page, r.page_date or "", r.pair, r.base, r.quote, _number(r.rate), _number(r.change_pct)]
        )
    return buffer.getvalue().encode()


def ticker(
    paths: list[str] = PathsArg,
    fmt: Format = FormatOpt,
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    pattern: str = GlobOpt,
) -> None:
    """Quote records: the exchange-rate series of the tickers.

    One record per distinct quote per page: source, page, page_date, pair,
    base, quote, rate, change_pct.

    Example:
        newsdump ticker dumps/ --format csv > rates.csv
    """
    run = Run(paths, encoding, quiet, profile, pattern)
    if fmt is Format.csv:
        sys.stdout.buffer.write((",".join(QUOTE_FIELDS) + "\n").encode())
        raise typer.Exit(emit_pages(run, lambda page: _csv_rows(quote_records(page.record))))
    raise typer.Exit(emit_pages(run, lambda page: jsonl(quote_records(page.record))))


def strip(
    paths: list[str] = PathsArg,
    header: bool = typer.Option(False, "--header", help="Also remove the page date and result lines."),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    pattern: str = GlobOpt,
) -> None:
    """The dump as text without its ticker, every other byte as it was.

    Example:
        newsdump strip a.txt | diff - a.txt    # shows only the ticker lines
    """
    run = Run(paths, encoding, quiet, profile, pattern)
    out = sys.stdout.buffer
    for reader, lines in run.sources(passthrough=True):
        encoder = None
        for chunk in strip_ticker(lines, header=header, rules=run.rules):
            if encoder is None:  # the reader knows its encoding once it has started
                encoder = codecs.getincrementalencoder(reader.encoding or "utf-8")()
            out.write(encode_kept(encoder, chunk))
    out.flush()
    raise typer.Exit(run.exit_code)


class RecordKind(str, Enum):
    article = "article"
    page = "page"
    quote = "quote"
    audit = "audit"


def schema(
    kind: RecordKind = typer.Argument(..., metavar="KIND", help="article, page, quote or audit."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of a record kind.

    Example:
        newsdump schema article > article.schema.json
    """
    from importlib.resources import files

    text = files("newsdump").joinpath("schemas").joinpath(f"{kind.value}.schema.json").read_text(encoding="utf-8")
    sys.stdout.write(text)


def _as_json(stats: SourceStats, decoding_warnings: int) -> dict:
    results = None
    if stats.results_first is not None:
        results = {"first": stats.results_first, "last": stats.results_last, "total": stats.results_total}
    return {
        "source": stats.source,
        "pages": stats.pages,
        "articles": stats.articles,
        "truncated": stats.truncated,
        "first_date": stats.first_date,
        "last_date": stats.last_date,
        "results": results,
        "coverage": stats.coverage,
        "page_warnings": stats.warnings,
        "page_warning_codes": stats.warning_codes,
        "decoding_warnings": decoding_warnings,
        "boilerplate": stats.boilerplate,
        "duplicates": stats.duplicates,
    }


def _total_json(total: SourceStats, sources: int, decoding_warnings: int) -> dict:
    """The last JSON object: sums over the sources; result lines of different
    sources belong to different listings and are not merged."""
    out = _as_json(total, decoding_warnings)
    out.update(sources=sources, results=None, coverage=None)
    return out


def date_range(first: str | None, last: str | None) -> str:
    """One ISO 8601 interval, the end shortened to what differs:
    ``2025-12-01/19``, ``2025-11-28/12-03``, ``2025-12-30/2026-01-02``."""
    if first is None or last is None:
        return ""
    if first == last:
        return first
    if first[:8] == last[:8]:
        return f"{first}/{last[8:]}"
    if first[:5] == last[:5]:
        return f"{first}/{last[5:]}"
    return f"{first}/{last}"


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters from the middle: ``dumps/20…/p07.txt``."""
    if len(text) <= width:
        return text
    if width < 5:
        return text[-width:]
    tail = width // 2  # the file name end is worth more than the folder's
    head = width - 1 - tail
    return f"{text[:head]}…{text[len(text) - tail :]}"


def common_folder(sources: list[str]) -> str:
    """The folder all the sources are in ('' when there is none, or stdin is one)."""
    if not sources or "-" in sources:
        return ""
    try:
        folder = os.path.commonpath([os.path.dirname(s) or "." for s in sources])
    except ValueError:  # absolute and relative paths mixed
        return ""
    return "" if folder in ("", ".") else folder


GAP = 2  # characters between two columns of the stats table
SOURCE_WIDTH = 16  # the source column gets at least this many (or its longest name) before a column is left out
DROPPED_FIRST = ("trunc.", "results")  # the columns left out, in this order, when the terminal is narrow


def _table(rows: list[SourceStats], total: SourceStats, width: int):
    """The stats table at ``width`` characters: one line per source, paths
    shortened from the middle below the sources' common folder, one date
    range per source, and a total that adds up only what adds up."""
    from rich import box
    from rich.table import Table

    folder = common_folder([str(s.source) for s in rows])
    names = [os.path.relpath(str(s.source), folder) if folder else str(s.source) for s in rows]

    # lines removed as boilerplate + headline copies: a column only when there are some
    cleaned = bool(total.boilerplate or total.duplicates)

    def cells(s: SourceStats) -> dict[str, str]:
        return {
            "pages": str(s.pages),
            "articles": str(s.articles),
            "trunc.": str(s.truncated),
            "dates": date_range(s.first_date, s.last_date),
            "results": s.coverage or "",
            "page\nwarnings": str(s.warnings),
            **({"removed": f"{s.boilerplate} + {s.duplicates}"} if cleaned else {}),
        }

    body = [cells(s) for s in rows]
    totals = cells(total)
    totals["results"] = ""  # result lines of different sources are different listings
    widths = {
        head: max([len(part) for part in head.split("\n")] + [len(r[head]) for r in [*body, totals]]) for head in totals
    }
    wanted = min(max([len(n) for n in names] + [len("total")]), SOURCE_WIDTH)
    dropped = []
    for head in DROPPED_FIRST:
        if width - sum(widths.values()) - GAP * len(widths) >= wanted:
            break
        del widths[head]
        dropped.append(head)
    source_width = max(width - sum(widths.values()) - GAP * len(widths), len("total"))
    title = f"newsdump stats: {len(rows)} source(s)"
    if folder:
        title += " in " + shorten(folder + os.sep, max(width - len(title) - 4, 10))
    table = Table(
        title=title,
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP - 1, 0, 0),
    )
    table.add_column("source", no_wrap=True, overflow="ellipsis")
    for head in widths:
        justify = "left" if head in ("dates", "results") else "right"
        table.add_column(head, justify=justify, no_wrap=True, overflow="ellipsis")  # type: ignore[arg-type]
    for name, row in zip(names, body):
        table.add_row(shorten(name, source_width), *(row[h] for h in widths))
    if len(rows) > 1:
        table.add_section()
        table.add_row("total", *(totals[h] for h in widths), style="bold")
    notes = []
    if total.warning_codes:
        kinds = sorted(total.warning_codes.items(), key=lambda kv: (-kv[1], kv[0]))
        notes.append("page warnings: " + ", ".join(f"{n} {kind}" for kind, n in kinds))
    if dropped:
        notes.append(f"left out to fit {width} columns: {', '.join(dropped)} (--json has every field)")
    table.caption = "\n".join(notes) or None
    return table


def stats(
    paths: list[str] = PathsArg,
    as_table: bool = typer.Option(False, "--table", help="A table, even when stdout is not a terminal."),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines, even on a terminal."),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    pattern: str = GlobOpt,
) -> None:
    """Pages, articles, dates, results and page warnings per source.

    A table on a terminal, fitted to its width (COLUMNS): one line per source,
    paths shortened from the middle, one date range per source, and a total
    of what adds up. On a pipe, JSON Lines: one object per source, then one
    with "source": null and "sources", the count. Page warnings are those of
    the page records; decoding warnings (bytes not valid in the encoding)
    are counted apart. Lines removed as a site's boilerplate or as headline
    copies are counted too (a "removed" column when there are some).

    Examples:
        newsdump stats dumps/
        newsdump stats dumps/ --json | jq -s 'max_by(.page_warnings)'
    """
    if as_table and as_json:
        raise typer.BadParameter("give --table or --json, not both", param_hint="--table")
    run = Run(paths, encoding, quiet, profile, pattern)
    rows: list[SourceStats] = []
    total = SourceStats(None)
    bar = progress(len(run.paths or ()))
    with bar if bar is not None else nullcontext():
        task = bar.add_task("reading", total=len(run.paths or ())) if bar is not None else None
        for reader, lines in run.sources():
            one = collect_stats(reader.source, parse_stream(lines, reader.source, run.rules))
            if reader.source not in run.failed:
                rows.append(one)
                total.add(one)
            if bar is not None and task is not None:
                bar.advance(task)
    decoding = run.decoding_warnings
    records = [_as_json(s, decoding.get(str(s.source), 0)) for s in rows]
    records.append(_total_json(total, len(rows), sum(decoding.values())))
    report(records, lambda width: _table(rows, total, width), as_json=as_json, as_table=as_table)
    raise typer.Exit(run.exit_code)
