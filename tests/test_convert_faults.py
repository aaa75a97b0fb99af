"""newsdump convert under faults (issue 9): nothing lost, nothing left
behind, nothing written outside.

Tests that start processes give each its own session and its own TMPDIR,
look for leftovers only there (other newsdump runs may share the machine),
and kill and reap whatever they started.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest
from newsdump.cli.main import build_app
from newsdump.results import parse_results
from typer.testing import CliRunner

from tests.conftest import SAMPLES
from tests.records import load_jsonl, load_jsonl_text

LISTING = SAMPLES / "listing.txt"
BAD_NAME = os.fsdecode(b"bad\xff.txt")  # a file name that is not UTF-8


def distinct_dump(pages: int, tag: str = "") -> str:
    """A dump whose articles all differ (two per page)."""
    return "".join(
        f"3 March 2026\n\nViewing results 1 - 2 of 240\n\n"
        f"Water Board {tag}{i} Opens a New Canal Section\n\n"
        f"The regional water board {tag}{i} opened a canal section on Monday, farmers said.\n\n"
        f"Railway Line {tag}{i} Reaches the Border Town\n\n"
        f"The railway line {tag}{i} reached the border town after four years of work.\n\n"
        for i in range(pages)
    )


def invoke(*args: str):
    """The command in this process (for what needs no real process)."""
    return CliRunner().invoke(build_app(), ["convert", *args])


# --- processes: own session, own TMPDIR, nothing left behind -----------------


def session_members(sid: int) -> list[int]:
    """Live processes of the session ``sid`` (zombies are dead already)."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, _ppid, _pgrp, session = stat[stat.rindex(")") + 2 :].split()[:4]
        if int(session) == sid and state != "Z":
            members.append(int(entry))
    return members


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                found.append(int(entry))
    return found


def wait_for(condition, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


class Sessions:
    """Starts commands each in its own session; kills and reaps them all at the end."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmpdir = tmp_path / "tmp"
        self.tmpdir.mkdir()
        self.env = dict(os.environ, TMPDIR=str(self.tmpdir))
        self.started: list[subprocess.Popen] = []

    def start(self, cmd, cwd, **kwargs) -> subprocess.Popen:
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.PIPE)
        proc = subprocess.Popen(cmd, cwd=cwd, env=self.env, start_new_session=True, **kwargs)
        self.started.append(proc)
        return proc

    def run(self, cmd, cwd, **kwargs) -> subprocess.CompletedProcess:
        if "stdout" not in kwargs and "stderr" not in kwargs:
            kwargs.setdefault("capture_output", True)
        return subprocess.run(cmd, cwd=cwd, env=self.env, start_new_session=True, timeout=180, **kwargs)

    def assert_gone(self, proc: subprocess.Popen, timeout: float = 10.0) -> None:
        wait_for(lambda: not session_members(proc.pid), timeout, "the run's processes to end")

    def close(self) -> None:
        for proc in self.started:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
            proc.wait(timeout=30)


@pytest.fixture
def sessions(tmp_path):
    s = Sessions(tmp_path)
    yield s
    s.close()


@pytest.fixture
def big(tmp_path):
    """big/: 12 files of about 1 MB (seconds of work on two cores)."""
    root = tmp_path / "big"
    root.mkdir()
    data = LISTING.read_bytes() * 450
    for i in range(12):
        (root / f"x{i:02d}.txt").write_bytes(data)
    return tmp_path


# --- 1. standard input ------------------------------------------------------------


@pytest.mark.parametrize("options", [["-j", "1"], ["-j", "2"], ["--engine", "dask", "-j", "2"]])
def test_stdin_is_read_in_the_parent_for_every_engine(newsdump, sessions, tmp_path, options):
    if "dask" in options:
        pytest.importorskip("distributed", reason="Dask is an optional extra; `make test` installs it")
    data = LISTING.read_bytes()
    out = sessions.run([*newsdump, "convert", "-", "-o", "-", *options], tmp_path, input=data)
    parsed = sessions.run([*newsdump, "parse", "-"], tmp_path, input=data)
    assert out.returncode == 0, out.stderr
    assert out.stdout == parsed.stdout and len(load_jsonl_text(out.stdout.decode())) == 6


# --- 2. nothing matched ------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "given"),
    [
        (lambda root: (root / "empty").mkdir(), ["empty"]),
        (lambda root: ((root / "gz").mkdir(), (root / "gz" / "dump.gz").write_bytes(b"x")), ["gz"]),
        (lambda root: None, ["nothing-*.txt"]),
    ],
)
def test_inputs_that_match_nothing_fail_and_create_no_output(tmp_path, monkeypatch, make, given):
    monkeypatch.chdir(tmp_path)
    make(tmp_path)
    out = invoke(*given, "-o", "out.jsonl")
    assert out.exit_code == 1
    assert out.stderr.startswith(f"newsdump: error: no input files matched: {given[0]}")
    assert not (tmp_path / "out.jsonl").exists() and not list(tmp_path.glob(".out.jsonl*"))


def test_a_directory_without_a_matching_file_among_other_inputs_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    out = invoke("empty", str(LISTING), "-o", "out.jsonl")
    assert out.exit_code == 1 and "error: empty: a directory with no *.txt file in it" in out.stderr
    assert len(load_jsonl(tmp_path / "out.jsonl")) == 6


# --- 3. oversized numbers, unexpected errors ---------------------------------------

HUGE = "Viewing results 1 - 18446744073709551616 of"


def huge_dump() -> str:
    """The listing sample with a result line whose last number needs 65 bits."""
    text = LISTING.read_text()
    assert "Viewing results 13 - 18 of 240" in text
    return text.replace("Viewing results 13 - 18 of 240", HUGE)


def test_a_number_too_large_for_64_bits_is_no_result_line():
    assert parse_results(HUGE) is None
    assert parse_results("Viewing results 1 - 9223372036854775807 of 9223372036854775807") is not None


@pytest.mark.parametrize("command", ["parse", "pages", "stats"])
def test_an_oversized_result_line_does_not_crash_the_record_commands(newsdump, tmp_path, command):
    (tmp_path / "big.txt").write_text(huge_dump())
    out = subprocess.run([*newsdump, command, "big.txt"], cwd=tmp_path, capture_output=True, timeout=60)
    assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr


def test_an_oversized_result_line_in_one_file_keeps_every_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.txt").write_text(huge_dump())
    out = invoke(str(LISTING), "big.txt", "-o", "out.jsonl", "-j", "1")
    assert out.exit_code == 0, out.stderr
    assert {r["source"] for r in load_jsonl(tmp_path / "out.jsonl")} == {str(LISTING), "big.txt"}


def test_an_unexpected_error_in_one_file_costs_only_that_file(tmp_path, monkeypatch):
    import newsdump.batch as batch

    real = batch.page_records

    def failing(kind, text, source, rules, **options):
        if source.endswith("boom.txt"):
            raise RuntimeError("a bug")
        return real(kind, text, source, rules, **options)

    monkeypatch.setattr(batch, "page_records", failing)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "boom.txt").write_bytes(LISTING.read_bytes())
    out = invoke(str(LISTING), "boom.txt", "-o", "out.jsonl", "-j", "1")
    assert out.exit_code == 1
    assert "newsdump: error: boom.txt: internal error: RuntimeError: a bug" in out.stderr
    assert "1 file(s) converted" in out.stderr and "1 failed" in out.stderr
    assert {r["source"] for r in load_jsonl(tmp_path / "out.jsonl")} == {str(LISTING)}


# --- 4. two runs on one --seen store ------------------------------------------------


def test_a_second_run_on_a_busy_seen_store_waits_and_delivers_nothing_twice(newsdump, sessions, tmp_path):
    """The first run holds the store while it reads its standard input, which
    this test keeps open until the second run says it is waiting: no race."""
    text = distinct_dump(200)
    (tmp_path / "today.txt").write_text(text)
    first = sessions.start(
        [*newsdump, "convert", "-", "-o", "a.jsonl", "--seen", "seen.db"], tmp_path, stdin=subprocess.PIPE
    )
    wait_for(lambda: list(tmp_path.glob(".a.jsonl.*.part")), what="the first run to start writing")
    second = sessions.start([*newsdump, "convert", "today.txt", "-o", "b.jsonl", "--seen", "seen.db"], tmp_path)
    assert b"waiting" in second.stderr.readline()
    first.stdin.write(text.encode())
    first.stdin.close()
    assert first.wait(timeout=120) == 0
    assert second.wait(timeout=120) == 0
    assert b"Traceback" not in second.stderr.read()
    a = [r["id"] for r in load_jsonl(tmp_path / "a.jsonl")]
    b = [r["id"] for r in load_jsonl(tmp_path / "b.jsonl")]
    assert len(a) == 400 and b == []


def test_overlapping_short_runs_deliver_each_article_once(newsdump, sessions, tmp_path):
    (tmp_path / "today.txt").write_text(distinct_dump(100))
    for trial in range(3):
        db = f"seen{trial}.db"
        runs = [
            sessions.start([*newsdump, "convert", "today.txt", "-o", f"{trial}{n}.jsonl", "--seen", db], tmp_path)
            for n in "ab"
        ]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode == 0 and b"Traceback" not in err, err
        ids = [r["id"] for n in "ab" for r in load_jsonl(tmp_path / f"{trial}{n}.jsonl")]
        assert len(ids) == len(set(ids)) == 200


# --- 5. a closed pipe --------------------------------------------------------------


def test_a_closed_pipe_stops_the_workers_and_leaves_no_temporary_file(newsdump, sessions, big):
    proc = sessions.start([*newsdump, "convert", "big", "-o", "-", "-j", "2"], big)
    assert proc.stdout.readline().startswith(b'{"source"')
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141
    assert err == b""  # quiet: no traceback, no summary
    sessions.assert_gone(proc)
    assert list(sessions.tmpdir.iterdir()) == []


# --- 6. kill -9 and SIGTERM ---------------------------------------------------------


def test_after_kill_9_the_workers_end_and_a_rerun_cleans_up(newsdump, sessions, big):
    cmd = [*newsdump, "convert", "big", "-o", "out.jsonl", "-j", "2"]
    proc = sessions.start(cmd, big)
    wait_for(lambda: len(children(proc.pid)) >= 2 and list(big.glob(".out.jsonl.*.part")), what="two workers")
    proc.kill()
    proc.wait(timeout=30)
    sessions.assert_gone(proc)  # the workers noticed their parent was gone
    assert list(big.glob(".out.jsonl.*.part")) and list(sessions.tmpdir.iterdir())  # the killed run's debris
    again = sessions.run(cmd, big)
    assert again.returncode == 0, again.stderr
    assert not list(big.glob(".out.jsonl.*")) and list(sessions.tmpdir.iterdir()) == []
    assert len(load_jsonl(big / "out.jsonl")) == 12 * 450 * 6


def test_sigterm_cleans_up_and_exits_143_with_one_line(newsdump, sessions, big):
    proc = sessions.start([*newsdump, "convert", "big", "--out-dir", "out", "-j", "2"], big)
    wait_for(lambda: len(children(proc.pid)) >= 2, what="two workers")
    os.killpg(proc.pid, signal.SIGTERM)  # as `timeout` does: to the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err == b"newsdump: terminated\n", err.decode()
    sessions.assert_gone(proc)
    assert not list((big / "out").rglob("*.part")) and list(sessions.tmpdir.iterdir()) == []


# --- 7. nothing written outside --out-dir -------------------------------------------


@pytest.mark.parametrize("pattern", ["../../*.txt", "**/../../*.txt", "/tmp/*.txt"])
def test_a_glob_that_leaves_the_directory_is_a_usage_error(tmp_path, monkeypatch, pattern):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    out = invoke("in", "--glob", pattern, "--out-dir", "out")
    assert out.exit_code == 2 and "--glob" in out.output
    assert not (tmp_path / "out").exists()


def test_inputs_from_outside_are_written_inside_out_dir(tmp_path, monkeypatch):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    (tmp_path / "outside.txt").write_bytes(LISTING.read_bytes())
    monkeypatch.chdir(work)
    (work / "list.txt").write_text("../../outside.txt\n")
    out = invoke(str(tmp_path / "*.txt"), "@list.txt", "--out-dir", "out")
    assert sorted(p.relative_to(work) for p in work.rglob("*.jsonl")) == [Path("out/outside.jsonl")]
    assert "already written" in out.stderr  # the same file twice maps to one output
    assert not (tmp_path / "outside.jsonl").exists()


def test_output_path_never_leaves_out_dir():
    from newsdump.batch import output_path  # here: the tests above run on a version without it

    out = Path("out")
    assert output_path(out, "../../x.txt") == out / "x.jsonl"
    assert output_path(out, "/abs/x.txt") == out / "abs" / "x.jsonl"
    assert output_path(out, "sub/x.txt") == out / "sub" / "x.jsonl"


# --- 8. output errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "adir"], "adir: is a directory"),
        (["-o", "afile/out.jsonl"], "afile/out.jsonl: afile is not a directory"),
        (["--out-dir", "afile"], "afile: not a directory"),
        (["-o", "missing/out.jsonl"], "missing/out.jsonl: no such directory: missing"),
    ],
)
def test_a_bad_output_is_one_line_before_any_work(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("")
    out = invoke(str(LISTING), "not-there.txt", *args)
    assert out.exit_code == 1
    assert out.stderr == f"newsdump: error: {message}" + (" (create it first)\n" if "missing" in message else "\n")
    assert not (tmp_path / "missing").exists() and not list(tmp_path.rglob("*.part"))


def run_read_only(sessions, cmd, folder: Path, cwd: Path):
    """``cmd`` with ``folder`` not writable: chmod for an ordinary user; root
    ignores modes, so for root a read-only bind mount in a private mount
    namespace (nothing outside the command sees it)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return sessions.run(cmd, cwd)
        finally:
            folder.chmod(0o755)
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return sessions.run(["unshare", "--mount", "sh", "-c", script, str(folder), *cmd], cwd)


@pytest.mark.parametrize("option", ["-o", "--out-dir", "--seen"])
def test_a_read_only_output_is_one_line(newsdump, sessions, tmp_path, option):
    ro = tmp_path / "ro"
    ro.mkdir()
    target = {"-o": ["-o", "ro/out.jsonl"], "--out-dir": ["--out-dir", "ro"]}.get(
        option, ["-o", "-", "--seen", "ro/seen.db"]
    )
    out = run_read_only(sessions, [*newsdump, "convert", str(LISTING), *target], ro, tmp_path)
    err = out.stderr.decode()
    assert out.returncode == 1 and err.startswith("newsdump: error: ro") and err.count("\n") == 1, err
    assert list(ro.iterdir()) == [] and list(sessions.tmpdir.iterdir()) == []


def limit_file_size(size: int):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_file_size_limit_is_one_line_and_leaves_no_part_file(newsdump, sessions, tmp_path):
    (tmp_path / "many.txt").write_text(distinct_dump(500))
    cmd = [*newsdump, "convert", "many.txt", "-o", "out.jsonl"]
    out = sessions.run(cmd, tmp_path, preexec_fn=limit_file_size(20_000))
    assert out.returncode == 1 and out.stderr == b"newsdump: error: out.jsonl: File too large\n"
    assert not list(tmp_path.glob("*out.jsonl*"))


def test_a_full_seen_store_is_one_line(newsdump, sessions, tmp_path):
    (tmp_path / "many.txt").write_text(distinct_dump(2000))
    cmd = [*newsdump, "convert", "many.txt", "-o", "-", "--seen", "seen.db"]
    out = sessions.run(
        cmd, tmp_path, preexec_fn=limit_file_size(32_768), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert out.returncode == 1 and out.stderr.startswith(b"newsdump: error: seen.db: ")
    assert out.stderr.count(b"\n") == 1, out.stderr


def test_a_full_disk_on_standard_output_is_one_line(newsdump, sessions, tmp_path):
    with open("/dev/full", "wb") as full:
        out = sessions.run(
            [*newsdump, "convert", str(LISTING), "-o", "-"], tmp_path, stdout=full, stderr=subprocess.PIPE
        )
    assert out.returncode == 1
    assert out.stderr == b"newsdump: error: standard output: No space left on device\n"


# --- 9. file names that are not UTF-8 ------------------------------------------------


@pytest.mark.parametrize("command", ["parse", "audit"])
def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(newsdump, tmp_path, command):
    (tmp_path / BAD_NAME).write_bytes(LISTING.read_bytes())
    out = subprocess.run([*newsdump, command, b"bad\xff.txt"], cwd=tmp_path, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    records = load_jsonl_text(out.stdout.decode())
    assert records and {r["source"] for r in records} == {"bad\\xff.txt"}


def test_convert_reads_a_directory_holding_a_name_that_is_not_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / BAD_NAME).write_bytes(LISTING.read_bytes())
    (tmp_path / "in" / "good.txt").write_bytes(LISTING.read_bytes())
    out = invoke("in", "-o", "out.jsonl", "--seen", "seen.db", "-j", "1")
    assert out.exit_code == 0, out.stderr
    assert [r["source"] for r in load_jsonl(tmp_path / "out.jsonl")] == ["in/bad\\xff.txt"] * 6
    mirrored = invoke("in", "--out-dir", "out")
    assert mirrored.exit_code == 0 and (tmp_path / "out" / os.fsdecode(b"bad\xff.jsonl")).exists()


# --- 10. @list files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lists", "cycle"),
    [
        ({"a.lst": "@a.lst\n"}, "a.lst -> a.lst"),
        ({"a.lst": "@b.lst\n", "b.lst": "@a.lst\n"}, "a.lst -> b.lst -> a.lst"),
    ],
)
def test_list_files_that_name_each_other_are_reported(tmp_path, monkeypatch, lists, cycle):
    monkeypatch.chdir(tmp_path)
    for name, text in lists.items():
        (tmp_path / name).write_text(text + f"{LISTING}\n")
    out = invoke("@a.lst", "-o", "out.jsonl")
    assert out.exit_code == 1 and f"in a cycle: {cycle}" in out.stderr
    assert len(load_jsonl(tmp_path / "out.jsonl")) == 6 * len(lists)


def test_a_list_file_with_bytes_that_are_not_utf8_names_those_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / BAD_NAME).write_bytes(LISTING.read_bytes())
    (tmp_path / "list.lst").write_bytes(b"bad\xff.txt\n")
    out = invoke("@list.lst", "-o", "out.jsonl")
    assert out.exit_code == 0, out.stderr
    assert {r["source"] for r in load_jsonl(tmp_path / "out.jsonl")} == {"bad\\xff.txt"}
