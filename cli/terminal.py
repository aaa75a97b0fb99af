"""Whether output is for a person: rich tables and progress only on a
terminal; rich itself honours NO_COLOR (no colour, layout kept)."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable
from typing import Any, BinaryIO, TextIO


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


class _ClosedOutput(io.RawIOBase):
    """Standard output when the process was started without one (``>&-``):
    the first write fails as writing to a closed descriptor does; later ones
    (the interpreter's last flush) are dropped."""

    failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if not self.failed:
            self.failed = True
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return len(data)


def stand_in_for_closed_stdout() -> None:
    """Give a process started with its standard output closed one that fails
    on the first write (see :class:`_ClosedOutput`): a command that writes
    there then says so, and one that writes only to files runs as usual."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedOutput()), encoding="utf-8")


def blocking_stdout() -> None:
    """Make standard output blocking if the caller left it non-blocking
    (``O_NONBLOCK`` on a pipe): a write the reader is not ready for would
    fail, and a buffered one could be lost without a word (``parse -j 1``
    lost records and exited 0). Every record waits for its reader instead."""
    try:
        fd = sys.stdout.fileno()
        if not os.get_blocking(fd):
            os.set_blocking(fd, True)
    except (AttributeError, ValueError, OSError):  # no descriptor (a test's capture, a closed output)
        pass


def discard_stdout() -> None:
    """After a failed write to standard output, send what is still buffered
    for it to the null device, so that the interpreter's last flush does not
    fail again (and print a second error)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return  # no descriptor: the closed-output stand-in drops what follows itself
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


_IOV_MAX = 1024  # pieces a writev takes (POSIX allows no fewer than 16; Linux and the BSDs take 1024)


def write_pieces(out: BinaryIO, pieces: list[bytes | memoryview]) -> None:
    """Write ``pieces`` one after another: with one ``writev`` for every
    thousand pieces straight to the descriptor of ``out`` (after what it
    holds), so that none is copied into its buffer; through ``out`` when it
    has no descriptor (a test's capture)."""
    try:
        fd = out.fileno()
    except (AttributeError, ValueError, OSError):  # io.UnsupportedOperation is an OSError
        out.writelines(pieces)
        return
    out.flush()
    for i in range(0, len(pieces), _IOV_MAX):
        batch = pieces[i : i + _IOV_MAX]
        done = os.writev(fd, batch)
        if done < sum(map(len, batch)):  # cut short (by a signal): the rest, a write at a time
            rest = memoryview(b"".join(batch))[done:]
            while rest:
                rest = rest[os.write(fd, rest) :]
