"""What a start costs: users call ``newsdump parse`` once per file from
``xargs`` or ``find -exec``, so a parse of a small file imports only what it
uses. Measured by what is imported, not by time."""

import subprocess
import sys

from tests.conftest import SAMPLES

RUN = """
import sys
from newsdump.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def imported_by(*args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", RUN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, timeout=60
    )
    return set(proc.stderr.decode().split())


def test_parse_of_a_small_file_imports_no_validation_or_worker_machinery():
    # typer 0.29 coerces every option through pydantic: 0.1 s of a 0.2 s start (pyproject.toml keeps it out)
    modules = imported_by("parse", str(SAMPLES / "listing.txt"))
    assert {"newsdump", "typer", "orjson"} <= modules  # it did run
    heavy = {"pydantic", "concurrent", "multiprocessing", "asyncio"}
    assert not modules & heavy, modules & heavy
