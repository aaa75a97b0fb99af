"""cli.terminal.write_pieces: a chunk's records, in pieces, written in order
straight to the output's descriptor, or through it when it has none."""

import io
import os
import signal

import pytest
from newsdump.cli import terminal
from newsdump.cli.terminal import write_pieces

PIECES = [b"held,", *(memoryview(b"%d," % i) for i in range(3000)), b"end\n"]
EXPECTED = b"".join(PIECES)


def test_pieces_go_to_the_descriptor_in_order_after_what_the_buffer_holds(tmp_path):
    path = tmp_path / "out"
    with open(path, "wb") as out:
        out.write(b"buffered;")
        write_pieces(out, PIECES[1:])
        out.write(b"after")
    assert path.read_bytes() == b"buffered;" + EXPECTED[len(b"held,") :] + b"after"


def test_a_writev_cut_short_is_finished(tmp_path, monkeypatch):
    real = os.writev
    monkeypatch.setattr(terminal.os, "writev", lambda fd, batch: real(fd, [batch[0][:3]]))  # 3 bytes of all asked
    path = tmp_path / "out"
    with open(path, "wb") as out:
        write_pieces(out, PIECES)
    assert path.read_bytes() == EXPECTED


def test_an_output_without_a_descriptor_is_written_through():
    out = io.BytesIO()
    write_pieces(out, PIECES)
    assert out.getvalue() == EXPECTED


def test_a_closed_pipe_raises_as_a_write_does():
    """(Where SIGPIPE is ignored, as Python starts and as ``convert`` sets it.)"""
    read, write = os.pipe()
    os.close(read)
    sigpipe = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        with open(write, "wb") as out, pytest.raises(BrokenPipeError):
            write_pieces(out, PIECES)
    finally:
        signal.signal(signal.SIGPIPE, sigpipe)
