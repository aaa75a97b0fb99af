"""Standard output that cannot be written: a full disk (/dev/full) or a
descriptor the caller closed (``>&-``). Every command says so in one line
and exits 1, with no traceback (README: Exit codes and errors), as `cat`
does."""

import os
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, TIMESCA_DUMPS

DUMP = str(SAMPLES / "listing.txt")

COMMANDS = [
    ["parse", DUMP],
    ["pages", DUMP],
    ["audit", DUMP],
    ["stats", DUMP],
    ["ticker", DUMP],
    ["strip", DUMP],
    ["schema", "article"],
    ["learn", DUMP],
    ["profile", "show"],
    ["--help"],
    ["parse", "--help"],
    ["--version"],
]


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_bytes(b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 200)  # over 2 MB: -j 2 runs two workers
    return str(path)


def run(newsdump: list[str], args: list[str], redirect: str) -> subprocess.CompletedProcess:
    command = " ".join(map(shlex.quote, [*newsdump, *args])) + " " + redirect
    return subprocess.run(["bash", "-c", command], capture_output=True, timeout=120)


def check(ran: subprocess.CompletedProcess, reason: str) -> None:
    err = ran.stderr.decode()
    assert ran.returncode == 1, err
    assert err.splitlines()[-1] == f"newsdump: error: standard output: {reason}", err
    assert "Traceback" not in err and "Exception ignored" not in err, err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full is Linux's")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_is_one_error_line_and_exit_1(newsdump, args):
    check(run(newsdump, args, "> /dev/full"), os.strerror(28))


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_standard_output_is_one_error_line_and_exit_1(newsdump, args):
    check(run(newsdump, args, ">&-"), os.strerror(9))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full is Linux's")
def test_parse_with_two_jobs_on_a_full_disk(newsdump, big):
    check(run(newsdump, ["parse", "-j", "2", big], "> /dev/full"), os.strerror(28))


def test_a_command_that_writes_only_to_files_runs_with_standard_output_closed(newsdump, tmp_path):
    out = tmp_path / "out.jsonl"
    ran = run(newsdump, ["convert", DUMP, "-o", str(out), "-q"], ">&-")
    assert ran.returncode == 0, ran.stderr
    assert out.read_bytes().count(b"\n") > 1


def test_learn_cannot_write_its_profile_file_exit_1_not_a_usage_error(newsdump, tmp_path):
    ran = run(newsdump, ["learn", DUMP, "-o", str(tmp_path / "no" / "such" / "dir.toml")], "")
    assert ran.returncode == 1 and b"Usage" not in ran.stderr, ran.stderr
    assert b"No such file or directory" in ran.stderr


def test_version_into_a_closed_pipe_ends_quietly_as_every_command_does(newsdump):
    command = " ".join(map(shlex.quote, [*newsdump, "--version"]))
    script = f"(sleep 0.5; {command}) | true; exit ${{PIPESTATUS[0]}}"  # the reader is gone before the write
    ran = subprocess.run(["bash", "-c", script], capture_output=True, timeout=60)
    assert (ran.returncode, ran.stderr) == (141, b"")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_non_blocking_pipe_loses_no_record(newsdump, big, jobs):
    """Standard output a caller left non-blocking (O_NONBLOCK on the pipe),
    read slowly: -j 1 lost records without a word and exited 0 (found by a
    review with fresh eyes). The command makes its standard output blocking."""
    import fcntl
    import time

    expected = subprocess.run([*newsdump, "audit", "-j", "1", big], capture_output=True, timeout=120).stdout
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
    proc = subprocess.Popen([*newsdump, "audit", "-j", jobs, big], stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    got = []
    with os.fdopen(read, "rb") as pipe:
        while chunk := pipe.read1(65536):
            got.append(chunk)
            time.sleep(0.005)  # a slow reader: the pipe fills
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (0, b"") and b"".join(got) == expected
