"""``newsdump learn``: a site profile (TOML) learned from the site's own dumps."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import typer
from newsdump.batch import Task
from newsdump.cli.common import EncodingOpt, GlobOpt, PathsArg, ProfileOpt, QuietOpt, Run, echo_err
from newsdump.learn import MIN_SHARE, Learned, Learner
from newsdump.profile import Profile
from newsdump.reader import InputError, Reader

MinShareOpt = typer.Option(
    MIN_SHARE,
    "--min-share",
    metavar="SHARE",
    show_default=False,
    help=f"A line shape on at least this share of the pages (and on 2 at least) is boilerplate ({MIN_SHARE}).",
)


def learn_tasks(
    tasks: Iterable[Task], encoding: str | None, share: float, base: Profile, warn: Callable[[str], None]
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


def describe(learned: Learned) -> str:
    """One line for people: what the profile holds."""
    parts = [f"{len(learned.boilerplate)} boilerplate line shape(s) from {learned.pages} page(s)"]
    if learned.results is not None:
        parts.append("a result-line pattern")
    if learned.russian_dates:
        parts.append("Russian date names")
    if learned.read_more:
        parts.append(f"{len(learned.read_more)} read-more line(s)")
    if learned.bylines:
        parts.append(f"{len(learned.bylines)} byline opening(s)")
    return ", ".join(parts)


def learn(
    paths: list[str] = PathsArg,
    output: str = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the profile here (TOML)."),
    min_share: float = MinShareOpt,
    name: str = typer.Option("learned", "--name", metavar="NAME", show_default=False, help="The profile's name."),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    base: str = ProfileOpt,
    pattern: str = GlobOpt,
) -> None:
    """Learn a site's profile (TOML) from that site's own dumps.

    The lines that repeat on most pages (menus, widgets, share buttons,
    footers) become boilerplate lines, with numbers masked as #; a short line
    after the teasers becomes a read-more line, and the words before the
    varying names under titles a byline opening; the result
    line and the date names at the top of pages are learned when --profile
    (timesca by default) cannot read them. Each entry says on how many pages
    it was seen: review the file, then give it to --profile.

    Examples:
        newsdump learn site/ > site.toml
        newsdump convert site/ --profile site.toml -o site.jsonl
    """
    if not 0 < min_share <= 1:
        raise typer.BadParameter("a share of the pages, above 0 and at most 1", param_hint="--min-share")
    run = Run(paths, encoding, quiet, base, pattern)
    learner = Learner(min_share, run.rules.profile)
    for _, lines in run.sources():
        learner.add_lines(lines)
    learned = learner.result()
    text = learned.toml(name)
    if output and output != "-":
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as err:  # not the command line's fault: the file could not be written (exit 1)
            echo_err(f"error: {output}: {err.strerror or err}")
            raise typer.Exit(1) from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if not quiet:
        echo_err(f"learned {describe(learned)}")
        if base:  # the printed profile holds what was learned, over timesca
            echo_err(f"note: the profile holds what was learned only: copy into it the keys of {base} it needs")
    raise typer.Exit(run.exit_code)
