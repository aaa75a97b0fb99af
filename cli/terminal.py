"""Whether output is for a person: rich tables and progress only on a
terminal; rich itself honours NO_COLOR (no colour, layout kept)."""

from __future__ import annotations

import os
import sys
from typing import TextIO


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def console(stream: TextIO):
    from rich.console import Console

    return Console(file=stream, no_color="NO_COLOR" in os.environ, highlight=False)


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
