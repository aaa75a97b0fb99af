"""One large file parsed by several processes, with the same bytes out as one.

The file is cut into chunks of whole pages: a cut is made only before a
quote line whose previous non-blank line holds no ``%`` (so it is neither a
quote nor a line with a quote glued on), which is exactly where
:func:`newsdump.split.split_pages` starts a page. Nothing carries over from
one page to the next, so each chunk parses on its own, given the number of
its first line; its records come back as JSON Lines with page numbers
counted from 1, page by page, cut where the numbers stand
(:func:`page_parts`), and :func:`renumber` joins them with the numbers
shifted by the pages of the chunks before it. Workers get file offsets, not
bytes.

Only plain UTF-8 files take this path (see :func:`can_split`); anything
else (UTF-16, other encodings, NUL bytes, lone CR line endings, standard
input, compressed input) is read by the general code in one process.

>>> import io
>>> data = io.BytesIO("• A/B = 1 0%\\nT1\\n\\nB1.\\n• A/B = 1 0%\\nT2\\n\\nB2.\\n".encode())
>>> [(c.start, c.end, c.first_line) for c in find_chunks(data, 10)]
[(0, 23, 1), (23, 46, 5)]
>>> parts = page_parts(b'{"source":"a","page":2,"x":1}\\n{"source":"a","page":2,"y":"\\\\",\\\\"page\\\\":2,"}\\n', 2)
>>> renumber([page_parts(b'{"source":"a","page":1,"z":0}\\n', 1), parts], 4)
b'{"source":"a","page":4,"z":0}\\n{"source":"a","page":5,"x":1}\\n{"source":"a","page":5,"y":"\\\\",\\\\"page\\\\":2,"}\\n'
"""

from __future__ import annotations

import codecs
import gc
import os
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from newsdump.decode import LineDecoder, decode_pieces
from newsdump.jsonl import page_records
from newsdump.profile import Profile, Rules, compile_rules
from newsdump.reader import compression
from newsdump.split import find_quote
from newsdump.text import normalize
from newsdump.workers import ctrl_c_held, in_order, pool_context, start_worker

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

CHUNK_BYTES = 1_000_000  # about this much input per task: a worker holds a few times this at once
# Files smaller than this are parsed in one process by default: starting workers costs more.
PARALLEL_OVER = 16_000_000
_LONE_CR = re.compile(rb"\r(?!\n)")


@dataclass(frozen=True, slots=True)
class Chunk:
    """Bytes ``start``..``end`` of a file, whose first line is ``first_line``."""

    start: int
    end: int
    first_line: int


def can_split(path: str, encoding: str | None) -> bool:
    """Whether the file can be parsed in chunks: a regular file, read as
    UTF-8, valid UTF-8 throughout, without NUL bytes or lone CR line endings."""
    return _head_allows(path, encoding) and all(valid_range(path, a, b) for a, b in ranges(path, 1))


def _head_allows(path: str, encoding: str | None) -> bool:
    """What can be told from the name and the first bytes: a file, read as
    UTF-8, neither UTF-16 nor compressed."""
    if encoding not in (None, "utf-8") or path == "-":
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return head[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) and compression(head) is None


def ranges(path: str, parts: int) -> list[tuple[int, int]]:
    """The file cut into ``parts`` byte ranges of about the same size, each
    ending after a line feed (or at the end): no character or CRLF is cut."""
    size = os.path.getsize(path)
    cuts = [0]
    with open(path, "rb") as f:
        for i in range(1, parts):
            f.seek(max(size * i // parts, cuts[-1]))
            f.readline()
            cuts.append(min(f.tell(), size))
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], size]) if b > a] or [(0, 0)]


def valid_range(path: str, start: int, end: int) -> bool:
    """Bytes ``start``..``end`` of the file (whole lines) are valid UTF-8,
    without NUL bytes or lone CRs. Run by the workers, one range each."""
    try:
        with open(path, "rb") as f:
            f.seek(start)
            while f.tell() < end:
                block = f.read(min(1 << 20, end - f.tell()))
                if f.tell() < end:
                    block += f.readline(end - f.tell())  # whole lines: no CRLF or character is cut
                if not block:
                    break
                if b"\x00" in block or (b"\r" in block and _LONE_CR.search(block)):
                    return False
                for _ in decode_pieces(codecs.getincrementaldecoder("utf-8")(), block, True):
                    pass
    except (OSError, UnicodeDecodeError):
        return False
    return True


def jobs_for(path: str, encoding: str | None, jobs: int) -> int:
    """How many processes to parse this input with: ``jobs`` (0 for the
    default: one per core for a file over ``PARALLEL_OVER`` bytes), never more
    than the file has chunks, and 1 for standard input or a file whose
    name or first bytes rule chunks out (the rest of :func:`can_split` is
    checked by the workers, see :func:`parallel_records`)."""
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
    return jobs if jobs > 1 and _head_allows(path, encoding) else 1


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


_PAGE_FIELD = b',"page":%d,'  # a record's page number (inside a JSON string its quotes would be escaped)


def page_parts(records: bytes, page: int) -> list[bytes]:
    """The JSON Lines of one page of a chunk, numbered ``page`` in the
    chunk, cut where that number stands (``,"page":N,``): the workers' half
    of renumbering, so that the parent's half is a join, with no search."""
    return records.split(_PAGE_FIELD % page)


def renumber(pages: list[list[bytes]], first: int) -> bytes:
    """The pages of a chunk, cut by :func:`page_parts`, as one piece of JSON
    Lines whose pages are numbered from ``first`` (one join: one copy)."""
    pieces: list[bytes] = []
    for page, parts in enumerate(pages, first):
        marker = _PAGE_FIELD % page
        pieces.append(parts[0])
        for part in parts[1:]:
            pieces += (marker, part)
    return b"".join(pieces)


_RULES: Rules | None = None  # the worker's compiled profile, set once by _start_worker


def _start_worker(profile: Profile, parent: int) -> None:
    """Worker set-up (:func:`newsdump.workers.start_worker`), then the
    profile compiled once."""
    global _RULES
    start_worker(parent)
    _RULES = compile_rules(profile)
    gc.freeze()  # what the fork copied is never garbage: collections skip it (and do not copy its pages)


def parse_chunk(path: str, source: str, chunk: Chunk, kind: str, rules: Rules | None = None) -> list[list[bytes]]:
    """The JSON Lines of each page of one chunk (pages numbered from 1), cut
    at their page numbers (:func:`page_parts`)."""
    rules = rules or _RULES or compile_rules()
    with open(path, "rb") as f:
        f.seek(chunk.start)
        data = f.read(chunk.end - chunk.start)
    texts = LineDecoder("utf-8").feed_text(data, final=True)  # blocks of whole lines, as a Reader gives
    records = page_records(kind, texts, source, rules, chunk.first_line, blocks=True)
    return [page_parts(data, page) for page, (_, _, data) in enumerate(records, 1)]


def parallel_records(
    path: str, source: str, kind: str, profile: Profile, jobs: int, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[bytes] | None:
    """The file's records as JSON Lines, in input order, parsed by ``jobs``
    processes, or None when the file cannot be split (:func:`can_split`;
    the workers check it first, a range each, before any chunk is parsed: a
    file that fails may have no LF at all, which would make it one chunk).
    At most two chunks per worker are in flight, so memory does not grow
    with the file; the parent only joins pages with their page numbers, and
    writes."""
    from concurrent.futures import ProcessPoolExecutor  # only here: parse -j 1 does without (5 ms to import)

    pool = ProcessPoolExecutor(
        jobs, mp_context=pool_context(), initializer=_start_worker, initargs=(profile, os.getpid())
    )
    try:
        with ctrl_c_held():
            checks = [pool.submit(valid_range, path, a, b) for a, b in ranges(path, jobs)]
        if all(check.result() for check in checks):
            return _run(pool, jobs, path, source, kind, chunk_bytes)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True, cancel_futures=True)
    return None


def _run(
    pool: ProcessPoolExecutor, jobs: int, path: str, source: str, kind: str, chunk_bytes: int
) -> Generator[bytes, None, None]:
    try:
        with open(path, "rb") as f:
            offset = 0
            for _, pages in in_order(
                find_chunks(f, chunk_bytes), lambda c: pool.submit(parse_chunk, path, source, c, kind), 2 * jobs
            ):
                yield renumber(pages, offset + 1)
                offset += len(pages)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
