"""``newsdump learn``: a site profile (TOML) learned from the site's own dumps."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer
from newsdump.batch import Task, expand_inputs
from newsdump.cli.common import EncodingOpt, ProfileOpt, QuietOpt, codec, echo_err, profile
from newsdump.learn import MIN_SHARE, Learned, Learner
from newsdump.profile import Profile
from newsdump.reader import InputError, Reader

MinShareOpt = typer.Option(
    MIN_SHARE,
    "--min-share",
    min=0.01,
    max=1.0,
    help="A line shape on at least this share of the pages (and on 2 pages at least) is boilerplate.",
)


def learn_tasks(
    tasks: list[Task], encoding: str | None, share: float, base: Profile, warn: Callable[[str], None]
) -> tuple[Learned, list[str]]:
    """Learn from these inputs: what was learned, and the inputs that could not be read."""
    learner = Learner(share, base)
    failed: list[str] = []
    for task in tasks:
        try:
            learner.add_lines(Reader(task.path, encoding, warn))
        except InputError as err:
            failed.append(str(err))
    return learner.result(), failed


def learn_inputs(
    inputs: list[str], pattern: str, encoding: str | None, share: float, base: Profile, warn: Callable[[str], None]
) -> tuple[Learned, list[str]]:
    """Learn from files, directories, globs, @lists or stdin (as ``convert``
    reads them): what was learned, and the inputs that failed (reported)."""
    tasks, failed = expand_inputs(inputs or ["-"], pattern)
    learned, unread = learn_tasks(tasks, encoding, share, base, warn)
    for reason in failed + unread:
        echo_err(f"error: {reason}")
    return learned, failed + unread


def default_name(inputs: list[str] | None) -> str:
    """A learned profile's name: its first input's (``site/`` -> ``site``)."""
    first = (inputs or ["-"])[0]
    return (Path(first.rstrip("/")).stem if first != "-" else "") or "learned"


def describe(learned: Learned) -> str:
    """One line for people: what the profile holds."""
    parts = [f"{len(learned.boilerplate)} boilerplate line shape(s) from {learned.pages} page(s)"]
    if learned.results is not None:
        parts.append("a result-line pattern")
    if learned.russian_dates:
        parts.append("Russian date names")
    return ", ".join(parts)


def learn(
    inputs: list[str] = typer.Argument(
        None,
        metavar="PATH",
        help="One site's dumps: files, directories (searched recursively), globs, @LIST files; none or '-' for stdin.",
        show_default=False,
    ),
    output: str = typer.Option(None, "--output", "-o", metavar="FILE.toml", help="Write the profile here."),
    min_share: float = MinShareOpt,
    pattern: str = typer.Option("*.txt", "--glob", help="Which files to take from directories."),
    name: str = typer.Option(None, "--name", help="The profile's name (default: the first input's name)."),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    base: str = ProfileOpt,
) -> None:
    """Learn a site profile (TOML) from that site's own dumps: the lines that
    repeat on most pages (menus, widgets, footers), the result-line wording
    and the date names at the top of pages. Each entry says on how many pages
    it was seen: review the file, then use it with --profile. With --profile,
    header lines that profile reads are not learned again.

    Example: newsdump learn site/ > site.toml && newsdump convert site/ --profile site.toml -o site.jsonl
    """
    checked = codec(encoding)
    site = profile(base)

    def warn(message: str) -> None:
        if not quiet:
            echo_err(f"warning: {message}")

    learned, failed = learn_inputs(inputs, pattern, checked, min_share, site, warn)
    text = learned.toml(name or default_name(inputs))
    if output and output != "-":
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as err:
            raise typer.BadParameter(f"{output}: {err.strerror or err}", param_hint="--output") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if not quiet:
        echo_err(f"learned {describe(learned)}")
        if base:  # the printed profile holds what was learned, over timesca
            echo_err(f"note: the profile holds what was learned only: copy into it the keys of {base} it needs")
    raise typer.Exit(1 if failed else 0)
