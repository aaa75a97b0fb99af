"""newsdump.chunks: one file cut at page starts and parsed in pieces gives
exactly the records of one pass (the fast path equals the general path)."""

import gzip
import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsdump.auditing import audit_stream
from newsdump.chunks import can_split, find_chunks, jobs_for, parallel_records, parse_chunk, renumber
from newsdump.jsonl import jsonl
from newsdump.parser import parse_stream, parse_text
from newsdump.profile import DEFAULT_RULES, TIMESCA

from tests.conftest import TIMESCA_DUMPS, run_main
from tests.dumpgen import dumps
from tests.test_properties import NOISY_TEXT


def serial(data: bytes, kind: str) -> bytes:
    lines = io.StringIO(data.decode(), newline="").readlines()
    if kind == "audit":
        return jsonl(audit_stream(lines, "f.txt"))
    pages = parse_stream(lines, "f.txt")
    return b"".join(jsonl(p.articles if kind == "articles" else (p.record,)) for p in pages)


def in_chunks(path, data: bytes, kind: str, size: int) -> bytes:
    out, offset = [], 0
    for chunk in find_chunks(io.BytesIO(data), size):
        result = parse_chunk(str(path), "f.txt", chunk, kind, DEFAULT_RULES)
        out += renumber(result.data, result.marks, offset + 1)
        offset += len(result.marks)
    return b"".join(out)


def check_chunked_equals_serial(tmp_path, data: bytes, size: int) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    for kind in ("articles", "pages", "audit"):
        assert in_chunks(path, data, kind, size) == serial(data, kind), kind


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.one_of(dumps().map(lambda case: case[0]), NOISY_TEXT), min_size=1, max_size=4), st.integers(1, 400))
def test_chunks_at_any_size_give_the_records_of_one_pass(tmp_path, texts, size):
    # Dumps joined as `cat` joins them (glued tickers included), with noise between.
    data = "".join(texts).encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # not a file the fast path takes (can_split says no)
    if b"\r" in data.replace(b"\r\n", b"") or b"\x00" in data:
        return
    check_chunked_equals_serial(tmp_path, data, size)


@pytest.mark.parametrize("dump", TIMESCA_DUMPS, ids=lambda p: p.name)
def test_every_sample_cut_at_every_page(tmp_path, dump):
    data = dump.read_bytes() * 3
    if can_split(str(dump), None):
        check_chunked_equals_serial(tmp_path, data, 1)


def test_chunks_start_only_where_a_page_starts():
    data = "• A/B = 1 0%\n\n  • A/B = 1 0%\nT\n\nB. 5%\n• A/B = 1 0%\nx\nBody.• A/B = 1 0%\n• A/B = 1 0%\nT2\n".encode()
    starts = [c.start for c in find_chunks(io.BytesIO(data), 1)]
    lines = [data[s:].split(b"\n")[0] for s in starts]
    # not inside the first ticker (a blank line in it), not after "B. 5%" (a % before), not after a glued quote
    assert lines == [b"\xe2\x80\xa2 A/B = 1 0%"]
    data = "• A/B = 1 0%\nT\n\nB.\n\n• A/B = 1 0%\nT2\n".encode()
    assert [(c.start, c.first_line) for c in find_chunks(io.BytesIO(data), 1)] == [
        (0, 1),
        (data.index(b"\n\xe2") + 1, 6),
    ]


@pytest.mark.parametrize(
    "content",
    [
        "• A/B = 1 0%\nT\n\nB.\n".encode("utf-16"),
        b"\xef\xbb\xbf\xe2\x80\xa2 A/B = 1 0%\nT\x00\n",
        b"T\rB.\r",
        "• A/B = 1 0%\nЗаголовок\n".encode("cp1251"),
        gzip.compress(b"T\n\nB.\n"),
        b"BZh91AY&SY",  # a bzip2 header: the magic bytes decide, not the bytes after them
    ],
    ids=["utf-16", "nul", "lone-cr", "cp1251", "gzip", "bzip2"],
)
def test_files_the_fast_path_cannot_take_go_to_the_general_code(tmp_path, content):
    path = tmp_path / "f.txt"
    path.write_bytes(content)
    assert not can_split(str(path), None)
    assert jobs_for(str(path), None, 2) == 1


def test_job_counts(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"T\n\nB.\n")
    assert can_split(str(path), None) and not can_split(str(path), "cp1251")
    assert jobs_for(str(path), None, 0) == 1  # small: one process by default
    assert jobs_for(str(path), None, 4) == 1  # never more processes than chunks
    assert jobs_for("-", None, 4) == 1
    assert jobs_for(str(tmp_path / "missing"), None, 4) == 1


def test_parallel_records_with_two_workers_equal_one_pass(tmp_path):
    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 20
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    for kind in ("articles", "audit"):
        chunked = parallel_records(str(path), "f.txt", kind, TIMESCA, 2, chunk_bytes=20_000)
        assert chunked is not None and b"".join(b"".join(pieces) for pieces in chunked) == serial(data, kind)


def test_results_too_large_for_a_slot_of_shared_memory_come_through_the_pipe(tmp_path, monkeypatch):
    """Forked workers write a chunk's records into their slot of shared
    memory; a chunk whose records do not fit sends them through the pipe.
    Slots the size of a middling chunk's records make both happen in one
    run, with the bytes of one pass."""
    import newsdump.chunks as chunks

    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 10
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    chunks_of = find_chunks(io.BytesIO(data), 2_000)
    sizes = sorted(len(parse_chunk(str(path), "f.txt", c, "articles").data) for c in chunks_of)
    monkeypatch.setattr(chunks, "SLOT_BYTES", sizes[len(sizes) // 2])  # the workers, forked after this, see it too
    given = []  # what the parent renumbers: bytes from the pipe, or a view of a slot
    real = chunks.renumber
    monkeypatch.setattr(chunks, "renumber", lambda data, *rest: given.append(data) or real(data, *rest))
    chunked = parallel_records(str(path), "f.txt", "articles", TIMESCA, 2, chunk_bytes=2_000)
    assert chunked is not None and b"".join(b"".join(pieces) for pieces in chunked) == serial(data, "articles")
    if multiprocessing.get_start_method() == "fork":  # only forked workers share the memory
        assert {type(d) for d in given} == {bytes, memoryview}


def test_without_shared_memory_every_result_comes_through_the_pipe(tmp_path, monkeypatch):
    import newsdump.chunks as chunks

    def refused(*args):
        raise OSError(12, "Cannot allocate memory")  # as mmap fails under strict overcommit

    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 10
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    monkeypatch.setattr(chunks.mmap, "mmap", refused)
    chunked = parallel_records(str(path), "f.txt", "articles", TIMESCA, 2, chunk_bytes=20_000)
    assert chunked is not None and b"".join(b"".join(pieces) for pieces in chunked) == serial(data, "articles")


@pytest.mark.parametrize("change", ["appended", "replaced", "removed"])
def test_a_file_changed_after_its_check_is_read_as_it_was(tmp_path, change):
    """The workers read the file the parent opened, up to the size they
    checked: bytes appended during the run are not read (a half-written
    character at the end was a traceback, a NUL went into a record), and a
    file replaced or removed meanwhile is still the one read (the output was
    a mix of two files, or cut short), as one process reads it."""
    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 10
    path = tmp_path / "live.txt"
    path.write_bytes(data)
    chunked = parallel_records(str(path), "f.txt", "articles", TIMESCA, 2, chunk_bytes=20_000)
    assert chunked is not None
    if change == "appended":
        with open(path, "ab") as f:
            f.write("Новости\n\nТекст \x00 \xd0".encode()[:-1] + b"\xd0")
    elif change == "replaced":
        (tmp_path / "other.txt").write_bytes(b"Other\n\nText.\n" * 1000)
        os.replace(tmp_path / "other.txt", path)
    else:
        path.unlink()
    assert b"".join(b"".join(pieces) for pieces in chunked) == serial(data, "articles")


def test_a_chunk_ends_where_the_file_was_checked():
    data = "• A/B = 1 0%\nT1\n\nB1.\n• A/B = 1 0%\nT2\n\nB2.\n".encode()
    assert [(c.start, c.end) for c in find_chunks(io.BytesIO(data + b"\xff\x00"), 10, len(data))] == [
        (0, 23),
        (23, 46),
    ]


def test_cli_jobs_two_is_byte_identical_to_one(tmp_path, newsdump):
    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 700  # about 10 MB: several chunks
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    outs = [
        subprocess.run([*newsdump, "parse", "-j", jobs, str(path)], capture_output=True, timeout=300, check=True)
        for jobs in ("1", "2")
    ]
    assert outs[0].stdout == outs[1].stdout and outs[0].stdout.count(b"\n") > 1000


@pytest.mark.parametrize(
    "tail", [b"T\n\nA bad byte \xff.\n", b"T\rB.\r", b"T\n\nB\x00.\n"], ids=["bad-utf8", "lone-cr", "nul"]
)
def test_a_file_found_unsplittable_late_is_read_the_general_way(tmp_path, tail, newsdump):
    """The workers check the whole file before any chunk is parsed: a fault
    at its end (which changes how all of it is read) sends it to the general
    path, with the records and messages of --jobs 1."""
    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 200 + tail  # over 2 MB: -j 2 is two processes
    path = tmp_path / "late.txt"
    path.write_bytes(data)
    assert parallel_records(str(path), "late.txt", "articles", TIMESCA, 2, chunk_bytes=20_000) is None
    runs = [
        subprocess.run([*newsdump, "parse", "-j", jobs, str(path)], capture_output=True, timeout=300) for jobs in "12"
    ]
    assert [(r.stdout, r.stderr, r.returncode) for r in runs[1:]] == [
        (runs[0].stdout, runs[0].stderr, runs[0].returncode)
    ]
    assert runs[0].stdout.count(b"\n") > 100


def session_processes(sid: int) -> list[int]:
    """Live processes of a session (Linux /proc), zombies excepted."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":  # state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


def wait_until_gone(sid: int, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := session_processes(sid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@contextmanager
def own_session(args, **kwargs):
    """A process started in a session of its own; whatever is left of that
    session is killed at the end, so no test leaves a process behind."""
    proc = subprocess.Popen(args, start_new_session=True, **kwargs)
    try:
        yield proc
    finally:
        for pid in session_processes(proc.pid):
            os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)


def wait_for_workers(proc, count: int = 3) -> None:
    deadline = time.monotonic() + 60
    while len(session_processes(proc.pid)) < count and time.monotonic() < deadline:  # the parent and its workers
        time.sleep(0.05)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_bytes(b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 1500)  # about 20 MB
    return path


LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc (Linux)")


@LINUX
def test_closed_pipe_with_two_jobs_leaves_no_process(newsdump, big_file):
    command = f"'{newsdump[0]}' parse -j 2 '{big_file}' | head -c 100 > /dev/null"
    with own_session(command, shell=True, stderr=subprocess.PIPE) as shell:
        _, err = shell.communicate(timeout=120)
        assert b"Traceback" not in err
        assert wait_until_gone(shell.pid) == []


@LINUX
def test_ctrl_c_with_two_jobs_exits_130_and_leaves_no_process(newsdump, big_file):
    args = [*newsdump, "parse", "-j", "2", str(big_file)]
    with own_session(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        wait_for_workers(proc)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130 and b"Traceback" not in err, err.decode(errors="replace")
        assert wait_until_gone(proc.pid) == []


@LINUX
def test_workers_exit_when_the_parent_is_killed(newsdump, big_file):
    with own_session([*newsdump, "parse", "-j", "2", str(big_file)], stdout=subprocess.DEVNULL) as proc:
        wait_for_workers(proc)
        proc.kill()
        proc.wait(timeout=30)
        assert wait_until_gone(proc.pid) == []


@LINUX
def test_a_killed_worker_is_one_error_line_and_exit_1(newsdump, big_file):
    """A worker killed (the out-of-memory killer, kill -9) ended the run in a
    traceback (found by a review with fresh eyes)."""
    with own_session(
        [*newsdump, "parse", "-j", "2", str(big_file)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as proc:
        wait_for_workers(proc)
        workers = [pid for pid in session_processes(proc.pid) if pid != proc.pid]
        os.kill(workers[0], signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 1 and b"Traceback" not in err, err.decode(errors="replace")
        assert err.count(b"\n") == 1 and b"worker process ended abruptly" in err
        assert wait_until_gone(proc.pid) == []


def test_a_file_name_that_is_not_utf8_with_two_jobs(tmp_path, newsdump):
    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 200
    path = os.path.join(tmp_path, os.fsdecode(b"bad\xffname.txt"))
    Path(path).write_bytes(data)
    runs = [subprocess.run([*newsdump, "pages", "-j", jobs, path], capture_output=True, timeout=300) for jobs in "12"]
    assert runs[0].returncode == 0 and (runs[1].stdout, runs[1].stderr, runs[1].returncode) == (
        runs[0].stdout,
        runs[0].stderr,
        0,
    )


def test_a_negative_job_count_is_a_usage_error():
    ran = run_main("parse", "-j", "-1", TIMESCA_DUMPS[0])
    assert ran.returncode == 2 and b"--jobs" in ran.stderr and ran.stdout == b""


def test_a_bom_file_gives_the_same_records_with_two_jobs(tmp_path, newsdump):
    data = b"\xef\xbb\xbf" + b"".join(p.read_bytes() for p in TIMESCA_DUMPS) * 700
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    outs = [
        subprocess.run([*newsdump, "audit", "-j", jobs, str(path)], capture_output=True, timeout=300, check=True).stdout
        for jobs in ("1", "2")
    ]
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 1000


def test_a_file_with_no_lf_is_checked_before_any_chunk_is_parsed(tmp_path):
    """A file with CR line endings only has no LF to cut at: it is one chunk.
    The workers' checks (a lone CR: unsplittable) come first, so that chunk
    is never parsed: -j 2 costs what -j 1 costs. (The first chunk was once
    waited for before the checks: 179 MB and 1.5x the time on 8 MB.)"""
    data = b"".join(p.read_bytes() for p in TIMESCA_DUMPS).replace(b"\n", b"\r") * 500  # about 9 MB, no LF
    path = tmp_path / "mac.txt"
    path.write_bytes(data)
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    exe = os.path.join(os.path.dirname(sys.executable), "newsdump")

    def peak(jobs: str) -> int:
        run = subprocess.run(
            [sys.executable, "-c", code, exe, "parse", "-j", jobs, str(path)], capture_output=True, timeout=300
        )
        assert run.returncode == 0, run.stderr
        return int(run.stdout)

    one, two = peak("1"), peak("2")
    assert two < 1.5 * one + 20_000, (one, two)  # KB


def test_worker_results_come_back_through_a_pipe_of_a_megabyte():
    """A worker's result (a chunk's JSON, about a megabyte) fits in the pipe:
    the worker goes on to its next chunk without waiting for the parent."""
    fcntl = pytest.importorskip("fcntl")  # Linux only; elsewhere the pipe keeps its size
    from newsdump.workers import RESULT_PIPE_BYTES, pool_context

    queue = pool_context().SimpleQueue()
    try:
        size = fcntl.fcntl(queue._reader.fileno(), fcntl.F_GETPIPE_SZ)
        cap = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        assert size >= min(RESULT_PIPE_BYTES, cap)
    finally:
        queue.close()


DAMAGED_TICKER = (
    "• KGS/USD = 0.01144 0%\n  • KZT/USD = 0.00195 -0%\n  • UZS/USD = \n  • TJS/USD = 0.10861 0.18%\n"
    "• KGS/USD = 0.01144 0%\n  • KZT/USD = 0.00195\n\n  • UZS/USD = \n  • TJS/USD = 0.10861 0.18%\n"
    "  • TMT/USD = n/a\n26 November 2026\nViewing results 1 - 2 of 57\n\nHerders Return to the High Pastures\n\n"
    "Flocks moved up a week early.\n\nBishkek Repairs Its Oldest Bridge\n\nThe bridge reopens in May."
    "• KGS/USD = 0.01144 0%\n  • KZT/USD = \n  • TJS/USD = 0.10861 0.18%\n27 November 2026\n\n"
    "Snow Closes the Pass to Osh\n\nTrucks waited for two days.\n"
)


def test_a_damaged_quote_line_inside_a_ticker_starts_no_page(tmp_path):
    """A quote line the widget left damaged (no rate, a rate cut off before
    its change) ended its ticker block: the next quote line started a page,
    and the damaged line became an article (fourth review). It is ticker
    noise now, in the page splitter and its fast path, the audit, strip and
    the --jobs chunks alike."""
    from newsdump.auditing import audit_text
    from newsdump.strip import strip_ticker

    pages = parse_text(DAMAGED_TICKER, "f.txt")
    assert [[a.title for a in p.articles] for p in pages] == [
        ["Herders Return to the High Pastures", "Bishkek Repairs Its Oldest Bridge"],
        ["Snow Closes the Pass to Osh"],
    ]
    assert [p.record.ticker_repeats for p in pages] == [2, 1]
    ticker = {n for s in audit_text(DAMAGED_TICKER, "f.txt") if s.reason == "ticker" for n in range(s.start, s.end + 1)}
    assert ticker == {*range(1, 11), 20, 21, 22}  # the damaged lines (3, 6, 8, 10, 21) among them
    assert not any("USD" in line for line in strip_ticker(DAMAGED_TICKER.splitlines(keepends=True)))
    for size in (10, 50, 200, 400):
        check_chunked_equals_serial(tmp_path, DAMAGED_TICKER.encode(), size)
