import contextlib
import functools
import os
import shutil
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"
# Samples of the default (timesca) site; NAME.toml beside NAME.txt marks another site's sample and its profile.
TIMESCA_DUMPS = [p for p in sorted(SAMPLES.glob("*.txt")) if not p.with_suffix(".toml").exists()]


def newsdump_command() -> list[str]:
    """The installed console script beside this interpreter, else on PATH."""
    script = Path(sys.executable).parent / "newsdump"
    if script.exists():
        return [str(script)]
    found = shutil.which("newsdump")
    if found:
        return [found]
    pytest.fail("newsdump is not installed: run `make test`, which installs it")


@pytest.fixture(scope="session")
def newsdump() -> list[str]:
    return newsdump_command()


@dataclass
class Ran:
    """What a run of the program gave: the fields of subprocess.CompletedProcess that the tests read."""

    returncode: int
    stdout: bytes
    stderr: bytes


def run_main(*args: object, stdin: bytes = b"", cwd: Path | str | None = None, env: dict | None = None) -> Ran:
    """``newsdump ARGS`` in this process, through ``newsdump.cli.main.main``,
    the function the console script calls: the same messages and exit codes
    as the installed command (exceptions mapped to 1, 2 and 130 there, not
    click's own), without starting a Python per test.

    ``stdin`` is a byte stream, not a pipe nor a terminal; ``env`` overrides
    (None removes) variables for the run only. Tests of pipes, signals, a
    terminal, worker processes and the console script itself start a real
    process instead."""
    from newsdump.cli.main import main
    from typer.testing import CliRunner

    sigpipe = signal.getsignal(signal.SIGPIPE)  # main() restores the default action, for a real process
    with CliRunner().isolation(input=stdin, env=env) as streams, contextlib.chdir(cwd or os.getcwd()):
        out, err = streams[0], streams[1]
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        finally:
            signal.signal(signal.SIGPIPE, sigpipe)
            sys.stdout.flush()
            sys.stderr.flush()
        return Ran(code, out.getvalue(), err.getvalue())


@functools.cache
def schema_validator(kind: str):
    """A validator of the packaged JSON Schema of a record kind (the schema itself checked first)."""
    import json

    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency: `make test` installs it")
    schema = json.loads((ROOT / "core" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
