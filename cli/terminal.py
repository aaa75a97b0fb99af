"""Whether output is for a person: rich tables and progress only on a
terminal; rich itself honours NO_COLOR (no colour, layout kept)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TextIO


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def console(stream: TextIO):
    from rich.console import Console

    return Console(file=stream, no_color="NO_COLOR" in os.environ, highlight=False)


def report(records: list, make_table: Callable[[], Any], as_json: bool) -> None:
    """A summary for people: a rich table on a terminal; JSON Lines (one per
    record) on a pipe or when ``as_json`` is asked for."""
    if as_json or not is_terminal(sys.stdout):
        from newsdump.jsonl import jsonl

        sys.stdout.buffer.write(jsonl(records))
        sys.stdout.flush()
    else:
        console(sys.stdout).print(make_table())


def progress(total: int | None):
    """A transient progress bar on stderr, or None when stderr is not a terminal."""
    if not is_terminal(sys.stderr):
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(sys.stderr),
        transient=True,
    )
