"""One large file parsed by several processes, with the same bytes out as one.

The file is cut into chunks of whole pages: a cut is made only before a
quote line whose previous non-blank line holds no ``%`` (so it is neither a
quote nor a line with a quote glued on) and is no damaged quote line (which
may continue a ticker), where :func:`newsdump.split.split_pages` always
starts a page. Nothing carries over from
one page to the next, so each chunk parses on its own, given the number of
its first line; its records come back as JSON Lines with page numbers
counted from 1, with where those numbers stand (:func:`page_marks`), and
:func:`renumber` slices them, with the numbers shifted by the pages of the
chunks before it. Workers get file offsets, not bytes, and (when forked)
write their records into memory they share with the parent, which writes
them out from there.

Only plain UTF-8 files take this path (see :func:`can_split`); anything
else (UTF-16, other encodings, NUL bytes, lone CR line endings, standard
input, compressed input) is read by the general code in one process.

>>> import io
>>> data = io.BytesIO("• A/B = 1 0%\\nT1\\n\\nB1.\\n• A/B = 1 0%\\nT2\\n\\nB2.\\n".encode())
>>> [(c.start, c.end, c.first_line) for c in find_chunks(data, 10)]
[(0, 23, 1), (23, 46, 5)]
>>> pages = [b'{"source":"a","page":1,"z":0}\\n', b'{"source":"a","page":2,"y":"\\\\",\\\\"page\\\\":2,"}\\n']
>>> marks, size = page_marks(pages)
>>> marks, size
([[13], [43]], 75)
>>> b"".join(renumber(b"".join(pages), marks, 4))
b'{"source":"a","page":4,"z":0}\\n{"source":"a","page":5,"y":"\\\\",\\\\"page\\\\":2,"}\\n'
"""

from __future__ import annotations

import codecs
import gc
import mmap
import os
import re
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from newsdump.decode import LineDecoder, decode_pieces
from newsdump.jsonl import page_records
from newsdump.profile import Profile, Rules, compile_rules
from newsdump.reader import compression
from newsdump.split import find_quote
from newsdump.text import normalize
from newsdump.ticker import is_damaged_quote
from newsdump.workers import ctrl_c_held, in_order, pool_context, start_worker, stop_pool

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
        with _open(path) as f:
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


def _is_page_start(line: bytes, ticker_before: bool) -> bool:
    """Whether a line starts a page, given whether the non-blank line before
    it is :func:`_tickerish`."""
    if ticker_before or b"%" not in line:
        return False
    head, _, quote = find_quote(line.decode(errors="replace").rstrip("\r\n"))
    return quote is not None and head is None


def _tickerish(line: bytes) -> bool:
    """Whether a quote line after this (non-blank) line may continue a
    ticker: the line holds a ``%`` (a quote, or text a quote may be glued
    onto), or is a damaged quote line (:func:`newsdump.ticker.is_damaged_quote`).
    No cut is made after such a line: the splitters may read on in the same page."""
    return b"%" in line or (b"=" in line and is_damaged_quote(line.decode(errors="replace").rstrip("\r\n")))


def _last_tickerish(block: bytes) -> bool | None:
    """Whether the last non-blank line of ``block`` is :func:`_tickerish` (None: all blank)."""
    end = len(block)
    while end > 0:
        start = block.rfind(b"\n", 0, end - 1) + 1
        line = block[start:end]
        if normalize(line.decode(errors="replace")):
            return _tickerish(line)
        end = start
    return None


def find_chunks(file: BinaryIO, size: int = CHUNK_BYTES, end: int | None = None) -> Iterator[Chunk]:
    """The file cut into chunks of about ``size`` bytes at page starts,
    lazily: one block is held at a time. With ``end``, the file ends there
    (what was checked: bytes appended since are not read)."""
    limit = sys.maxsize if end is None else end
    file.seek(0)
    start, first_line, ticker_before = 0, 1, False
    while block := file.read(min(size, limit - file.tell())):
        block += file.readline(max(0, limit - file.tell()))  # whole lines (readline(0) reads nothing)
        lines = block.count(b"\n")
        if (last := _last_tickerish(block)) is not None:
            ticker_before = last
        while True:  # read on to the next line that starts a page
            at = file.tell()
            line = file.readline(max(0, limit - at))
            if not line or _is_page_start(line, ticker_before):
                break
            lines += line.count(b"\n")
            if normalize(line.decode(errors="replace")):
                ticker_before = _tickerish(line)
        yield Chunk(start, at, first_line)
        start, first_line = at, first_line + lines
        file.seek(at)


_PAGE_FIELD = b',"page":%d,'  # a record's page number (inside a JSON string its quotes would be escaped)


@dataclass(frozen=True, slots=True)
class ChunkRecords:
    """A chunk's JSON Lines, its pages numbered from 1, and where those
    numbers stand: ``marks[k]`` holds the offsets of the ``,"page":N,``
    fields of the chunk's page ``k + 1``. ``data`` is the bytes themselves,
    or (from a worker) their length in the worker's slot of shared memory."""

    data: bytes | int
    marks: list[list[int]]


def page_marks(pages: Iterable[bytes]) -> tuple[list[list[int]], int]:
    """``(marks, length)`` of a chunk's pages (the JSON Lines of each, numbered
    from 1) laid one after another (see :class:`ChunkRecords`): the workers'
    half of renumbering, so that the parent's half is slicing, with no search."""
    marks: list[list[int]] = []
    at = 0
    for page, data in enumerate(pages, 1):
        field = _PAGE_FIELD % page
        found, i = [], data.find(field)
        while i >= 0:
            found.append(at + i)
            i = data.find(field, i + len(field))
        marks.append(found)
        at += len(data)
    return marks, at


def renumber(data: bytes | memoryview, marks: list[list[int]], first: int) -> list[bytes | memoryview]:
    """A chunk's JSON Lines (``data``, pages numbered from 1, their numbers at
    ``marks``: see :class:`ChunkRecords`) in pieces that, written one after
    another, number its pages from ``first``. The pieces are slices of
    ``data`` and the new page fields: nothing is copied."""
    if first == 1:
        return [data]
    pieces: list[bytes | memoryview] = []
    at = 0
    for page, offsets in enumerate(marks, 1):
        size = len(_PAGE_FIELD % page)
        field = _PAGE_FIELD % (first + page - 1)
        for i in offsets:
            pieces += (data[at:i], field)
            at = i + size
    pieces.append(data[at:])
    return pieces


_RULES: Rules | None = None  # the worker's compiled profile, set once by _start_worker
_SHARED: mmap.mmap | None = None  # the memory the worker writes its results into (shared with its parent)
_HELD: tuple[str, int] | None = None  # the input's path, and the descriptor its parent opened it with


def _open(path: str) -> BinaryIO:
    """The input file. In a worker forked by :func:`parallel_records`, the
    file its parent opened, reopened through ``/proc`` (an offset of its
    own): a file renamed, replaced or removed during the run is still the one
    read, as it is by one process, which keeps its file open."""
    if _HELD is not None and _HELD[0] == path:
        try:
            return open(f"/proc/self/fd/{_HELD[1]}", "rb")  # noqa: SIM115 (the caller closes it)
        except OSError:  # no /proc (not Linux): by its name
            pass
    return open(path, "rb")  # noqa: SIM115


# A worker's result up to this size is written into shared memory, a larger one is sent through the pipe.
SLOT_BYTES = 4 * CHUNK_BYTES


def _start_worker(profile: Profile, parent: int, shared: mmap.mmap | None, held: tuple[str, int] | None) -> None:
    """Worker set-up (:func:`newsdump.workers.start_worker`), then the
    profile compiled once."""
    global _RULES, _SHARED, _HELD
    start_worker(parent)
    _RULES = compile_rules(profile)
    _SHARED, _HELD = shared, held
    gc.freeze()  # what the fork copied is never garbage: collections skip it (and do not copy its pages)


def parse_chunk(
    path: str, source: str, chunk: Chunk, kind: str, rules: Rules | None = None, slot: int | None = None
) -> ChunkRecords:
    """The JSON Lines of one chunk (pages numbered from 1, see
    :class:`ChunkRecords`). In a worker given a ``slot`` of the shared
    memory, they are written there if they fit, and only their length and
    marks are sent back: the pipe and pickling cost the parent and the
    worker more than the parse of a chunk's JSON."""
    rules = rules or _RULES or compile_rules()
    with _open(path) as f:
        f.seek(chunk.start)
        data = f.read(chunk.end - chunk.start)
    texts = LineDecoder("utf-8").feed_text(data, final=True)  # blocks of whole lines, as a Reader gives
    pages = [data for _, _, data in page_records(kind, texts, source, rules, chunk.first_line, blocks=True)]
    marks, size = page_marks(pages)
    if _SHARED is None or slot is None or size > SLOT_BYTES:
        return ChunkRecords(b"".join(pages), marks)
    at = slot * SLOT_BYTES
    for page in pages:
        _SHARED[at : at + len(page)] = page
        at += len(page)
    return ChunkRecords(size, marks)


def _shared_memory(size: int) -> mmap.mmap | None:
    """Anonymous memory that forked workers share, or None where the system
    refuses it (strict overcommit, a 32-bit address space): results then come
    through the pipe. Only the pages written to are ever backed."""
    try:
        return mmap.mmap(-1, size)
    except (OSError, ValueError, OverflowError):
        return None


def parallel_records(
    path: str, source: str, kind: str, profile: Profile, jobs: int, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[list[bytes | memoryview]] | None:
    """The file's records as JSON Lines, in input order, parsed by ``jobs``
    processes, or None when the file cannot be split (:func:`can_split`;
    the workers check it first, a range each, before any chunk is parsed: a
    file that fails may have no LF at all, which would make it one chunk).

    Each item is a chunk's records in pieces, to be written one after
    another (``writelines``, ``os.writev``) **before the next item is asked
    for**: a piece can be a view of memory shared with the workers, which a
    later chunk reuses. At most two chunks per worker are in flight, so
    memory does not grow with the file; the parent only slices the pieces
    at the page numbers."""
    from concurrent.futures import ProcessPoolExecutor  # only here: parse -j 1 does without (5 ms to import)

    context = pool_context()
    ahead = 2 * jobs
    # One slot per chunk in flight, and one for the chunk being written. Workers that are forked
    # share it; others (another start method) send every result through the pipe.
    slots = ahead + 1
    forked = context.get_start_method() == "fork"
    shared = _shared_memory(slots * SLOT_BYTES) if forked else None
    file = open(path, "rb")  # noqa: SIM115 (held for the run: the workers read what it opened, see _open)
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(profile, os.getpid(), shared, (path, file.fileno()) if forked else None),
    )
    try:
        with ctrl_c_held():
            cuts = ranges(path, jobs)
            checks = [pool.submit(valid_range, path, a, b) for a, b in cuts]
        if all(check.result() for check in checks):
            return _run(pool, file, cuts[-1][1], ahead, slots, shared, path, source, kind, chunk_bytes)
    except BaseException:
        stop_pool(pool)
        file.close()
        raise
    stop_pool(pool)
    file.close()
    return None


def _run(
    pool: ProcessPoolExecutor,
    file: BinaryIO,
    end: int,
    ahead: int,
    slots: int,
    shared: mmap.mmap | None,
    path: str,
    source: str,
    kind: str,
    chunk_bytes: int,
) -> Generator[list[bytes | memoryview], None, None]:
    free = deque(range(slots))  # the slots of shared memory no chunk holds

    def tasks(chunks: Iterator[Chunk]) -> Iterator[tuple[Chunk, int]]:
        for chunk in chunks:
            yield chunk, free.popleft()

    try:
        view = memoryview(shared) if shared is not None else None
        with file:
            offset = 0
            for (_, slot), result in in_order(
                tasks(find_chunks(file, chunk_bytes, end)),  # what the workers checked, and no more
                lambda task: pool.submit(parse_chunk, path, source, task[0], kind, None, task[1]),
                ahead,
            ):
                data = result.data
                if isinstance(data, int):  # in the chunk's slot of shared memory
                    assert view is not None
                    data = view[slot * SLOT_BYTES : slot * SLOT_BYTES + data]
                yield renumber(data, result.marks, offset + 1)
                free.append(slot)  # written: a later chunk can have it
                offset += len(result.marks)
    finally:
        stop_pool(pool)
