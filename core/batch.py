"""Batch conversion machinery for ``newsdump convert``: which files, how
each one is converted (in a worker process or on a Dask worker), and the
store of ids already exported.

A conversion task reads one input and returns a :class:`FileResult`: its
JSONL either spilled to a temporary file (local engine: memory stays bounded
whatever the file size) or as bytes (Dask: workers may be other machines).
"""

from __future__ import annotations

import glob
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby, islice
from pathlib import Path

from newsdump.auditing import audit_stream
from newsdump.jsonl import jsonl
from newsdump.parser import parse_stream
from newsdump.profile import TIMESCA, Profile, Rules, compile_rules
from newsdump.reader import InputError, Reader
from newsdump.records import quote_records

GLOB_CHARS = frozenset("*?[")
# A directory's files that match the pattern are taken plain or compressed (known by their magic bytes).
COMPRESSED = (".gz", ".bz2", ".xz", ".zst")
# Inputs larger than this write their JSONL to a spill file rather than return it in memory.
SPILL_OVER = 8_000_000
# What a conversion writes: article records (the default), page records, audit spans or ticker quotes.
RECORD_KINDS = ("articles", "pages", "audit", "ticker")


@dataclass(frozen=True)
class Task:
    """One input file: where to read it, what to call it, where it maps to."""

    path: str
    relative: str  # its place below the input it came from (for --out-dir)


@dataclass
class FileResult:
    source: str
    pages: int = 0
    articles: int = 0
    records: int = 0  # records written (articles, or the kind asked for)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    ids: list[str] = field(default_factory=list)  # one per record, in order
    spill: str | None = None  # a temporary file holding the JSONL
    data: bytes = b""  # or the JSONL itself
    size: int = 0  # input bytes


def expand_inputs(inputs: list[str], pattern: str = "*.txt") -> tuple[list[Task], list[str]]:
    """Files, directories (recursively, files matching ``pattern``, also
    compressed: ``*.txt.gz``, ``.bz2``, ``.xz``, ``.zst``), globs and
    ``@list`` files (one path per line) -> tasks in a stable order, and the
    inputs that matched nothing (reported as failures)."""
    tasks: list[Task] = []
    missing: list[str] = []
    for item in inputs:
        if item.startswith("@") and not os.path.exists(item):
            try:
                with open(item[1:], encoding="utf-8") as f:
                    listed = [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]
            except OSError as err:
                missing.append(f"{item}: {err.strerror or err}")
                continue
            sub, gone = expand_inputs(listed, pattern)
            tasks += sub
            missing += gone
        elif os.path.isdir(item):
            root = Path(item)
            found = sorted({p for s in ("", *COMPRESSED) for p in root.rglob(pattern + s) if p.is_file()})
            tasks += [Task(str(p), str(p.relative_to(root))) for p in found]
        elif not os.path.exists(item) and GLOB_CHARS & set(item):
            matched = sorted(glob.glob(item, recursive=True))
            if not matched:
                missing.append(f"{item}: no file matches")
            tasks += [Task(p, _relative(p)) for p in matched if os.path.isfile(p)]
        else:
            tasks.append(Task(item, _relative(item)))  # a missing file fails when read, with its reason
    return tasks, missing


def file_size(path: str) -> int:
    """Bytes in the file, 0 if it cannot be read (its reader reports why)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _relative(path: str) -> str:
    p = Path(path)
    if p.is_absolute() or ".." in p.parts:
        return p.name
    return str(p)


def _page_chunks(kind: str, lines: Iterable[str], source: str, rules: Rules) -> Iterator[tuple[int, list[str], bytes]]:
    """Per page of the input: its number of records, its article ids (for
    de-duplication; article records only) and its JSONL, for the record kind."""
    if kind == "audit":
        for _, spans in groupby(audit_stream(lines, source, rules), key=lambda span: span.page):
            chunk = tuple(spans)
            yield len(chunk), [], jsonl(chunk)
        return
    for page in parse_stream(lines, source, rules):
        if kind == "pages":
            yield 1, [], jsonl((page.record,))
        elif kind == "ticker":
            quotes = quote_records(page.record)
            yield len(quotes), [], jsonl(quotes)
        else:
            yield len(page.articles), [a.id for a in page.articles], jsonl(page.articles)


def convert_file(
    task: Task, encoding: str | None, spill_dir: str | None, profile: Profile = TIMESCA, records: str = "articles"
) -> FileResult:
    """Parse one input into JSONL of the ``records`` kind. Never raises for bad input: the reason is
    in ``error``. With ``spill_dir``, the JSONL of an input over ``SPILL_OVER``
    bytes goes to a temporary file there, so memory stays bounded."""
    result = FileResult(task.path, size=file_size(task.path))
    reader = Reader(task.path, encoding, result.warnings.append)
    out = None
    chunks: list[bytes] = []
    try:
        if spill_dir is not None and result.size > SPILL_OVER:
            fd, result.spill = tempfile.mkstemp(suffix=".jsonl", dir=spill_dir)
            out = os.fdopen(fd, "wb")
        for count, ids, data in _page_chunks(records, reader, task.path, compile_rules(profile)):
            result.pages += 1
            result.records += count
            result.ids += ids
            if out is not None:
                out.write(data)
            else:
                chunks.append(data)
    except InputError as err:
        result.error = str(err)
    finally:
        if out is not None:
            out.close()
    result.data = b"".join(chunks)
    result.articles = len(result.ids)
    return result


class SeenStore:
    """Ids exported by earlier runs, in SQLite. New ids are added inside a
    transaction that is committed only once the output holding them is in
    place, so an interrupted run never marks undelivered articles as seen."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, first_source TEXT)")
        self.db.commit()

    def __contains__(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM seen WHERE id = ?", (article_id,)).fetchone() is not None

    def add(self, ids: list[str], source: str) -> None:
        self.db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", ((i, source) for i in ids))

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.rollback()
        self.db.close()


def iter_lines_of(result: FileResult) -> Iterator[bytes]:
    """The JSONL lines of a result, from its spill file or its bytes."""
    if result.spill is not None:
        with open(result.spill, "rb") as f:
            yield from f
    else:
        yield from result.data.splitlines(keepends=True)


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool


def run_local(
    tasks: list[Task],
    encoding: str | None,
    jobs: int,
    spill_dir: str,
    profile: Profile = TIMESCA,
    records: str = "articles",
) -> Iterator[FileResult]:
    """Results in input order; at most ``4 * jobs`` files in flight, so memory
    stays bounded however many files there are."""
    if jobs <= 1:
        for task in tasks:
            yield convert_file(task, encoding, spill_dir, profile, records)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pending = iter(tasks)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        window = deque(
            pool.submit(convert_file, t, encoding, spill_dir, profile, records) for t in islice(pending, 4 * jobs)
        )
        while window:
            result = window.popleft().result()
            nxt = next(pending, None)
            if nxt is not None:
                window.append(pool.submit(convert_file, nxt, encoding, spill_dir, profile, records))
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class DaskMissing(Exception):
    """Dask is an optional extra."""


def run_dask(
    tasks: list[Task],
    encoding: str | None,
    jobs: int,
    scheduler: str | None,
    profile: Profile = TIMESCA,
    records: str = "articles",
) -> Iterator[FileResult]:
    """The same conversion with each file a Dask task: on the cluster at
    ``scheduler``, or on a local cluster of ``jobs`` worker processes.
    Workers return the JSONL itself (they may not share a disk with us)."""
    try:
        import logging

        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DaskMissing("--engine dask needs Dask: pip install 'newsdump[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
        client = Client(cluster)
    try:
        from collections import deque

        pending = iter(tasks)
        window = deque(
            client.submit(convert_file, t, encoding, None, profile, records, pure=False)
            for t in islice(pending, 4 * jobs)
        )
        while window:
            result = window.popleft().result()
            nxt = next(pending, None)
            if nxt is not None:
                window.append(client.submit(convert_file, nxt, encoding, None, profile, records, pure=False))
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
