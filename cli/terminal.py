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


def report(records: list, make_table: Callable[[int], Any], as_json: bool = False, as_table: bool = False) -> None:
    """A summary for people: a rich table on a terminal or when ``as_table``
    is asked for (made for the console's width: the terminal's, or COLUMNS);
    JSON Lines (one per record) on a pipe or when ``as_json`` is asked for."""
    if as_json or not (as_table or is_terminal(sys.stdout)):
        from newsdump.jsonl import jsonl

        sys.stdout.buffer.write(jsonl(records))
        sys.stdout.flush()
    else:
        out = console(sys.stdout)
        with out.capture() as captured:
            out.print(make_table(out.width))
        # rich pads every line to the table's width: no trailing blanks in a file or a diff
        sys.stdout.write("".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))
        sys.stdout.flush()


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
