"""``newsdump parse`` and ``newsdump pages``: article and page records."""

from __future__ import annotations

import typer
from newsdump.cli.common import EncodingOpt, JobsOpt, PathsArg, ProfileOpt, QuietOpt, Run, emit_records


def parse(
    paths: list[str] = PathsArg,
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    jobs: int = JobsOpt,
) -> None:
    """One JSON record per article: title, body, subheadings, captions, notes, author, id.

    Example: newsdump parse dumps/*.txt | jq -r .title
    """
    raise typer.Exit(emit_records(Run(paths, encoding, quiet, profile), "articles", jobs))


def pages(
    paths: list[str] = PathsArg,
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile: str = ProfileOpt,
    jobs: int = JobsOpt,
) -> None:
    """One JSON record per page: date, result counts, ticker, warnings.

    Example: newsdump pages dump.txt | jq -c '{page, page_date, articles, warnings}'
    """
    raise typer.Exit(emit_records(Run(paths, encoding, quiet, profile), "pages", jobs))
