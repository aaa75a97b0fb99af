"""The ``newsdump`` program: the typer app and the one place where
exceptions become messages and exit codes (0 ok, 1 an input failed,
2 bad command line, 130 interrupted)."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from newsdump import __version__
from newsdump.cli.terminal import blocking_stdout, discard_stdout, stand_in_for_closed_stdout

HELP = """Turn raw text dumps of news sites into clean JSON Lines.

Reads the files, directories, globs and @lists named, or standard input;
writes JSONL to standard output; diagnostics go to standard error.

Examples:
    newsdump parse dump.txt | jq -r .title
    newsdump stats dumps/
    newsdump convert dumps/ -o articles.jsonl
"""


# Each command and the module that defines it, in the order of the help.
COMMANDS = (
    ("parse", "records_cmd"),
    ("pages", "records_cmd"),
    ("ticker", "tools_cmd"),
    ("strip", "tools_cmd"),
    ("stats", "tools_cmd"),
    ("convert", "convert_cmd"),
    ("audit", "audit_cmd"),
    ("schema", "tools_cmd"),
    ("learn", "learn_cmd"),
)


def build_app(only: str | None = None):
    """The app with every command, or with ``only`` that one (a run of one
    command imports only what it needs: start-up is a tenth of a second less)."""
    import importlib

    import typer
    from newsdump.cli.help import Command, Group

    app = typer.Typer(
        cls=Group,
        help=HELP,
        add_completion=True,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version(value: bool) -> None:
        if value:
            print(f"newsdump {__version__}")
            raise typer.Exit()

    @app.callback()
    def _root(
        _: bool = typer.Option(
            False, "--version", "-V", callback=version, is_eager=True, help="Print the version and exit."
        ),
    ) -> None:
        pass

    for name, module in COMMANDS:
        if only is None or only == name:
            app.command(cls=Command)(getattr(importlib.import_module(f"newsdump.cli.{module}"), name))
    if only is None or only == "profile":
        from newsdump.cli import profile_cmd

        app.add_typer(profile_cmd.build(), name="profile")
    return app


def _command(args: list[str]) -> str | None:
    """The command a command line runs, when it is its first word."""
    names = {name for name, _ in COMMANDS} | {"profile"}
    if args and args[0] in names and not any(key.endswith("_COMPLETE") for key in os.environ):
        return args[0]
    return None


# Freed memory glibc's malloc keeps for reuse (M_TOP_PAD, option -2 of mallopt).
KEEP_FREED = 64 << 20


def keep_freed_memory() -> None:
    """Ask the C library's malloc to keep up to KEEP_FREED bytes of freed
    memory instead of giving it back at once: parsing frees and allocates
    megabytes of text all the time, and on 100 MB the page faults of taking
    it back cost 0.3 s of 2.2 (peak memory grows by about 2 MB). Only glibc
    has ``mallopt``; elsewhere nothing happens."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(-2, KEEP_FREED)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    stand_in_for_closed_stdout()
    blocking_stdout()
    # A closed pipe (`newsdump parse x | head -1`) ends us quietly, as it does cat.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if args in (["--version"], ["-V"]):  # fast path: no typer import
        try:
            print(f"newsdump {__version__}", flush=True)
        except OSError as err:
            sys.exit(_output_failed(err))
        return
    keep_freed_memory()
    try:
        import typer

        # typer vendors click in recent versions and depends on it in older
        # ones: take the base classes of its errors from typer itself.
        base = typer.BadParameter.__mro__
        click_error: Any = next(c for c in base if c.__name__ == "ClickException")
        usage_error: Any = next(c for c in base if c.__name__ == "UsageError")
        app = build_app(_command(args))
        from newsdump.patterns import PatternTimeout

        try:
            code = app(args=args, prog_name="newsdump", standalone_mode=False)
            sys.stdout.flush()  # what is still buffered fails here, if it does, not at exit
        except typer.Abort:
            code = 130
        except PatternTimeout as err:  # a profile's pattern that backtracks without end: a bad --profile
            sys.stderr.write(f"newsdump: error: --profile: {err}\n")
            code = 2
        except usage_error as err:
            show_usage_error(err)
            code = err.exit_code
        except click_error as err:
            sys.stderr.write(f"newsdump: error: {err.format_message()}\n")
            code = err.exit_code
        except OSError as err:  # writing the output failed: a full disk, a closed descriptor
            code = _output_failed(err)
        except RuntimeError as err:
            futures = sys.modules.get("concurrent.futures")  # imported only by runs with workers
            if futures is None or not isinstance(err, futures.BrokenExecutor):
                raise
            # A worker was killed (the out-of-memory killer, kill -9): what was written stands, the rest is not.
            sys.stderr.write(f"newsdump: error: a worker process ended abruptly; the output is incomplete ({err})\n")
            code = 1
    except KeyboardInterrupt:
        code = 130
    if code == 130:
        sys.stderr.write("newsdump: interrupted\n")
    sys.exit(code or 0)


def _output_failed(err: OSError) -> int:
    """Say that the output could not be written (one line) and give the exit
    code; what is still buffered for standard output goes nowhere."""
    from newsdump.reader import source_name

    where = source_name(str(err.filename)) if err.filename else "standard output"
    sys.stderr.write(f"newsdump: error: {where}: {err.strerror or err}\n")
    discard_stdout()
    return 1


def show_usage_error(err: Any) -> None:
    """``newsdump: error: ...`` first, like every other message, then the
    command's usage and where to find its help."""
    lines = [f"newsdump: error: {err.format_message()}"]
    ctx = err.ctx
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(f"Try '{ctx.command_path} --help' for help.")
    sys.stderr.write("\n".join(lines) + "\n")
