"""``newsdump audit``: every piece of input that is in no article, and why."""

from __future__ import annotations

from collections.abc import Iterator

import typer
from newsdump.auditing import ReasonCount, audit_stream, count_reasons
from newsdump.cli.common import EncodingOpt, GlobOpt, JobsOpt, PathsArg, ProfileOpt, QuietOpt, Run, emit_records
from newsdump.cli.terminal import report
from newsdump.records import AuditSpan


def _spans(run: Run) -> Iterator[AuditSpan]:
    for reader, lines in run.sources():
        yield from audit_stream(lines, reader.source, run.rules)


def _table(counts: list[ReasonCount]):
    from rich.table import Table

    table = Table(title="newsdump audit: input in no article", title_justify="left")
    table.add_column("reason")
    for name in ("spans", "lines", "chars"):
        table.add_column(name, justify="right")
    for c in counts:
        table.add_row(c.reason, str(c.spans), str(c.lines), str(c.chars))
    table.add_section()
    table.add_row(
        "total",
        str(sum(c.spans for c in counts)),
        str(sum(c.lines for c in counts)),
        str(sum(c.chars for c in counts)),
        style="bold",
    )
    return table


def audit(
    paths: list[str] = PathsArg,
    summary: bool = typer.Option(False, "--summary", "-s", help="Counts per reason instead of the spans."),
    as_table: bool = typer.Option(
        False, "--table", help="With --summary: a table, even when stdout is not a terminal."
    ),
    as_json: bool = typer.Option(False, "--json", help="With --summary: JSON Lines, even on a terminal."),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    pattern: str = GlobOpt,
    jobs: int = JobsOpt,
) -> None:
    """Audit records: the input that is in no article, and why.

    One JSON record per span of input lines in no article: source, page,
    start, end, reason, text. Reasons: ticker, date, results, shortcode,
    truncation, continue, byline, blank, unassigned, boilerplate, duplicate.
    Every non-blank line is either article text or in exactly one span; a
    piece of a line (a shortcode, a truncation marker) is a span of its own.
    With --summary,
    counts per reason: a table on a terminal, JSON Lines on a pipe.

    Examples:
        newsdump audit dump.txt | jq -c 'select(.reason == "unassigned")'
        newsdump audit dumps/ --summary
    """
    if as_table and as_json:
        raise typer.BadParameter("give --table or --json, not both", param_hint="--table")
    run = Run(paths, encoding, quiet, profile, pattern)
    if not summary:
        raise typer.Exit(emit_records(run, "audit", jobs))
    counts = count_reasons(_spans(run))
    report(counts, lambda width: _table(counts), as_json=as_json, as_table=as_table)
    raise typer.Exit(run.exit_code)
