"""Batch conversion machinery for ``newsdump convert``: which files, how
each one is converted (in a worker process or on a Dask worker), and the
store of ids already exported.

A conversion task is a run of consecutive inputs (:func:`batches`) and
returns a :class:`RunResult`: their JSONL as bytes, one input after another,
with a few numbers per input; an input over ``SPILL_OVER`` bytes spills its
JSONL to a temporary file instead (local engine: memory stays bounded
whatever the file size; Dask's workers may be other machines and return
bytes). A small plain UTF-8 file is read with one ``read`` and decoded at
once (:func:`~newsdump.reader.plain_blocks`), everything else through a
:class:`~newsdump.reader.Reader`.

Temporary files carry the id of the process that made them: the spill
folder is ``$TMPDIR/newsdump-convert-PID-XXXX`` and an output being written
is ``.NAME.PID.XXXX.part`` beside ``NAME``. A run removes those of runs
that no longer exist (a ``kill -9``) before it writes: :func:`clean_stale`.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import gc
import glob
import operator
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path, PurePath
from typing import BinaryIO, NamedTuple

from newsdump.decode import EncodingRules
from newsdump.jsonl import page_records
from newsdump.profile import TIMESCA, Profile, Rules, compile_rules
from newsdump.reader import SNIFF_BYTES, InputError, Reader, plain_blocks, source_name
from newsdump.workers import in_order, pool_context, start_worker, stop_pool

GLOB_CHARS = frozenset("*?[")
# A directory's files that match the pattern are taken plain or compressed (known by their magic bytes).
COMPRESSED = (".gz", ".bz2", ".xz", ".zst")
# Inputs larger than this write their JSONL to a spill file rather than return it in memory.
SPILL_OVER = 8_000_000
# What a conversion writes: article records (the default), page records, audit spans or ticker quotes.
# A pool task is a run of consecutive inputs of about this many bytes: one-page
# files of a few hundred bytes cost far more to send one by one than to parse.
BATCH_BYTES = 1_000_000
BATCH_FILES = 500  # and at most this many inputs, so the results in flight stay few
# The default --jobs runs in one process when all the inputs fit in this many runs.
AUTO_ONE_PROCESS = 2
SPILL_PREFIX = "newsdump-convert-"
_SPILL_NAME = re.compile(re.escape(SPILL_PREFIX) + r"(?P<pid>\d+)-")
_NAME = operator.attrgetter("name")
_PART_NAME = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[a-z0-9_]+\.part")


class Task(NamedTuple):
    """One input file: where to read it, what to call it, where it maps to.
    (A tuple: the listing makes one per file, and a frozen dataclass cost
    more to make than a small file's walk.)"""

    path: str
    relative: str  # its place below the input it came from (for --out-dir)
    size: int = -1  # its bytes when the listing already knew them (-1: not yet looked at)


@dataclass(slots=True)
class FileResult:
    """One input converted: its counts, messages and ids. Its JSONL is in
    its :class:`RunResult` (``end``: where it ends there) or in a spill file."""

    source: str
    pages: int = 0
    articles: int = 0
    records: int = 0  # records written (articles, or the kind asked for)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    ids: list[str] = field(default_factory=list)  # one per record, in order (article records)
    spill: str | None = None  # a temporary file holding the JSONL
    end: int = 0  # where its JSONL ends in its run's data
    size: int = 0  # input bytes

    def __reduce__(self):  # sent as a tuple: a third of the time of a dataclass's dict
        return (
            FileResult,
            (self.source, self.pages, self.articles, self.records, self.warnings, self.error, self.ids, self.spill)
            + (self.end, self.size),
        )


@dataclass(slots=True)
class RunResult:
    """A run of inputs converted (one pool task), sent back in few objects:
    one object per input cost the parent more than writing its records.

    ``data`` holds the JSONL of the inputs not spilled, one after another.
    Per input ``i``: ``counts[i]`` is (pages, records, input bytes, where its
    JSONL ends in ``data``) and ``ids[i]`` its article ids (article
    records); an input with warnings, an error or a spill file is also in
    ``odd``, whole. The parent writes a run with one write when it needs
    nothing per input (no --dedup, --seen or --out-dir, nothing odd)."""

    data: bytes
    counts: list[tuple[int, int, int, int]]
    ids: list[list[str]]
    odd: dict[int, FileResult]

    @classmethod
    def of(cls, files: list[FileResult], data: bytes) -> RunResult:
        odd = {i: r for i, r in enumerate(files) if r.warnings or r.error is not None or r.spill is not None}
        return cls(data, [(r.pages, r.records, r.size, r.end) for r in files], [r.ids for r in files], odd)

    def __len__(self) -> int:
        return len(self.counts)

    def file(self, index: int, source: str) -> FileResult:
        """Input number ``index`` (``source``: its name) as a FileResult."""
        if (odd := self.odd.get(index)) is not None:
            return odd
        pages, records, size, end = self.counts[index]
        ids = self.ids[index]
        return FileResult(source, pages, len(ids), records, ids=ids, end=end, size=size)

    def jsonl(self, index: int) -> bytes:
        """The JSONL of input number ``index`` (b"" if it spilled)."""
        start = self.counts[index - 1][3] if index else 0
        return self.data[start : self.counts[index][3]]

    def lines(self, index: int) -> Iterator[bytes]:
        """The JSONL lines of input number ``index``, from its spill file or the run's data."""
        spill = odd.spill if (odd := self.odd.get(index)) is not None else None
        if spill is not None:
            with open(spill, "rb") as f:
                yield from f
        else:
            yield from self.jsonl(index).splitlines(keepends=True)

    def drop_spills(self) -> None:
        """Remove the run's spill files."""
        for result in self.odd.values():
            drop_spill(result)


def check_pattern(pattern: str) -> None:
    """Raise ValueError for a ``--glob`` pattern that could reach outside the
    directories searched (an absolute pattern, or one with ``..``)."""
    parts = PurePath(pattern)
    if parts.is_absolute() or ".." in parts.parts:
        raise ValueError(f"{pattern!r}: must stay below the directories searched (no leading '/', no '..')")


def expand_inputs(inputs: list[str], pattern: str = "*.txt") -> tuple[list[Task], list[str]]:
    """:func:`iter_inputs` as a list: the tasks, and the inputs that matched
    nothing or could not be listed (for commands that need them all first)."""
    missing: list[str] = []
    tasks = list(iter_inputs(inputs, pattern, missing))
    return tasks, missing


def iter_inputs(inputs: Iterable[str], pattern: str = "*.txt", missing: list[str] | None = None) -> Iterator[Task]:
    """Files, directories (recursively, files matching ``pattern``, also
    compressed: ``*.txt.gz``, ``.bz2``, ``.xz``, ``.zst``), globs and
    ``@list`` files (one path per line) -> tasks in a stable order, found
    as they are needed: a directory is walked lazily, each folder's entries
    sorted by name (the order of sorting the whole paths), so memory does not
    grow with the number of files. The inputs that match nothing or cannot
    be listed are appended to ``missing`` (reported as failures) as the walk
    meets them.

    ``-`` is standard input. A list file is read as UTF-8 with undecodable
    bytes kept as the command line keeps them (``surrogateescape``), so a
    listed name opens the same file as on the command line; list files that
    name each other are reported, not followed. ``convert`` checks
    ``pattern`` with :func:`check_pattern` first."""
    return _expand(inputs, pattern, (), missing if missing is not None else [])


def _expand(
    inputs: Iterable[str], pattern: str, lists: tuple[tuple[str, str], ...], missing: list[str]
) -> Iterator[Task]:
    for item in inputs:
        shown = source_name(item)
        if item.startswith("@") and not os.path.exists(item):
            name = item[1:]
            key = os.path.realpath(name)
            if any(key == open_key for open_key, _ in lists):
                cycle = " -> ".join(source_name(n) for n in [*(n for _, n in lists), name])
                missing.append(f"{shown}: list files name each other in a cycle: {cycle}")
                continue
            try:
                listing = open(name, encoding="utf-8", errors="surrogateescape")  # noqa: SIM115 (closed below)
            except OSError as err:
                missing.append(f"{shown}: {err.strerror or err}")
                continue
            with listing:
                listed = (line.strip() for line in listing if line.strip() and not line.lstrip().startswith("#"))
                yield from _expand(listed, pattern, (*lists, (key, name)), missing)
        elif os.path.isdir(item):
            any_found = False
            for task in _walk(item, pattern):
                any_found = True
                yield task
            if not any_found:
                missing.append(f"{shown}: a directory with no {pattern} file in it")
        elif not os.path.exists(item) and GLOB_CHARS & set(item):
            matched = sorted(glob.glob(item, recursive=True))
            if not matched:
                missing.append(f"{shown}: no file matches")
            yield from (Task(p, _relative(p)) for p in matched if os.path.isfile(p))
        else:
            yield Task(item, _relative(item))  # a missing file fails when read, with its reason


def _walk(root: str, pattern: str) -> Iterator[Task]:
    """The files below ``root`` whose name matches ``pattern`` (plain or
    compressed), depth first with each folder's entries sorted by name: the
    order of the sorted paths, without holding them all. Symbolic links to
    folders are not followed (as ``Path.rglob``); unreadable subfolders are
    skipped."""
    if "/" in pattern or "**" in pattern:  # a pattern over several levels: the whole listing, sorted
        base = Path(root)
        found = sorted({p for s in ("", *COMPRESSED) for p in base.rglob(pattern + s) if p.is_file()})
        yield from (Task(str(p), str(p.relative_to(base))) for p in found)
        return
    names = re.compile("|".join(f"(?:{fnmatch.translate(pattern + s)})" for s in ("", *COMPRESSED)))
    root = str(Path(root))  # as Path spells it ("./a//b/" -> "a/b"): the sources stay as they were
    prefix = len(os.path.join(root, ""))
    # Each open folder: its entries sorted by name, and a descriptor to look its files up by name
    # (a stat by name in the folder costs half one by the whole path).
    stack: list[tuple[Iterator[os.DirEntry[str]], int]] = []

    def enter(path: str) -> None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            with os.scandir(path) as entries:
                stack.append((iter(sorted(entries, key=_NAME)), fd))
        except BaseException:
            os.close(fd)
            raise

    try:
        enter(root)
    except OSError:
        return
    try:
        while stack:
            entries, fd = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                os.close(fd)
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    enter(entry.path)
                    continue
                if not names.match(entry.name) or not entry.is_file():
                    continue
                size = os.stat(entry.name, dir_fd=fd).st_size
            except OSError:
                continue
            yield Task(entry.path, entry.path[prefix:], size)
    finally:
        for _, fd in stack:  # the walk was left before its end
            os.close(fd)


class Listing:
    """The tasks of :func:`iter_inputs`, counted as they are found: the
    progress bar shows ``found`` while the walk goes on, a total once
    ``done``."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        self._tasks = tasks
        self.found = 0
        self.done = False

    def __iter__(self) -> Iterator[Task]:
        for task in self._tasks:
            self.found += 1
            yield task
        self.done = True


def file_size(path: str) -> int:
    """Bytes in a regular file; -1 for anything else (standard input, a
    pipe, a device, a folder) or a file that cannot be looked at (its reader
    reports why)."""
    if path == "-":
        return -1
    try:
        info = os.stat(path)
    except OSError:
        return -1
    return info.st_size if stat.S_ISREG(info.st_mode) else -1


def _relative(path: str) -> str:
    p = Path(path)
    if p.is_absolute() or ".." in p.parts:
        return p.name
    return str(p)


def output_path(out_dir: Path, relative: str) -> Path:
    """Where an input's JSONL goes with ``--out-dir``: its place below its
    input with the suffix ``.jsonl``, always inside ``out_dir`` (a ``..`` or
    a root in ``relative`` is dropped)."""
    inner = PurePath(relative)
    parts = [p for p in inner.parts if p not in ("..", ".", inner.anchor)] or ["-"]
    return out_dir.joinpath(*parts).with_suffix(".jsonl")


@functools.lru_cache(maxsize=8)
def _compiled(profile: Profile) -> Rules:
    return compile_rules(profile)


_last_rules: tuple[Profile, Rules] | None = None


def _rules(profile: Profile) -> Rules:
    """The profile's rules, compiled once per process (not once per file);
    the same profile object again is not even hashed."""
    global _last_rules
    if _last_rules is None or _last_rules[0] is not profile:
        _last_rules = (profile, _compiled(profile))
    return _last_rules[1]


@functools.lru_cache(maxsize=8)
def _encoding_rules(encoding: str | None) -> EncodingRules:
    """``--encoding`` parsed once per process, not once per file."""
    return EncodingRules.parse(encoding)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)


def _whole_file(path: str, size: int) -> bytes | None:
    """A regular file's bytes when it is small (under ``SNIFF_BYTES``, the
    head a :class:`Reader` looks at first): read with one ``read``, no
    buffered file object around it; ``size`` is its size when it was listed
    (a first read that gives as much is the whole file). None for a larger
    file, or one that cannot be read (its :class:`Reader` then reads it, and
    says why)."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        data = os.read(fd, SNIFF_BYTES)
        if len(data) == size:
            return data
        while len(data) < SNIFF_BYTES:  # the file changed since it was listed: read to its end
            more = os.read(fd, SNIFF_BYTES - len(data))
            if not more:
                return data
            data += more
        return None  # a larger file: read as a stream
    except OSError:
        return None
    finally:
        os.close(fd)


def _convert(
    path: str, size: int, encoding: EncodingRules, spill_dir: str | None, rules: Rules, records: str, out: bytearray
) -> FileResult:
    """Parse one input into JSONL of the ``records`` kind, appended to
    ``out`` (``result.end``: where it ends), or with ``spill_dir``, for an
    input over ``SPILL_OVER`` bytes, to a temporary file there, so memory
    stays bounded. Never raises: the reason an input could not be read, or
    an unexpected error (``internal error: ...``), is in ``error``, and then
    no record of it is kept. A small plain UTF-8 file is read with one
    ``read`` and decoded at once (:func:`~newsdump.reader.plain_blocks`)."""
    result = FileResult(source_name(path))
    start = len(out)
    spill = None
    try:
        whole = _whole_file(path, size) if 0 <= size < SNIFF_BYTES else None  # a small regular file
        blocks: Iterable[str] | None = None
        if whole is not None:
            result.size = len(whole)
            blocks = plain_blocks(whole, result.source, encoding)
        else:
            result.size = max(size, 0)
        if blocks is None:  # anything else (compressed, not UTF-8, ...) is read by a Reader of the file
            blocks = Reader(path, encoding, result.warnings.append).blocks()
            if spill_dir is not None and result.size > SPILL_OVER:
                fd, result.spill = tempfile.mkstemp(suffix=".jsonl", dir=spill_dir)
                spill = os.fdopen(fd, "wb")
        ids = result.ids
        for count, page_ids, data in page_records(records, blocks, result.source, rules, blocks=True):
            _check_stop()
            result.pages += 1
            result.records += count
            ids += page_ids
            if spill is not None:
                spill.write(data)
            else:
                out += data
    except InputError as err:
        result.error = str(err)
    except _Stopped:
        result.error = f"{result.source}: stopped"
    except Exception as err:  # a bug must not take the other files' records with it
        result.error = f"{result.source}: internal error: {type(err).__name__}: {err}"
    finally:
        if spill is not None:
            spill.close()
    if result.error is not None:
        drop_spill(result)
        del out[start:]
    result.articles = len(result.ids)
    result.end = len(out)
    return result


def convert_run(
    paths: list[str],
    sizes: list[int],
    encoding: str | None,
    spill_dir: str | None,
    profile: Profile | None = TIMESCA,
    records: str = "articles",
) -> RunResult:
    """A run of inputs (one pool task: their paths, and their sizes as
    :class:`Task` has them) converted, in order; without ``profile``, the
    one this worker was started with."""
    rules = _rules(profile if profile is not None else _worker_profile)
    rules_of_encoding = _encoding_rules(encoding)
    out = bytearray()
    files = [
        _convert(path, size, rules_of_encoding, spill_dir, rules, records, out)
        for path, size in zip(paths, sizes, strict=True)
    ]
    return RunResult.of(files, bytes(out))


def batches(tasks: Iterable[Task], size: int = BATCH_BYTES, files: int = BATCH_FILES) -> Iterator[list[Task]]:
    """Consecutive inputs in runs of about ``size`` bytes and at most
    ``files`` inputs (a larger file is a run of its own; standard input too,
    as the parent reads it)."""
    run: list[Task] = []
    total = 0
    for task in tasks:
        if task.path == "-":
            if run:
                yield run
                run, total = [], 0
            yield [task]
            continue
        if task.size < 0:  # the worker need not look again
            task = task._replace(size=file_size(task.path))
        run.append(task)
        total += max(task.size, 0)
        if total >= size or len(run) >= files:
            yield run
            run, total = [], 0
    if run:
        yield run


def drop_spill(result: FileResult) -> None:
    """Remove the result's spill file, if it has one."""
    if result.spill is not None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(result.spill)
        result.spill = None


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


class AtomicFile:
    """Written to ``.NAME.PID.XXXX.part`` beside the target, renamed into
    place by :meth:`commit`; an interrupted run leaves no half-written
    output, and a killed one leaves a part file the next run removes. A
    target that exists and is not a regular file (``/dev/null``, a FIFO) is
    written into directly: renaming a file over it would replace it."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.temp: str | None = None
        if _special(target):
            self.stream: BinaryIO = open(target, "wb")  # noqa: SIM115 (closed by commit or discard)
            return
        fd, self.temp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
        os.chmod(self.temp, 0o666 & ~_UMASK)  # as an ordinary new file would be, not mkstemp's 0600
        self.stream = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.stream.close()
        if self.temp is not None:
            os.replace(self.temp, self.target)

    def discard(self) -> None:
        with contextlib.suppress(OSError):  # a full disk fails the close too; the file goes anyway
            self.stream.close()
        if self.temp is not None and os.path.exists(self.temp):
            os.unlink(self.temp)


def _special(path: Path) -> bool:
    """An existing file that is not a regular file (nor a folder): a device, a FIFO, a socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(directory: str | Path, spills: bool = False, target: str | None = None) -> None:
    """Remove what runs killed before they could clean up (``kill -9``) left
    in ``directory``: ``.NAME.PID.XXXX.part`` files (of the output ``target``,
    or of any ``*.jsonl``), or with ``spills`` our user's
    ``newsdump-convert-PID-XXXX`` folders, whose process is gone. Those of
    running processes are left alone."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = _SPILL_NAME.match(entry.name) if spills else _PART_NAME.fullmatch(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        if not spills and not (match["name"] == target if target else match["name"].endswith(".jsonl")):
            continue
        try:
            if spills and entry.is_dir(follow_symlinks=False) and entry.stat().st_uid == os.getuid():
                shutil.rmtree(entry.path, ignore_errors=True)
            elif not spills and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:
            pass


def make_spill_dir() -> str:
    """A new spill folder in the temporary directory (``$TMPDIR``), after
    removing those of killed runs."""
    base = tempfile.gettempdir()
    clean_stale(base, spills=True)
    return tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-", dir=base)


class SeenStore:
    """Ids exported by earlier runs, in SQLite.

    Checking ids and marking them happen under the store's write lock
    (``BEGIN IMMEDIATE``), held until :meth:`commit`, which the caller makes
    once the output holding the new ids is in place. So an interrupted run
    never marks undelivered articles as seen, and of two runs on one store
    each article is delivered by exactly one: the other waits for the lock
    (``waiting`` is called once, when it has to). Raises ``sqlite3.Error``
    for a store that cannot be opened or written."""

    def __init__(self, path: str, waiting: Callable[[], None] = lambda: None) -> None:
        self.waiting: Callable[[], None] | None = waiting
        self.db = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            self._lock()
            self.db.execute("CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, first_source TEXT)")
        except BaseException:
            self.db.close()
            raise

    def _lock(self) -> None:
        if self.db.in_transaction:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err):
                raise
            if self.waiting is not None:
                self.waiting()
                self.waiting = None
            self.db.execute("PRAGMA busy_timeout = 2147483647")  # the other run's commit ends the wait
            self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("PRAGMA busy_timeout = 60000")  # our own commit may meet a reader briefly

    def __contains__(self, article_id: str) -> bool:
        self._lock()
        return self.db.execute("SELECT 1 FROM seen WHERE id = ?", (article_id,)).fetchone() is not None

    def known(self, ids: list[str]) -> set[str]:
        """Those of ``ids`` already in the store: looked up 500 at a time."""
        self._lock()
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = f"SELECT id FROM seen WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(row[0] for row in self.db.execute(query, chunk))
        return found

    def add(self, ids: list[str], source: str) -> None:
        self._lock()
        self.db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", ((i, source) for i in ids))

    def commit(self) -> None:
        """Mark what was added as delivered, and let other runs go on."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def close(self) -> None:
        """Forget what was added since the last commit."""
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        finally:
            self.db.close()


class _Stopped(Exception):
    """The parent asked its workers to stop (a signal, an error, a closed pipe)."""


_stop_event = None  # in a worker: set by the parent to stop the conversion in progress
_worker_profile: Profile = TIMESCA  # in a worker: the profile, sent once when it starts


def _check_stop() -> None:
    if _stop_event is not None and _stop_event.is_set():
        raise _Stopped


def _init_worker(parent: int, stop, profile: Profile) -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops them
    through ``stop``, and end themselves when the parent is gone
    (:func:`newsdump.workers.start_worker`). The profile is sent, and its
    rules compiled, once."""
    global _stop_event, _worker_profile
    start_worker(parent)
    _stop_event = stop
    _worker_profile = profile
    _rules(profile)
    gc.freeze()  # what the fork copied is never garbage: collections skip it (and do not copy its pages)


def _paths_sizes(run: list[Task]) -> tuple[list[str], list[int]]:
    """What a worker needs of a run of tasks, as two lists (they cost a tenth of the tasks to send)."""
    return [task.path for task in run], [task.size for task in run]


def _in_parent(fn: Callable[..., RunResult], *args) -> Future:
    """Run ``fn`` here and now (standard input is only readable here)."""
    done: Future = Future()
    done.set_result(fn(*args))
    return done


def auto_jobs(ahead: list[list[Task]], ended: bool, cores: int) -> int:
    """The default ``--jobs``, decided from the first runs of inputs
    (:func:`batches`) the listing gives: one process when the whole work
    fits in ``AUTO_ONE_PROCESS`` runs (starting workers and sending them the
    profile would cost more than the parallel part saves), else every core."""
    return 1 if ended and len(ahead) <= AUTO_ONE_PROCESS else cores


def run_local(
    tasks: Iterable[Task],
    encoding: str | None,
    jobs: int,
    spill_dir: str,
    profile: Profile = TIMESCA,
    records: str = "articles",
) -> Generator[tuple[list[Task], RunResult], None, None]:
    """Each run of consecutive inputs (:func:`batches`, about
    ``BATCH_BYTES``: one pool task) with its result, in input order;
    ``tasks`` may be a lazy listing, read as the conversion goes. At most
    ``4 * jobs`` runs are in flight, so memory stays bounded however many files there
    are. ``jobs`` 0 chooses from the work (:func:`auto_jobs`). Standard input
    is read in this process. Closing the iterator early (an error, a signal,
    a closed pipe) stops the workers at their next page and waits for them;
    they also end by themselves if this process is killed."""
    pending: Iterator[list[Task]] = batches(tasks)
    if jobs <= 0:
        ahead = list(islice(pending, AUTO_ONE_PROCESS + 1))
        jobs = auto_jobs(ahead, len(ahead) <= AUTO_ONE_PROCESS, os.cpu_count() or 1)
        pending = chain(ahead, pending)
    if jobs <= 1:
        for run in pending:
            yield run, convert_run(*_paths_sizes(run), encoding, spill_dir, profile, records)
        return
    from concurrent.futures import ProcessPoolExecutor

    context = pool_context()
    stop = context.Event()
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(os.getpid(), stop, profile)
    )

    def submit(run: list[Task]) -> Future:
        if run[0].path == "-":
            return _in_parent(convert_run, *_paths_sizes(run), encoding, spill_dir, profile, records)
        return pool.submit(convert_run, *_paths_sizes(run), encoding, spill_dir, None, records)

    finished = False
    try:
        yield from in_order(pending, submit, 4 * jobs)
        finished = True
    finally:
        if not finished:
            stop.set()  # the files in progress end at their next page; killing a worker could hang the pool
        stop_pool(pool)


class DaskMissing(Exception):
    """Dask is an optional extra."""


def run_dask(
    tasks: Iterable[Task],
    encoding: str | None,
    jobs: int,
    scheduler: str | None,
    profile: Profile = TIMESCA,
    records: str = "articles",
) -> Generator[tuple[list[Task], RunResult], None, None]:
    """The same conversion with each run of inputs (:func:`batches`) a Dask task: on the cluster at
    ``scheduler``, or on a local cluster of ``jobs`` worker processes.
    Workers return the JSONL itself (they may not share a disk with us);
    standard input is read in this process."""
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

    def submit(run: list[Task]):
        if run[0].path == "-":
            return _in_parent(convert_run, *_paths_sizes(run), encoding, None, profile, records)
        return client.submit(convert_run, *_paths_sizes(run), encoding, None, profile, records, pure=False)

    try:
        yield from in_order(batches(tasks), submit, 4 * jobs)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
