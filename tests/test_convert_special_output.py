"""``convert -o`` onto a file that is not a regular file (/dev/null, a FIFO)
writes into it: it is never replaced by a regular file. (As root, ``-o
/dev/null`` used to rename the finished output over /dev/null.)"""

import os
import stat
import threading

import pytest

from tests.test_convert_faults import LISTING, invoke


def read_fifo(path) -> tuple[threading.Thread, list[bytes], int]:
    """Read ``path`` (a FIFO) in a thread until the writer this returns (a
    write end held open, so that the reader sees no end before the real
    writer comes) and the real writer have both closed it."""
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    holder = os.open(path, os.O_WRONLY)
    os.set_blocking(reader, True)
    got: list[bytes] = []

    def drain() -> None:
        with os.fdopen(reader, "rb") as f:
            got.append(f.read())

    thread = threading.Thread(target=drain)
    thread.start()
    return thread, got, holder


def test_convert_into_a_fifo_writes_into_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    thread, got, holder = read_fifo(fifo)
    out = invoke(str(LISTING), "-o", str(fifo), "-j", "1", "-q")
    os.close(holder)
    thread.join(timeout=30)
    assert out.exit_code == 0, out.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the FIFO
    assert got and got[0].count(b"\n") > 0 and got[0].startswith(b'{"source":')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]  # no part file left beside it


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_convert_onto_a_character_device_writes_in_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a node of /dev/null's device, not /dev/null
    out = invoke(str(LISTING), "-o", str(null), "-j", "1", "-q")
    assert out.exit_code == 0, out.output
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_convert_refuses_an_output_that_is_one_of_its_inputs(tmp_path, monkeypatch, jobs):
    """``convert a.txt -o a.txt`` replaced the dump with its records (exit 0)."""
    monkeypatch.chdir(tmp_path)
    dump = LISTING.read_bytes()
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(dump)
    for args in (["a.txt", "-o", "a.txt"], ["b.txt", "a.txt", "-o", "./a.txt"], [".", "-o", "a.txt"]):
        out = invoke(*args, "-j", jobs, "-q")
        assert out.exit_code == 1 and "a.txt: is also the output (-o)" in out.stderr, (args, out.output)
        assert (tmp_path / "a.txt").read_bytes() == dump
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no .part left
    (tmp_path / "latest.txt").symlink_to("a.txt")  # named on the command line through a link (second review)
    out = invoke("latest.txt", "-o", "a.txt", "-j", jobs, "-q")
    assert out.exit_code == 1 and "latest.txt: is also the output (-o)" in out.stderr, out.output
    assert (tmp_path / "a.txt").read_bytes() == dump
    (tmp_path / "latest.txt").unlink()
    out = invoke("a.txt", "-o", "b.jsonl", "-j", jobs, "-q")  # a new file, or any other: converted as before
    assert out.exit_code == 0 and (tmp_path / "b.jsonl").read_bytes().count(b"\n") > 1
