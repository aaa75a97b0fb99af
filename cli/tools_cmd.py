"""``newsdump ticker``, ``strip`` and ``stats``: the everyday pipeline tools."""

from __future__ import annotations

import codecs
import csv
import io
import sys
from contextlib import nullcontext
from decimal import Decimal
from enum import Enum

import typer
from newsdump.cli.common import EncodingOpt, PathsArg, ProfileOpt, QuietOpt, Run, emit_pages
from newsdump.cli.terminal import progress, report
from newsdump.jsonl import jsonl
from newsdump.parser import parse_stream
from newsdump.records import QuoteRecord, quote_records
from newsdump.stats import SourceStats, collect_stats
from newsdump.strip import strip_ticker

QUOTE_FIELDS = list(QuoteRecord.__dataclass_fields__)


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


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
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl (default) or csv with a header."),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
) -> None:
    """One record per distinct quote per page: an exchange-rate time series.

    Example: newsdump ticker dumps/*.txt --format csv > rates.csv
    """
    run = Run(paths, encoding, quiet, profile)
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
) -> None:
    """The dump as text with the ticker removed, every other byte as it was.

    Example: newsdump strip a.txt | diff - a.txt    # shows only the ticker lines
    """
    run = Run(paths, encoding, quiet, profile)
    out = sys.stdout.buffer
    for reader, lines in run.sources(passthrough=True):
        encoder = None
        for chunk in strip_ticker(lines, header=header, rules=run.rules):
            if encoder is None:  # the reader knows its encoding once it has started
                encoder = codecs.getincrementalencoder(reader.encoding or "utf-8")("surrogateescape")
            out.write(encoder.encode(chunk))
    out.flush()
    raise typer.Exit(run.exit_code)


class RecordKind(str, Enum):
    article = "article"
    page = "page"
    quote = "quote"
    audit = "audit"


def schema(kind: RecordKind = typer.Argument(..., help="article, page, quote or audit.")) -> None:
    """Print the JSON Schema (draft 2020-12) of a record kind.

    Example: newsdump schema article > article.schema.json
    """
    from importlib.resources import files

    text = files("newsdump").joinpath("schemas").joinpath(f"{kind.value}.schema.json").read_text(encoding="utf-8")
    sys.stdout.write(text)


def _as_json(stats: SourceStats) -> dict:
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
        "warnings": stats.warnings,
        "warning_codes": stats.warning_codes,
    }


def _table(rows: list[SourceStats], total: SourceStats):
    from rich.table import Table

    table = Table(title="newsdump stats", title_justify="left")
    table.add_column("source", overflow="fold", ratio=2)
    for name in ("pages", "articles", "truncated"):
        table.add_column(name, justify="right")
    table.add_column("dates", no_wrap=True)
    table.add_column("results")
    table.add_column("warnings", justify="right")

    def cells(s: SourceStats) -> list[str]:
        dates = (
            ""
            if s.first_date is None
            else (s.first_date if s.first_date == s.last_date else f"{s.first_date}\n{s.last_date}")
        )
        return [str(s.pages), str(s.articles), str(s.truncated), dates, s.coverage or "", str(s.warnings)]

    for s in rows:
        table.add_row(str(s.source), *cells(s))
    if len(rows) > 1:
        table.add_section()
        table.add_row("total", *cells(total), style="bold")
    return table


def stats(
    paths: list[str] = PathsArg,
    as_json: bool = typer.Option(False, "--json", help="JSON Lines (the default when stdout is not a terminal)."),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
) -> None:
    """A summary for people: pages, articles, dates, result coverage, warnings per source.

    A table on a terminal; on a pipe or with --json, one JSON object per source
    and a last one with "source": null for the total.

    Example: newsdump stats dumps/*.txt
    """
    run = Run(paths, encoding, quiet, profile)
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
    report([_as_json(s) for s in rows] + [_as_json(total)], lambda: _table(rows, total), as_json)
    raise typer.Exit(run.exit_code)
