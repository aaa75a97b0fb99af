"""The ``newsdump`` program: the typer app and the one place where
exceptions become messages and exit codes (0 ok, 1 an input failed,
2 bad command line, 130 interrupted)."""

from __future__ import annotations

import signal
import sys
from typing import Any

from newsdump import __version__

HELP = """Turn raw text dumps of news sites into clean JSON Lines.

Reads the files named, or standard input; writes JSONL to standard output;
diagnostics go to standard error."""


def build_app():
    import typer
    from newsdump.cli import audit_cmd, convert_cmd, records_cmd, tools_cmd

    app = typer.Typer(
        help=HELP,
        add_completion=True,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version(value: bool) -> None:
        if value:
            print(f"newsdump {__version__}")
            raise typer.Exit()

    @app.callback()
    def _root(
        _: bool = typer.Option(False, "--version", callback=version, is_eager=True, help="Print the version and exit."),
    ) -> None:
        pass

    app.command()(records_cmd.parse)
    app.command()(records_cmd.pages)
    app.command()(tools_cmd.ticker)
    app.command()(tools_cmd.strip)
    app.command()(tools_cmd.stats)
    app.command()(convert_cmd.convert)
    app.command()(audit_cmd.audit)
    app.command()(tools_cmd.schema)
    return app


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # fast path: no typer import
        print(f"newsdump {__version__}")
        return
    # A closed pipe (`newsdump parse x | head -1`) ends us quietly, as it does cat.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        import typer

        # typer vendors click in recent versions and depends on it in older
        # ones: take the base class of usage errors from typer itself.
        usage_error: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
        app = build_app()
        try:
            code = app(args=args, prog_name="newsdump", standalone_mode=False)
        except typer.Abort:
            code = 130
        except usage_error as err:
            err.show()
            code = err.exit_code
    except KeyboardInterrupt:
        code = 130
    if code == 130:
        sys.stderr.write("newsdump: interrupted\n")
    sys.exit(code or 0)
