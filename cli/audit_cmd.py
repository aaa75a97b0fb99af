"""``newsdump audit``: every piece of input that is in no article, and why."""

from __future__ import annotations

from collections.abc import Iterator

import typer
from newsdump.auditing import ReasonCount, audit_stream, count_reasons
from newsdump.cli.common import EncodingOpt, JobsOpt, PathsArg, ProfileOpt, QuietOpt, Run, emit_records
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
    as_json: bool = typer.Option(
        False, "--json", help="With --summary: JSON Lines (the default when stdout is not a terminal)."
    ),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    jobs: int = JobsOpt,
) -> None:
    """One JSON record per span of input lines that is in no article: source, page,
    start, end, reason, text.

    Reasons: ticker, date, results, shortcode, truncation, continue, byline, blank,
    unassigned. Every non-blank line is either article text or in exactly one span;
    a piece of a line (a shortcode, a truncation marker) is a span of its own.

    Example: newsdump audit dump.txt | jq -c 'select(.reason == "unassigned")'
    """
    run = Run(paths, encoding, quiet, profile)
    if not summary:
        raise typer.Exit(emit_records(run, "audit", jobs))
    counts = count_reasons(_spans(run))
    report(counts, lambda: _table(counts), as_json)
    raise typer.Exit(run.exit_code)
