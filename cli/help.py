"""Help text, the man page and the README's command reference, from one
source: each command's docstring and parameters.

The help reads like sqlite-utils' or jq's: a usage line with plain metavars
(``INPUT...``, ``CODEC``, ``jsonl|csv``), a one-line summary, the
description, an example, then the arguments and options, each with its help
once (a default is stated in the help's own words, never added again).

A docstring is a summary line, then blocks separated by blank lines: a block
whose first line ends with ``:`` and whose other lines are indented (such as
``Example:``) is kept as written; any other block is a paragraph, re-wrapped.
"""

from __future__ import annotations

import inspect
import textwrap
from dataclasses import dataclass, field
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

PROG = "newsdump"
WIDTH = 80


@dataclass
class Entry:
    """One line of an Arguments, Options or Commands list."""

    term: str
    help: str


@dataclass
class Block:
    text: str
    verbatim: bool = False  # a heading line and indented lines, kept as written


@dataclass
class HelpPage:
    """What ``--help`` shows for one command, before it is laid out."""

    path: str  # "newsdump convert"
    usage: str  # "newsdump convert [OPTIONS] INPUT..."
    summary: str
    blocks: list[Block] = field(default_factory=list)
    arguments: list[Entry] = field(default_factory=list)
    options: list[Entry] = field(default_factory=list)
    commands: list[Entry] = field(default_factory=list)


def split_doc(doc: str | None) -> tuple[str, list[Block]]:
    """A docstring -> its summary line and its blocks."""
    text = inspect.cleandoc(doc or "")
    chunks = [c for c in text.split("\n\n") if c.strip()]
    if not chunks:
        return "", []
    summary = " ".join(chunks[0].split())
    blocks = []
    for chunk in chunks[1:]:
        lines = chunk.splitlines()
        verbatim = lines[0].rstrip().endswith(":") and len(lines) > 1 and all(ln.startswith(" ") for ln in lines[1:])
        blocks.append(Block(textwrap.dedent("\n".join(lines[1:])) if verbatim else " ".join(chunk.split())))
        if verbatim:
            blocks[-1] = Block(lines[0].strip() + "\n" + blocks[-1].text, True)
    return summary, blocks


def summary_of(command: Any) -> str:
    """The first line of a command's help: what the command list shows."""
    return split_doc(command.help)[0]


def _choices(param: Any) -> list[str] | None:
    kind = getattr(param, "type", None) or getattr(param, "type_descriptor", None)  # click, or typer >= 0.2x
    choices = getattr(kind, "choices", None)
    if not choices:
        return None
    return [str(getattr(c, "value", c)) for c in choices]


def metavar(param: Any) -> str:
    """A parameter's plain metavar: its own, its choices joined by ``|``, or its name in capitals."""
    if param.metavar:
        return str(param.metavar)
    choices = _choices(param)
    if choices:
        return "|".join(choices)
    return (param.name or "VALUE").upper()


def _usage_piece(param: Any) -> str:
    name = metavar(param).removesuffix("...")
    if param.nargs == -1:
        return f"{name}..." if param.required else f"[{name}]..."
    return name if param.required else f"[{name}]"


def _option_term(param: Any) -> str:
    names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    term = ", ".join(names)
    if param.secondary_opts:
        term += " / " + ", ".join(param.secondary_opts)
    if not (getattr(param, "is_flag", False) or getattr(param, "count", False)):
        term += f" {metavar(param)}"
    return term


def _option_help(param: Any) -> str:
    text = " ".join((param.help or "").split())
    envvar = param.envvar if getattr(param, "show_envvar", True) else None
    if envvar:
        text += f" [env: {envvar if isinstance(envvar, str) else ', '.join(envvar)}]"
    return text


def describe(command: Any, ctx: Any) -> HelpPage:
    """The help page of ``command`` in context ``ctx``."""
    path = ctx.command_path
    summary, blocks = split_doc(command.help)
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    pieces = [path]
    if any(p.param_type_name == "option" for p in params):
        pieces.append("[OPTIONS]")
    arguments = [p for p in params if p.param_type_name == "argument"]
    pieces += [_usage_piece(p) for p in arguments]
    page = HelpPage(path, " ".join(pieces), summary, blocks)
    page.arguments = [Entry(metavar(p).removesuffix("..."), " ".join((p.help or "").split())) for p in arguments]
    page.options = [Entry(_option_term(p), _option_help(p)) for p in params if p.param_type_name == "option"]
    subcommands = getattr(command, "commands", None)
    if subcommands is not None:
        page.usage += " COMMAND [ARGS]..."
        page.commands = [
            Entry(name, summary_of(sub)) for name, sub in subcommands.items() if not getattr(sub, "hidden", False)
        ]
    return page


def _entries(title: str, entries: list[Entry], width: int) -> list[str]:
    if not entries:
        return []
    column = min(max(len(e.term) for e in entries), 26) + 4
    out = ["", f"{title}:"]
    for e in entries:
        body = textwrap.wrap(e.help, max(width - column, 30)) or [""]
        if len(e.term) + 4 > column:
            out.append(f"  {e.term}")
            out += [" " * column + line for line in body]
        else:
            out.append(f"  {e.term:<{column - 2}}{body[0]}".rstrip())
            out += [" " * column + line for line in body[1:]]
    return out


def render_text(page: HelpPage, width: int = WIDTH) -> str:
    """The page as ``--help`` prints it."""
    out = [f"Usage: {page.usage}"]
    if page.summary:
        out += ["", *textwrap.wrap(page.summary, width, initial_indent="  ", subsequent_indent="  ")]
    for block in page.blocks:
        out.append("")
        if block.verbatim:
            heading, _, body = block.text.partition("\n")
            out += [f"  {heading}", *(f"    {line}".rstrip() for line in body.splitlines())]
        else:
            out += textwrap.wrap(block.text, width, initial_indent="  ", subsequent_indent="  ")
    out += _entries("Arguments", page.arguments, width)
    out += _entries("Options", page.options, width)
    out += _entries("Commands", page.commands, width)
    return "\n".join(out) + "\n"


class _Help:
    """Plain help for a typer command or group (instead of rich's panels)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render_text(describe(self, ctx), WIDTH))

    def get_usage(self, ctx: Any) -> str:
        return "Usage: " + describe(self, ctx).usage


class Command(_Help, TyperCommand):
    pass


class Group(_Help, TyperGroup):
    """The root command: bare ``newsdump`` prints its help and exits 0."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)


# The man page ---------------------------------------------------------------


def _roff(text: str) -> str:
    """Text escaped for roff: backslashes, minus signs, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line if line.startswith((".", "'")) else line) for line in text.splitlines())


def _man_entries(entries: list[Entry]) -> list[str]:
    out = []
    for e in entries:
        out += [".TP", f"\\fB{_roff(e.term)}\\fR", _roff(e.help) if e.help else ""]
    return [line for line in out if line != ""]


def _man_blocks(blocks: list[Block]) -> list[str]:
    out = []
    for block in blocks:
        if block.verbatim:
            heading, _, body = block.text.partition("\n")
            out += [".PP", _roff(heading), ".RS 4", ".nf", _roff(body), ".fi", ".RE"]
        else:
            out += [".PP", _roff(block.text)]
    return out


def _man_page(page: HelpPage) -> list[str]:
    out = [f'.SS "{_roff(page.path)}"', _roff(page.summary), ".PP"]
    out += [".nf", f"\\fB{_roff(page.usage)}\\fR", ".fi"]
    out += _man_blocks(page.blocks)
    for title, entries in (("Arguments", page.arguments), ("Options", page.options)):
        if entries:
            out += [".PP", f"{title}:", ".RS 4", *_man_entries(entries), ".RE"]
    return out


def _walk(command: Any, ctx: Any) -> list[tuple[Any, Any]]:
    """The command and every command below it, in the order of the command list."""
    found = [(command, ctx)]
    for name, sub in getattr(command, "commands", {}).items():
        if not getattr(sub, "hidden", False):
            found += _walk(sub, typer.Context(sub, info_name=name, parent=ctx, **sub.context_settings))
    return found


def render_man(root: Any, version: str) -> str:
    """The man page (section 1) of the whole program, from the same pages as ``--help``."""
    ctx = typer.Context(root, info_name=PROG, **root.context_settings)
    top = describe(root, ctx)
    out = [
        f'.TH NEWSDUMP 1 "" "{PROG} {version}" "User Commands"',
        ".SH NAME",
        f"{PROG} \\- {_roff(top.summary)}",
        ".SH SYNOPSIS",
        ".nf",
        f"\\fB{_roff(top.usage)}\\fR",
        ".fi",
        ".SH DESCRIPTION",
    ]
    out += _man_blocks(top.blocks)
    out += [".SH OPTIONS", *_man_entries(top.options), ".SH COMMANDS"]
    for command, sub_ctx in _walk(root, ctx)[1:]:
        if getattr(command, "commands", None) is None:
            out += _man_page(describe(command, sub_ctx))
    out += [
        ".SH EXIT STATUS",
        "0 on success; 1 when an input could not be read (the others are still processed);",
        "2 for a bad command line; 130 when interrupted.",
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBNEWSDUMP_PROFILE\\fR",
        "The site profile, as \\fB\\-\\-profile\\fR takes it.",
        ".TP",
        "\\fBNO_COLOR\\fR",
        "Tables and progress bars without colour.",
        ".SH SEE ALSO",
        "\\fBjq\\fR(1)",
    ]
    return "\n".join(out) + "\n"


# The README's command reference ----------------------------------------------

REFERENCE_BEGIN = "<!-- command reference: `make readme` writes it from each command's --help; do not edit -->"
REFERENCE_END = "<!-- end of command reference -->"


def render_reference(root: Any) -> str:
    """Markdown: a heading and the ``--help`` text of every command, in the order of the command lists."""
    out = []
    for command, ctx in _walk(root, typer.Context(root, info_name=PROG, **root.context_settings)):
        out += [f"### `{ctx.command_path}`", "", "```text", render_text(describe(command, ctx)).rstrip("\n"), "```", ""]
    return "\n".join(out)


def with_reference(readme: str, root: Any) -> str:
    """``readme`` with the text between the reference markers rewritten."""
    head, begin, rest = readme.partition(REFERENCE_BEGIN + "\n")
    _, end, tail = rest.partition(REFERENCE_END)
    if not (begin and end):
        raise ValueError(f"the README has no {REFERENCE_BEGIN!r} ... {REFERENCE_END!r} section")
    return head + begin + "\n" + render_reference(root) + "\n" + end + tail


def main(argv: list[str] | None = None) -> None:
    """``python -m newsdump.cli.help``: print the man page (``make man`` writes
    it to man/newsdump.1); ``--readme README.md`` rewrites the command
    reference in that file instead (``make readme``)."""
    import sys
    from pathlib import Path

    from newsdump import __version__
    from newsdump.cli.main import build_app

    args = sys.argv[1:] if argv is None else argv
    root = typer.main.get_command(build_app())
    if args[:1] == ["--readme"] and len(args) == 2:
        path = Path(args[1])
        text = path.read_text(encoding="utf-8")
        path.write_text(with_reference(text, root), encoding="utf-8")
    elif not args:
        sys.stdout.write(render_man(root, __version__))
    else:
        sys.exit("usage: python -m newsdump.cli.help [--readme README.md]")


if __name__ == "__main__":
    main()
