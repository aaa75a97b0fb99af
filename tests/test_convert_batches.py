"""convert over many small files (issue 16): inputs go to the workers in
runs, and the records stay byte for byte those of one process."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsdump.batch import Task, batches


def page(i: int) -> str:
    return (
        f"3 March 2026\n\nViewing results 1 - 1 of 240\n\nCanal Section {i} Opens in the Valley\n\n"
        f"The water board opened canal section {i} on Monday, farmers said.\n"
    )


def test_runs_are_cut_by_size_and_by_count_and_stdin_is_alone(tmp_path):
    names = []
    for i, size in enumerate([300, 300, 500, 100, 100, 100, 100]):
        (tmp_path / f"{i}.txt").write_bytes(b"x" * size)
        names.append(str(tmp_path / f"{i}.txt"))
    tasks = [Task(n, n) for n in names[:3]] + [Task("-", "-")] + [Task(n, n) for n in names[3:]]
    runs = [[t.path for t in run] for run in batches(tasks, size=600, files=3)]
    assert runs == [names[0:2], names[2:3], ["-"], names[3:6], names[6:7]]
    given = [t for run in batches(tasks, size=600, files=3) for t in run]
    assert [t[:2] for t in given] == [t[:2] for t in tasks]  # nothing lost, order kept
    assert [t.size for t in given] == [300, 300, 500, -1, 100, 100, 100, 100]  # looked at once, for the workers


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """1,200 one-page files in 3 folders: several runs of inputs per worker."""
    root = tmp_path_factory.mktemp("small")
    for i in range(1200):
        folder = root / "in" / f"d{i // 400}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{i:05d}.txt").write_text(page(i))
    return root


@pytest.mark.parametrize("options", [["-j", "2"], ["--engine", "dask", "-j", "2"]])
def test_many_small_files_give_the_bytes_of_one_process(newsdump, small, options):
    if "dask" in options:
        pytest.importorskip("distributed", reason="Dask is an optional extra; `make test` installs it")
    one = subprocess.run([*newsdump, "convert", "in", "-o", "-", "-j", "1", "-q"], cwd=small, capture_output=True)
    many = subprocess.run([*newsdump, "convert", "in", "-o", "-", "-q", *options], cwd=small, capture_output=True)
    assert one.returncode == many.returncode == 0, many.stderr
    assert one.stdout.count(b"\n") == 1200 and many.stdout == one.stdout


def test_seen_store_checks_a_run_of_ids_at_once(newsdump, small, tmp_path):
    seen = str(tmp_path / "seen.db")
    first = subprocess.run([*newsdump, "convert", "in/d0", "-o", "-", "--seen", seen], cwd=small, capture_output=True)
    again = subprocess.run([*newsdump, "convert", "in", "-o", "-", "--seen", seen], cwd=small, capture_output=True)
    assert first.stdout.count(b"\n") == 400 and again.stdout.count(b"\n") == 800
    assert b"400 duplicates dropped" in again.stderr
    with sqlite3.connect(seen) as db:
        assert db.execute("SELECT count(*) FROM seen").fetchone()[0] == 1200


def test_the_walk_is_lazy_and_in_the_order_of_the_sorted_paths(tmp_path):
    """A directory is walked as the files are needed (a file added to a
    folder not reached yet is found), in the order of sorting whole paths."""
    from pathlib import Path

    from newsdump.batch import iter_inputs

    for name in ["b.txt", "a/z.txt", "a.txt", "a-b/c.txt", "a/b/c.txt", "A.txt", ".h.txt", "x.txt.gz", "n.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "a")  # a link to a folder is not followed (as Path.rglob)
    walk = iter_inputs([str(tmp_path)])
    first = next(walk)
    (tmp_path / "a-b" / "late.txt").write_bytes(b"x")  # after the walk began, in a folder not reached yet
    paths = [first.path] + [task.path for task in walk]
    root = Path(tmp_path)
    expected = sorted({p for s in ("", ".gz") for p in root.rglob("*.txt" + s) if p.is_file()})
    assert str(tmp_path / "a-b" / "late.txt") in paths and paths == [str(p) for p in expected]
    assert first.size == 1 and first.relative == ".h.txt"


def test_the_default_jobs_is_one_process_for_little_work(monkeypatch, tmp_path):
    """--jobs left at 0: two runs of inputs or fewer are converted without
    starting a worker; more get every core."""
    import concurrent.futures

    from newsdump.batch import auto_jobs, run_local

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for a few small files")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(page(i))
    tasks = [Task(str(tmp_path / f"{i}.txt"), f"{i}.txt") for i in range(3)]
    runs = list(run_local(tasks, None, 0, str(tmp_path)))
    assert [task.path for run, _ in runs for task in run] == [task.path for task in tasks]
    assert [done.file(i, "").articles for run, done in runs for i in range(len(run))] == [1, 1, 1]
    run = [tasks[0]]
    assert auto_jobs([run, run], ended=True, cores=2) == 1
    assert auto_jobs([run, run, run], ended=False, cores=2) == 2
    assert auto_jobs([run], ended=True, cores=1) == 1


def test_inputs_that_match_nothing_are_reported_as_the_walk_meets_them(newsdump, small, tmp_path):
    (tmp_path / "empty").mkdir()
    done = subprocess.run(
        [*newsdump, "convert", "in/d0", str(tmp_path / "empty"), "in/d1", "nothing*.txt", "-o", "-"],
        cwd=small,
        capture_output=True,
    )
    assert done.returncode == 1 and done.stdout.count(b"\n") == 800
    assert b"a directory with no *.txt file in it" in done.stderr and b"nothing*.txt: no file matches" in done.stderr
    assert b"800 file(s) converted" in done.stderr and b"2 failed" in done.stderr


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(
            st.sampled_from(["Canal Section", "é", "\r\n", "\n", "\r", "\u2028", "\x0b", "\x85", " ", "\ufeff", "ж"]),
            max_size=30,
        ).map(lambda parts: "".join(parts).encode("utf-8")),
    )
)
def test_plain_blocks_are_a_readers_blocks_or_none(data):
    """The fast path for a whole small file gives what a Reader gives, and
    steps aside for anything the Reader would warn about or decode otherwise."""
    import io

    from newsdump.decode import EncodingRules
    from newsdump.reader import Reader, plain_blocks

    warnings: list[str] = []
    try:
        expected = list(Reader(io.BytesIO(data), None, warnings.append, name="x.txt").blocks())
    except Exception:  # noqa: BLE001 (binary input: the Reader raises, so plain_blocks must not answer)
        expected = None
    plain = plain_blocks(data, "x.txt", EncodingRules.parse(None))
    # The same text (a Reader cuts it into blocks of whole lines; one block is one too).
    assert plain is None or (expected is not None and "".join(plain) == "".join(expected) and not warnings)
    if data.isascii() and b"\x00" not in data:  # the common case does take the fast path
        assert plain is not None


def _inputs(folder):
    """Small inputs of every kind the reader tells apart, in one folder."""
    import gzip

    text = page(1)
    folder.mkdir()
    (folder / "a-plain.txt").write_text(text)
    (folder / "b-crlf.txt").write_bytes(text.replace("\n", "\r\n").encode())
    (folder / "c-cr.txt").write_bytes(text.replace("\n", "\r").encode())
    (folder / "d-breaks.txt").write_text(text.replace("farmers", "farm\u2028ers\x0b"))
    (folder / "e-bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (folder / "f-utf16.txt").write_bytes(text.encode("utf-16"))
    (folder / "g-legacy.txt").write_bytes(text.replace("Canal", "Канал").encode("cp1251"))
    (folder / "h-bad-bytes.txt").write_bytes(text.encode() + "Жара в долине\n".encode() + b"\xff\xfe x\n")
    (folder / "i-nul.txt").write_bytes(text.encode().replace(b"water", b"wa\x00ter"))
    (folder / "j-empty.txt").write_bytes(b"")
    # Compressed and small, but its text is long: UTF-8 for 100 KB, then cp1251 (found by looking past the head).
    late = (text * 450).encode() + text.replace("Canal", "Канал").encode("cp1251")
    (folder / "k-late.txt.gz").write_bytes(gzip.compress(late))
    (folder / "l-no-end.txt").write_text(text.rstrip("\n"))
    return folder


@pytest.mark.parametrize("options", [[], ["--encoding", "g-*=cp1251"], ["--records", "pages"], ["--dedup"]])
def test_small_files_read_at_once_give_the_records_and_messages_of_a_reader(tmp_path, monkeypatch, options):
    """convert reads a small plain file with one read and decodes it at
    once: the records, warnings and errors are those of reading every file
    with a Reader."""
    import newsdump.batch

    from tests.conftest import run_main

    folder = _inputs(tmp_path / "in")
    fast = run_main("convert", folder, "-o", "-", "-j", "1", *options)
    monkeypatch.setattr(newsdump.batch, "plain_blocks", lambda *args: None)
    slow = run_main("convert", folder, "-o", "-", "-j", "1", *options)
    assert fast.returncode == slow.returncode
    # (i-nul.txt, UTF-8 with two NULs, was once read as UTF-16: one more record, of garbage; now it is binary)
    assert fast.stdout == slow.stdout and fast.stdout.count(b"\n") >= 6
    assert b"i-nul.txt: binary file" in fast.stderr
    strip = re.compile(rb"\d+\.\d+ s|[\d.]+ MB/s")  # the summary's time
    assert strip.sub(b"", fast.stderr) == strip.sub(b"", slow.stderr)
    assert b"k-late.txt.gz: not UTF-8, read as cp125" in fast.stderr  # found past its head


def test_a_named_pipe_is_read_as_a_stream_not_as_a_small_file(newsdump, tmp_path):
    """A pipe's size says nothing: it is read once, to its end, however long
    (its reader used to open it again to look past the head, and waited
    there for ever)."""
    import threading

    data = "".join(page(i) for i in range(600)).encode()
    assert len(data) > 65536  # more than one read of a small file, more than the head
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    def feed():
        with open(pipe, "wb") as f:
            f.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    command = [*newsdump, "convert", str(pipe), "-o", "-", "-j", "1", "-q"]
    done = subprocess.run(command, capture_output=True, timeout=60)
    writer.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"\n") == 600  # every article of the pipe (its pages make one page)


def test_a_run_mixing_spilled_and_kept_inputs_is_written_in_order(tmp_path, monkeypatch):
    """Inputs over SPILL_OVER go to spill files, the others stay in their
    run's data: the output interleaves them in input order, also with
    --dedup and --out-dir."""
    import newsdump.batch

    from tests.conftest import run_main

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"p{i:02d}.txt").write_text(page(i) * (1 + i % 3) if i % 4 else page(i % 2))
    kept = run_main("convert", folder, "-o", "-", "-j", "1", "-q")
    kept_dedup = run_main("convert", folder, "-o", "-", "-j", "1", "-q", "--dedup")
    run_main("convert", folder, "--out-dir", tmp_path / "kept", "-j", "1", "-q")
    monkeypatch.setattr(newsdump.batch, "SPILL_OVER", 300)  # every file of 2 or 3 pages spills
    spilled = run_main("convert", folder, "-o", "-", "-j", "1", "-q")
    spilled_dedup = run_main("convert", folder, "-o", "-", "-j", "1", "-q", "--dedup")
    run_main("convert", folder, "--out-dir", tmp_path / "spilled", "-j", "1", "-q")
    assert spilled.stdout == kept.stdout and spilled_dedup.stdout == kept_dedup.stdout
    assert kept_dedup.stdout.count(b"\n") < kept.stdout.count(b"\n")  # the repeated pages were dropped
    for out in (tmp_path / "kept").iterdir():
        assert (tmp_path / "spilled" / out.name).read_bytes() == out.read_bytes()


def test_a_small_file_is_read_whole_even_if_it_changed_since_it_was_listed(tmp_path):
    from newsdump.batch import _whole_file

    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 300)
    assert _whole_file(str(small), 300) == b"x" * 300  # as listed: one read
    assert _whole_file(str(small), 100) == b"x" * 300  # it grew: read to its end
    assert _whole_file(str(small), 500) == b"x" * 300  # it shrank
    large = tmp_path / "large.txt"
    large.write_bytes(b"x" * 70_000)
    assert _whole_file(str(large), 100) is None  # grew past the head: a Reader reads it as a stream
    assert _whole_file(str(tmp_path / "gone.txt"), 10) is None and _whole_file(str(tmp_path), 10) is None
