"""``newsdump profile show [NAME]`` and ``newsdump profile check FILE``: the
built-in site profiles as files to copy, and a check of one's own."""

from __future__ import annotations

import sys

import typer
from newsdump.cli.common import builtin_profiles, builtin_text, echo_err, read_profile


def show(
    name: str = typer.Argument("timesca", metavar="NAME", help="A built-in profile (timesca when none is given)."),
) -> None:
    """Print a built-in profile as commented TOML, to copy for another site.

    Every key is written out with a comment; a profile of one's own needs
    only the keys it changes (the others keep the timesca values).

    Example:
        newsdump profile show > mysite.toml
    """
    try:
        text = builtin_text(name)
    except KeyError:
        raise typer.BadParameter(
            f"no built-in profile {name!r} (built in: {', '.join(builtin_profiles())})", param_hint="NAME"
        ) from None
    sys.stdout.write(text)


def check(
    path: str = typer.Argument(..., metavar="FILE", help="A TOML profile (or a built-in name)."),
) -> None:
    """Check a profile: every key, type and pattern; exit 1 naming the key at fault.

    Example:
        newsdump profile check mysite.toml
    """
    try:
        loaded = read_profile(path)
    except ValueError as err:
        echo_err(f"error: {err}")
        raise typer.Exit(1) from None
    sys.stdout.write(f"{path}: ok, profile {loaded.name!r}\n")


def list_() -> None:
    """List the built-in profiles, one name a line.

    Example:
        newsdump profile list
    """
    for name in builtin_profiles():
        sys.stdout.write(name + "\n")


def build() -> typer.Typer:
    from newsdump.cli.help import Command, Group

    app = typer.Typer(
        cls=Group,
        help="Site profiles: show a built-in one, list them, check your own.\n\n"
        "Example:\n    newsdump profile show vestnik",
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command(cls=Command)(show)
    app.command(cls=Command)(check)
    app.command("list", cls=Command)(list_)
    return app
