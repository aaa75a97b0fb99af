"""What every command shares: diagnostics on stderr, the loop over inputs,
and the options every command takes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

import typer
from newsdump.parser import parse_stream
from newsdump.profile import TIMESCA, Profile, ProfileError, Rules, builtin_profile, compile_rules, load_profile
from newsdump.reader import InputError, Reader, check_encoding
from newsdump.records import ParsedPage

PROG = "newsdump"

PathsArg = typer.Argument(
    None,
    help="Dump files to read; none or '-' reads standard input.",
    show_default=False,
    metavar="PATH",
)
EncodingOpt = typer.Option(
    None,
    "--encoding",
    "-e",
    metavar="CODEC",
    help="Encoding of the inputs (default UTF-8; UTF-16 is detected by its BOM).",
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
    metavar="FILE.toml|NAME",
    envvar="NEWSDUMP_PROFILE",
    help="Site profile: a TOML file, or a built-in name (default: timesca).",
)


def profile(value: str | None) -> Profile:
    """The --profile value loaded and checked, or a usage error (exit 2)
    naming the key at fault, before any input is read."""
    if not value:
        return TIMESCA
    if (shipped := builtin_profile(value)) is not None:
        return shipped
    try:
        with open(value, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise typer.BadParameter(f"{value}: {reason}", param_hint="--profile") from None
    try:
        return load_profile(text)
    except ProfileError as err:
        raise typer.BadParameter(f"{value}: {err}", param_hint="--profile") from None


def codec(encoding: str | None) -> str | None:
    """The --encoding value checked: its codec's name, or a usage error (exit 2)."""
    try:
        return check_encoding(encoding)
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None


def echo_err(message: str) -> None:
    """One diagnostic line on stderr, prefixed with the program name."""
    sys.stderr.write(f"{PROG}: {message}\n")
    sys.stderr.flush()


@dataclass
class Run:
    """One command's pass over its inputs: counts failures for the exit code."""

    paths: list[str] | None
    encoding: str | None = None
    quiet: bool = False
    profile: str | None = None
    failed: list[str] = field(default_factory=list)
    rules: Rules = field(init=False)

    def __post_init__(self) -> None:
        self.encoding = codec(self.encoding)
        self.rules = compile_rules(profile(self.profile))
        self.paths = list(self.paths or ["-"])

    def warn(self, message: str) -> None:
        if not self.quiet:
            echo_err(f"warning: {message}")

    def sources(
        self, passthrough: bool = False, paths: list[str] | None = None
    ) -> Iterator[tuple[Reader, Iterable[str]]]:
        """``(reader, lines)`` per input (of ``paths``, default all); an input
        that fails is reported, counted and skipped, and the loop goes on."""
        for name in (self.paths or []) if paths is None else paths:
            reader = Reader(name, self.encoding, self.warn, passthrough)
            yield reader, chain.from_iterable(self._guarded(reader))

    def _guarded(self, reader: Reader) -> Iterator[list[str]]:
        try:
            yield from reader.batches()
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
    from newsdump.auditing import audit_stream
    from newsdump.chunks import jobs_for, parallel_records
    from newsdump.jsonl import jsonl

    out = sys.stdout.buffer
    for name in run.paths or []:
        if (n := jobs_for(name, run.encoding, jobs)) > 1:
            out.writelines(parallel_records(name, name, kind, run.rules.profile, n))
            continue
        for reader, lines in run.sources(paths=[name]):
            if kind == "audit":
                for span in audit_stream(lines, reader.source, run.rules):
                    out.write(jsonl((span,)))
            else:
                for page in parse_stream(lines, reader.source, run.rules):
                    out.write(jsonl(page.articles if kind == "articles" else (page.record,)))
    out.flush()
    return run.exit_code
