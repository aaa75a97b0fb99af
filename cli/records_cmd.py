"""``newsdump parse`` and ``newsdump pages``: article and page records."""

from __future__ import annotations

import csv
import io
import sys
from enum import Enum

import typer
from newsdump.cli.common import (
    EncodingOpt,
    GlobOpt,
    JobsOpt,
    PathsArg,
    ProfileOpt,
    QuietOpt,
    Run,
    emit_pages,
    emit_records,
)
from newsdump.jsonl import jsonl
from newsdump.records import Article, Results

ARTICLE_FIELDS = list(Article.__dataclass_fields__)
# CSV: the results object becomes three columns, lists become one cell.
RESULTS_COLUMNS = ("results_first", "results_last", "results_total")
LIST_SEPARATOR = "\n"


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


FormatOpt = typer.Option(
    Format.jsonl,
    "--format",
    "-f",
    metavar="jsonl|csv",
    help="jsonl (the default), or csv with a header row: one row per record, lists joined.",
)


def fields_of(value: str | None) -> list[str]:
    """``--fields title,body`` checked against the article's fields, in the order given."""
    if value is None:
        return ARTICLE_FIELDS
    chosen = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in ARTICLE_FIELDS]
    if unknown or not chosen:
        raise typer.BadParameter(
            f"unknown field {', '.join(unknown) or '(none given)'} (fields: {','.join(ARTICLE_FIELDS)})",
            param_hint="--fields",
        )
    return chosen


def csv_header(fields: list[str]) -> bytes:
    columns: list[str] = []
    for name in fields:
        columns += RESULTS_COLUMNS if name == "results" else [name]
    return _csv_line([columns])


def _cell(value: object) -> list[object]:
    if isinstance(value, Results):
        return [value.first, value.last, "" if value.total is None else value.total]
    if value is None:
        return [""]
    if isinstance(value, tuple):
        return [LIST_SEPARATOR.join(value)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [value]


def csv_rows(articles: tuple[Article, ...], fields: list[str]) -> bytes:
    rows = []
    for article in articles:
        row: list[object] = []
        for name in fields:
            value = getattr(article, name)
            row += ["", "", ""] if name == "results" and value is None else _cell(value)
        rows.append(row)
    return _csv_line(rows)


def _csv_line(rows: list) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode()


def parse(
    paths: list[str] = PathsArg,
    fields: str = typer.Option(
        None, "--fields", metavar="NAME,...", help="Only these fields, in this order (such as title,body,id)."
    ),
    fmt: Format = FormatOpt,
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    pattern: str = GlobOpt,
    jobs: int = JobsOpt,
) -> None:
    """Article records: title, body, captions, notes, author, id.

    One JSON object a line, one per article, in input order. With --format
    csv, one row per article under a header row: results become the columns
    results_first, results_last and results_total, lists are joined with a
    newline inside their cell, a missing value is empty; spreadsheets and
    pandas.read_csv take it as it is.

    Examples:
        newsdump parse dumps/ | jq -r .title
        newsdump parse dumps/ --fields title,author,id --format csv > articles.csv
    """
    chosen = fields_of(fields)
    run = Run(paths, encoding, quiet, profile, pattern)
    if fmt is Format.csv:
        sys.stdout.buffer.write(csv_header(chosen))
        raise typer.Exit(emit_pages(run, lambda page: csv_rows(page.articles, chosen)))
    if fields is None:
        raise typer.Exit(emit_records(run, "articles", jobs))
    raise typer.Exit(emit_pages(run, lambda page: jsonl({f: getattr(a, f) for f in chosen} for a in page.articles)))


def pages(
    paths: list[str] = PathsArg,
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    pattern: str = GlobOpt,
    jobs: int = JobsOpt,
) -> None:
    """Page records: date, result counts, ticker, page warnings.

    One JSON object a line, one per page of every input.

    Example:
        newsdump pages dump.txt | jq -c '{page, page_date, articles, warnings}'
    """
    raise typer.Exit(emit_records(Run(paths, encoding, quiet, profile, pattern), "pages", jobs))
