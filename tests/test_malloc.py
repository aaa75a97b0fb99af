"""The command line asks glibc's malloc to keep freed memory for reuse:
parsing allocates and frees megabytes of text all the time, and giving it
back at once cost a page fault per page taken back (0.3 s of 2.2 on 100 MB)."""

import ctypes
import os
import subprocess
import sys

import pytest

from tests.conftest import TIMESCA_DUMPS

RUN = """
import sys
import newsdump.cli.main as m
if sys.argv[1] == "off":
    m.keep_freed_memory = lambda: None
try:
    m.main(["parse", "-j", "1", sys.argv[2]])
except SystemExit:
    pass
"""


def minor_faults(mode: str, path) -> int:
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen([sys.executable, "-c", RUN, mode, str(path)], stdout=null)
        _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_minflt


@pytest.mark.skipif(not hasattr(ctypes.CDLL(None), "mallopt"), reason="mallopt is glibc's")
def test_parse_takes_far_fewer_page_faults_with_freed_memory_kept(tmp_path):
    path = tmp_path / "stream.txt"
    unit = b"".join(p.read_bytes() for p in TIMESCA_DUMPS)
    path.write_bytes(unit * (8_000_000 // len(unit) + 1))  # about 8 MB: blocks of 1 MB come and go
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    start = min(minor_faults("on", empty) for _ in range(2))  # the imports' own page faults
    off = min(minor_faults("off", path) for _ in range(2)) - start
    on = min(minor_faults("on", path) for _ in range(2)) - start
    # Growing to the working set costs the same in both; what the imports leave
    # free counts in it (typer 0.28 imports less than 0.29: about 1,570 against 3,110).
    assert on * 1.5 < off, (on, off)
