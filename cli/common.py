"""What every command shares: diagnostics on stderr, the inputs (files,
directories, globs and @lists, as ``convert`` takes them), the loop over
them, and the options every command takes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib.resources import files
from itertools import chain
from typing import Any

import typer
from newsdump.parser import parse_stream
from newsdump.profile import (
    BUILTIN_NAMES,
    TIMESCA,
    Profile,
    ProfileError,
    Rules,
    builtin_profile,
    compile_rules,
    load_profile,
)
from newsdump.reader import InputError, Reader, check_encoding, source_name
from newsdump.records import ParsedPage

PROG = "newsdump"

PathsArg = typer.Argument(
    None,
    help="Files, directories (their *.txt files, recursively), globs, or @LIST files "
    "holding one path per line; none or '-' reads standard input.",
    show_default=False,
    metavar="INPUT",
)
GlobOpt = typer.Option("*.txt", "--glob", metavar="PATTERN", help="Which files to take from directories (*.txt).")
EncodingOpt = typer.Option(
    None,
    "--encoding",
    "-e",
    metavar="CODEC|PATTERN=CODEC,...",
    help="Encoding of every input, or of the inputs whose path or name matches each PATTERN "
    "(e.g. 'old/*=koi8-r,*.win.txt=cp1251'); default: detected per file.",
)
JobsOpt = typer.Option(
    0,
    "--jobs",
    "-j",
    metavar="N",
    show_default=False,
    help="Processes for a large file: it is cut at page starts and the records come out in input order, "
    "as with one process. Default: one per core for UTF-8 files over 16 MB, else 1.",
)
QuietOpt = typer.Option(False, "--quiet", "-q", help="Do not print warnings (errors are still printed).")
ProfileOpt = typer.Option(
    None,
    "--profile",
    "-p",
    metavar="NAME|FILE",
    envvar="NEWSDUMP_PROFILE",
    help="Site profile: a built-in name (timesca, the default; vestnik) or a TOML file.",
)
STDIN_HINT = "reading standard input; Ctrl-D to end"


def builtin_profiles() -> list[str]:
    """The names of the profiles shipped in the package (newsdump/profiles/NAME.toml)."""
    return sorted(BUILTIN_NAMES)


def builtin_text(name: str) -> str:
    """The commented TOML of a built-in profile, as shipped; KeyError if there is none."""
    if name not in BUILTIN_NAMES:
        raise KeyError(name)
    return files("newsdump").joinpath("profiles").joinpath(f"{name}.toml").read_text(encoding="utf-8")


def read_profile(value: str) -> Profile:
    """A profile by built-in name, else from a TOML file; ValueError with the reason."""
    if (shipped := builtin_profile(value)) is not None:
        return shipped
    try:
        with open(value, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as err:
        if isinstance(err, FileNotFoundError) and "/" not in value and not value.endswith(".toml"):
            names = ", ".join(builtin_profiles())
            raise ValueError(f"no built-in profile {value!r} (built in: {names}) and no such file") from None
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise ValueError(f"{value}: {reason}") from None
    try:
        return load_profile(text)
    except ProfileError as err:
        raise ValueError(f"{value}: {err}") from None


def profile(value: str | None) -> Profile:
    """The --profile value loaded and checked, or a usage error (exit 2)
    naming the key at fault, before any input is read."""
    if not value:
        return TIMESCA
    try:
        return read_profile(value)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--profile") from None


def codec(encoding: str | None) -> str | None:
    """The --encoding value checked: its codec's name, or a usage error (exit 2)."""
    try:
        return check_encoding(encoding)
    except LookupError as err:
        raise typer.BadParameter(f"{encoding!r}: {err}", param_hint="--encoding") from None


def echo_err(message: str) -> None:
    """One diagnostic line on stderr, prefixed with the program name."""
    sys.stderr.write(f"{PROG}: {message}\n")
    sys.stderr.flush()


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def inputs(paths: list[str] | None, pattern: str = "*.txt") -> tuple[list[str], list[str]]:
    """The command line's inputs as ``convert`` takes them (see
    :func:`newsdump.batch.expand_inputs`) -> the paths to read, in order, and
    the reasons for inputs that give none ("-" is standard input)."""
    found: list[str] = []
    reasons: list[str] = []
    for item in paths or ["-"]:
        if item == "-" or os.path.isfile(item):  # a file is itself (expand_inputs agrees): no need to import it
            found.append(item)
            continue
        from newsdump.batch import expand_inputs  # convert's machinery: only when a path needs expanding

        tasks, missing = expand_inputs([item], pattern)
        reasons += missing
        if not tasks and not missing and os.path.isdir(item):
            reasons.append(f"{item}: a directory with no {pattern} file in it")
        found += [task.path for task in tasks]
    return found, reasons


@dataclass
class Run:
    """One command's pass over its inputs: counts failures for the exit code."""

    paths: list[str] | None
    encoding: str | None = None
    quiet: bool = False
    profile: str | None = None
    pattern: str = "*.txt"
    failed: list[str] = field(default_factory=list)
    decoding_warnings: dict[str, int] = field(default_factory=dict)  # per source
    missing: list[str] = field(init=False)  # inputs that give no file, with the reason
    rules: Rules = field(init=False)

    def __post_init__(self) -> None:
        self.encoding = codec(self.encoding)
        self.rules = compile_rules(profile(self.profile))
        self.paths, self.missing = inputs(self.paths, self.pattern)

    def warn(self, source: str, message: str) -> None:
        """A decoding warning (bytes the input's encoding could not decode):
        named so, unlike the page warnings of the records."""
        self.decoding_warnings[source] = self.decoding_warnings.get(source, 0) + 1
        if not self.quiet:
            echo_err(f"decoding warning: {message}")

    def report_missing(self) -> None:
        """Report, once, the inputs that named no file."""
        for reason in self.missing:
            echo_err(f"error: {reason}")
            self.failed.append(reason)
        self.missing = []

    def sources(
        self, passthrough: bool = False, paths: list[str] | None = None, blocks: bool = False
    ) -> Iterator[tuple[Reader, Iterable[str]]]:
        """``(reader, lines)`` per input (of ``paths``, default all), or with
        ``blocks`` its text in blocks (the fast path); an input that fails
        is reported, counted and skipped, and the loop goes on."""
        if paths is None:
            self.report_missing()
            paths = self.paths or []
        for name in paths:
            if name == "-" and stdin_is_terminal():
                echo_err(STDIN_HINT)
            reader = Reader(name, self.encoding, partial(self.warn, name), passthrough)
            if blocks:
                yield reader, self._guarded(reader, reader.blocks())
            else:
                yield reader, chain.from_iterable(self._guarded(reader, reader.batches()))

    def _guarded(self, reader: Reader, parts: Iterator[Any]) -> Iterator[Any]:
        try:
            yield from parts
        except InputError as err:
            echo_err(f"error: {err}")
            self.failed.append(reader.source)

    def pages(self) -> Iterator[ParsedPage]:
        """Every parsed page of every input, in order."""
        for reader, lines in self.sources():
            yield from parse_stream(lines, reader.source, self.rules)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def emit_pages(run: Run, render: Callable[[ParsedPage], bytes]) -> int:
    """Write ``render(page)`` for every page to stdout; the exit code."""
    out = sys.stdout.buffer
    for page in run.pages():
        data = render(page)
        if data:
            out.write(data)
    out.flush()
    return run.exit_code


def emit_records(run: Run, kind: str, jobs: int) -> int:
    """Write each input's records (``articles``, ``pages`` or ``audit``) as
    JSON Lines: a large file in parallel chunks, the rest in this process."""
    from newsdump.chunks import jobs_for, parallel_records
    from newsdump.cli.terminal import write_pieces
    from newsdump.jsonl import page_records

    if jobs < 0:
        raise typer.BadParameter("must be 1 or more (0 means one per core for a large file)", param_hint="--jobs")
    out = sys.stdout.buffer
    run.report_missing()
    for name in run.paths or []:
        if (n := jobs_for(name, run.encoding, jobs)) > 1 and (
            chunked := parallel_records(name, source_name(name), kind, run.rules.profile, n)
        ) is not None:
            for pieces in chunked:
                write_pieces(out, pieces)  # before the next chunk: a piece can be a view of a reused buffer
            continue
        for reader, blocks in run.sources(paths=[name], blocks=True):
            for _, _, data in page_records(kind, blocks, reader.source, run.rules, blocks=True):
                out.write(data)
    out.flush()
    return run.exit_code
