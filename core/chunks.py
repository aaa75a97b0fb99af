"""One large file parsed by several processes, with the same bytes out as one.

The file is cut into chunks of whole pages: a cut is made only before a
quote line whose previous non-blank line holds no ``%`` (so it is neither a
quote nor a line with a quote glued on), which is exactly where
:func:`newsdump.split.split_pages` starts a page. Nothing carries over from
one page to the next, so each chunk parses on its own, given the number of
its first line; its records come back as JSON Lines with page numbers
counted from 1, and :func:`renumber` shifts them by the pages of the chunks
before it. Workers get file offsets, not bytes.

Only plain UTF-8 files take this path (see :func:`can_split`); anything
else (UTF-16, other encodings, NUL bytes, lone CR line endings, standard
input, compressed input) is read by the general code in one process.

>>> data = io.BytesIO("• A/B = 1 0%\\nT1\\n\\nB1.\\n• A/B = 1 0%\\nT2\\n\\nB2.\\n".encode())
>>> [(c.start, c.end, c.first_line) for c in find_chunks(data, 10)]
[(0, 23, 1), (23, 46, 5)]
>>> renumber(b'{"source":"a","page":1,"x":1}\\n{"source":"a","page":2}\\n', 3)
b'{"source":"a","page":4,"x":1}\\n{"source":"a","page":5}\\n'
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO

from newsdump.jsonl import page_records
from newsdump.profile import Profile, Rules, compile_rules
from newsdump.reader import compression
from newsdump.split import find_quote
from newsdump.text import normalize
from newsdump.workers import in_order, start_worker

CHUNK_BYTES = 1_000_000  # about this much input per task: a worker holds a few times this at once
# Files smaller than this are parsed in one process by default: starting workers costs more.
PARALLEL_OVER = 16_000_000
_LONE_CR = re.compile(rb"\r(?!\n)")
_PAGE_FIELD = re.compile(rb'^(\{"source":"(?:[^"\\]|\\.)*","page":)(\d+)', re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Chunk:
    """Bytes ``start``..``end`` of a file, whose first line is ``first_line``."""

    start: int
    end: int
    first_line: int


def can_split(path: str, encoding: str | None) -> bool:
    """Whether the file can be parsed in chunks: a regular file, read as
    UTF-8, valid UTF-8 throughout, without NUL bytes or lone CR line endings."""
    if encoding not in (None, "utf-8") or path == "-":
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(16)
            if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or compression(head) is not None:
                return False
            f.seek(0)
            while block := f.read(1 << 20) + f.readline():  # whole lines: no CRLF or character is cut
                if b"\x00" in block or _LONE_CR.search(block):
                    return False
                block.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return True


def jobs_for(path: str, encoding: str | None, jobs: int) -> int:
    """How many processes to parse this input with: ``jobs`` (0 for the
    default: one per core for a file over ``PARALLEL_OVER`` bytes), never more
    than the file has chunks, and 1 for standard input or a file that cannot
    be split (see :func:`can_split`)."""
    if jobs == 1 or path == "-":
        return 1
    try:
        size = os.path.getsize(path)
    except OSError:
        return 1  # the general path reports why it cannot be read
    if jobs == 0:
        if size < PARALLEL_OVER:
            return 1
        jobs = os.cpu_count() or 1
    jobs = min(jobs, max(1, size // CHUNK_BYTES))
    return jobs if jobs > 1 and can_split(path, encoding) else 1


def _is_page_start(line: bytes, pct_before: bool) -> bool:
    """Whether a line starts a page, given whether the non-blank line before
    it holds a ``%``."""
    if pct_before or b"%" not in line:
        return False
    head, _, quote = find_quote(line.decode().rstrip("\r\n"))
    return quote is not None and head is None


def _last_holds_pct(block: bytes) -> bool | None:
    """Whether the last non-blank line of ``block`` holds a ``%`` (None: all blank)."""
    end = len(block)
    while end > 0:
        start = block.rfind(b"\n", 0, end - 1) + 1
        line = block[start:end]
        if normalize(line.decode()):
            return b"%" in line
        end = start
    return None


def find_chunks(file: BinaryIO, size: int = CHUNK_BYTES) -> Iterator[Chunk]:
    """The file cut into chunks of about ``size`` bytes at page starts,
    lazily: one block is held at a time."""
    file.seek(0)
    start, first_line, pct_before = 0, 1, False
    while block := file.read(size):
        block += file.readline()  # whole lines
        lines = block.count(b"\n")
        if (last := _last_holds_pct(block)) is not None:
            pct_before = last
        while True:  # read on to the next line that starts a page
            at = file.tell()
            line = file.readline()
            if not line or _is_page_start(line, pct_before):
                break
            lines += line.count(b"\n")
            if normalize(line.decode()):
                pct_before = b"%" in line
        yield Chunk(start, at, first_line)
        start, first_line = at, first_line + lines
        file.seek(at)


def renumber(records: bytes, offset: int) -> bytes:
    """JSON Lines records of a chunk with their ``page`` shifted by ``offset``."""
    if not offset:
        return records
    return _PAGE_FIELD.sub(lambda m: m[1] + str(int(m[2]) + offset).encode(), records)


_RULES: Rules | None = None  # the worker's compiled profile, set once by _start_worker


def _start_worker(profile: Profile, parent: int) -> None:
    """Worker set-up (:func:`newsdump.workers.start_worker`), then the
    profile compiled once."""
    global _RULES
    start_worker(parent)
    _RULES = compile_rules(profile)


def parse_chunk(path: str, source: str, chunk: Chunk, kind: str, rules: Rules | None = None) -> tuple[bytes, int]:
    """The JSON Lines of one chunk (pages numbered from 1) and its page count."""
    rules = rules or _RULES or compile_rules()
    with open(path, "rb") as f:
        f.seek(chunk.start)
        text = f.read(chunk.end - chunk.start).decode("utf-8")
    out = [data for _, _, data in page_records(kind, [text], source, rules, chunk.first_line, blocks=True)]
    return b"".join(out), len(out)


def parallel_records(
    path: str, source: str, kind: str, profile: Profile, jobs: int, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[bytes]:
    """The file's records as JSON Lines, in input order, parsed by ``jobs``
    processes; the caller checked :func:`can_split`. At most two chunks per
    worker are in flight, so memory does not grow with the file."""
    with open(path, "rb") as f:
        yield from _run(path, source, kind, profile, jobs, find_chunks(f, chunk_bytes))


def _run(path: str, source: str, kind: str, profile: Profile, jobs: int, chunks: Iterator[Chunk]) -> Iterator[bytes]:
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(profile, os.getpid()))
    try:
        offset = 0
        for _, (records, pages) in in_order(
            chunks, lambda c: pool.submit(parse_chunk, path, source, c, kind), 2 * jobs
        ):
            yield renumber(records, offset)
            offset += pages
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
