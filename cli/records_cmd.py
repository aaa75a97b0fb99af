"""``newsdump parse`` and ``newsdump pages``: article and page records."""

from __future__ import annotations

import typer
from newsdump.cli.common import EncodingOpt, PathsArg, ProfileOpt, QuietOpt, Run, emit_pages
from newsdump.jsonl import jsonl


def parse(
    paths: list[str] = PathsArg, encoding: str = EncodingOpt, quiet: bool = QuietOpt, profile: str = ProfileOpt
) -> None:
    """One JSON record per article: title, body, subheadings, captions, notes, author, id.

    Example: newsdump parse dumps/*.txt | jq -r .title
    """
    raise typer.Exit(emit_pages(Run(paths, encoding, quiet, profile), lambda page: jsonl(page.articles)))


def pages(
    paths: list[str] = PathsArg, encoding: str = EncodingOpt, quiet: bool = QuietOpt, profile: str = ProfileOpt
) -> None:
    """One JSON record per page: date, result counts, ticker, warnings.

    Example: newsdump pages dump.txt | jq -c '{page, page_date, articles, warnings}'
    """
    raise typer.Exit(emit_pages(Run(paths, encoding, quiet, profile), lambda page: jsonl((page.record,))))
