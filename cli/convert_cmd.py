"""``newsdump convert``: many files, directories and globs to JSONL, in
parallel, with progress, de-duplication and a summary."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

import typer
from newsdump.batch import (
    AtomicFile,
    DaskMissing,
    FileResult,
    Listing,
    RunResult,
    SeenStore,
    Task,
    check_pattern,
    clean_stale,
    iter_inputs,
    make_spill_dir,
    output_path,
    run_dask,
    run_local,
)
from newsdump.cli.common import EncodingOpt, ProfileOpt, QuietOpt, codec, echo_err, profile
from newsdump.cli.learn_cmd import describe, learn_tasks
from newsdump.cli.terminal import is_terminal
from newsdump.learn import MIN_SHARE
from newsdump.profile import Profile, load_profile
from newsdump.reader import source_name


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class Records(str, Enum):
    articles = "articles"
    pages = "pages"
    audit = "audit"
    ticker = "ticker"


class Terminated(BaseException):
    """SIGTERM arrived (``timeout``, systemd): stop and clean up as for Ctrl-C."""


class OutputFailure(Exception):
    """The output, or the --seen store, cannot be written: ``str(err)`` says which and why."""


def _on_sigterm(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one is enough: let the clean-up finish
    raise Terminated


@contextmanager
def _signals() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C; a closed stdout and a file over
    ``ulimit -f`` become errors (EPIPE, EFBIG) that are handled, not signals
    that kill the run before it can clean up."""
    wanted: dict[signal.Signals, Any] = {signal.SIGTERM: _on_sigterm}
    for name in ("SIGPIPE", "SIGXFSZ"):
        if hasattr(signal, name):
            wanted[getattr(signal, name)] = signal.SIG_IGN
    try:
        before = {sig: signal.signal(sig, handler) for sig, handler in wanted.items()}
    except ValueError:  # not the main thread (the library in a thread): leave signals alone
        before = {}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


class Batch:
    """Writes results in order, drops duplicates, keeps the counts."""

    def __init__(self, dedup: bool, seen: SeenStore | None, quiet: bool = False) -> None:
        self.dedup = dedup
        self.seen = seen
        self.quiet = quiet
        self.cleaned: set[Path] = set()  # output folders already rid of a killed run's part files
        self.ids: set[str] = set()
        self.files = self.pages = self.written = self.dropped = self.bytes = 0
        self.warnings = 0
        self.failed: list[str] = []
        self.missing: list[str] = []  # inputs that give no file (the listing adds them as it goes)
        self._reported = 0

    def report_missing(self) -> None:
        """Report the inputs the listing found nothing for since the last call."""
        for reason in self.missing[self._reported :]:
            echo_err(f"error: {reason}")
            self.failed.append(reason)
        self._reported = len(self.missing)

    def count(self, result: FileResult) -> None:
        """Count an input written whole."""
        self.files += 1
        self.pages += result.pages
        self.bytes += result.size
        self.written += result.records

    def count_run(self, done: RunResult) -> None:
        """Count a run written whole."""
        self.files += len(done)
        for pages, records, size, _ in done.counts:
            self.pages += pages
            self.written += records
            self.bytes += size

    def write(self, done: RunResult, index: int, result: FileResult, out: BinaryIO) -> None:
        """Write input number ``index`` of a run (``result``), without the duplicates."""
        if not (self.dedup or self.seen):
            copy(done, index, out)
            self.count(result)
            return
        self.files += 1
        self.pages += result.pages
        self.bytes += result.size
        kept: list[str] = []
        known = self.seen.known(result.ids) if self.seen is not None else ()
        for article_id, line in zip(result.ids, done.lines(index)):
            if (self.dedup and article_id in self.ids) or article_id in known:
                self.dropped += 1
                continue
            self.ids.add(article_id)
            kept.append(article_id)
            out.write(line)
        self.written += len(kept)
        if self.seen is not None:
            self.seen.add(kept, result.source)


def copy(done: RunResult, index: int, out: BinaryIO) -> None:
    """Input number ``index`` of a run: its JSONL, from the run or its spill file, to ``out``."""
    spill = odd.spill if (odd := done.odd.get(index)) is not None else None
    if spill is not None:
        with open(spill, "rb") as f:
            shutil.copyfileobj(f, out)
    else:
        out.write(done.jsonl(index))


def _progress(listing: Listing):
    """A progress bar: files done, of those found so far (a total once the
    walk is done), MB/s; or None when stderr is not a terminal."""
    if not is_terminal(sys.stderr):
        return None
    from newsdump.cli.terminal import console
    from rich.progress import BarColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("{task.completed:.0f}/{task.fields[found]} files"),
        BarColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TextColumn("{task.fields[rate]} MB/s"),
        console=console(sys.stderr),
        transient=True,
    )
    progress.add_task("", total=None, found="0+", articles=0, rate="0.0")
    return progress


def convert(
    inputs: list[str] = typer.Argument(
        ...,
        metavar="INPUT...",
        help="Files, directories (searched recursively), globs, or @LIST files holding one path per line.",
    ),
    output: str = typer.Option(
        None, "--output", "-o", metavar="OUT.jsonl", help="One JSONL file for everything ('-' for stdout)."
    ),
    out_dir: Path = typer.Option(
        None, "--out-dir", metavar="DIR", help="One .jsonl per input, mirroring the input tree."
    ),
    records: Records = typer.Option(
        Records.articles,
        "--records",
        "-r",
        metavar="KIND",
        help="Which records to write: articles (the default), pages, audit spans or ticker quotes.",
    ),
    pattern: str = typer.Option(
        "*.txt", "--glob", metavar="PATTERN", help="Which files to take from directories (*.txt)."
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        metavar="N",
        help="Worker processes. 0, the default, chooses from the work: one process when all the inputs "
        "fit in two runs (about 2 MB and 1,000 files), else all cores.",
    ),
    dedup: bool = typer.Option(False, "--dedup", help="Drop articles whose id was already written in this run."),
    seen: str = typer.Option(
        None,
        "--seen",
        metavar="DB",
        help="SQLite file of ids exported by earlier runs: write only new articles (implies --dedup).",
    ),
    engine: Engine = typer.Option(
        Engine.local, "--engine", metavar="local|dask", help="local (a process pool, the default) or dask."
    ),
    scheduler: str = typer.Option(
        None,
        "--scheduler",
        metavar="tcp://HOST:8786",
        help="With --engine dask: the cluster's scheduler (default: a local cluster).",
    ),
    encoding: str = EncodingOpt,
    quiet: bool = QuietOpt,
    profile_name: str = ProfileOpt,
    learn: bool = typer.Option(
        False, "--learn", help="Learn the site's profile from the inputs first (one site's scrape), then use it."
    ),
    save_profile: str = typer.Option(
        None, "--save-profile", metavar="FILE.toml", help="With --learn: keep the profile."
    ),
) -> None:
    """Convert many dumps to JSONL in parallel, with progress and a summary.

    Article records by default; --records pages, audit or ticker writes that
    kind instead, such as the page index or the exchange-rate series of a
    whole scrape. The summary on standard error counts decoding warnings
    (bytes not valid in the encoding); page warnings are in the page records.

    Examples:
        newsdump convert scrape/ @more.txt -o articles.jsonl --dedup --seen seen.db
        newsdump convert scrape/ --records ticker -o rates.jsonl
    """
    if (output is None) == (out_dir is None):
        raise typer.BadParameter("give exactly one of -o/--output and --out-dir", param_hint="--output")
    checked = codec(encoding)
    site = profile(profile_name)
    if jobs < 0:
        raise typer.BadParameter("must be 1 or more (0 means all cores)", param_hint="--jobs")
    if engine is Engine.dask:
        jobs = jobs or os.cpu_count() or 1
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--scheduler")
    if records is not Records.articles and (dedup or seen is not None):
        raise typer.BadParameter("--dedup and --seen go with article records", param_hint="--records")
    try:
        check_pattern(pattern)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--glob") from None

    missing: list[str] = []  # inputs that give no file, with the reason, as the walk meets them
    walk = iter_inputs(inputs, pattern, missing)
    if output is not None and output != "-":
        walk = _not_the_output(walk, output, inputs)
    try:
        first = next(walk, None)  # the listing goes on while the files are converted
    except OutputFailure as err:
        echo_err(f"error: {err}")
        raise typer.Exit(1) from None
    if first is None:
        echo_err(f"error: no input files matched: {'; '.join(missing) or ', '.join(map(source_name, inputs))}")
        raise typer.Exit(1)
    listing = Listing(chain([first], walk))
    learned = None
    if learn:
        site, learned = _learn(iter_inputs(inputs, pattern), checked, site, save_profile)
    elif save_profile:
        raise typer.BadParameter("goes with --learn", param_hint="--save-profile")
    # What is loaded by now (modules, the profile's rules) lives as long as the run: garbage
    # collections need not go over it again and again (workers, forked from here, skip it too).
    gc.freeze()
    started = time.monotonic()
    batch = Batch(dedup or seen is not None, None, quiet)
    batch.missing = missing
    batch.report_missing()
    try:
        with _signals():
            _run(listing, batch, output, out_dir, seen, engine, scheduler, checked, jobs, site, records.value)
    except DaskMissing as err:
        raise typer.BadParameter(str(err), param_hint="--engine") from None
    except Terminated:
        echo_err("terminated")
        raise typer.Exit(143) from None
    except BrokenPipeError:
        # The reader of our output is gone (`| head -1`): stop quietly. Point
        # stdout at devnull so that the interpreter's last flush does not fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(141) from None
    except OutputFailure as err:
        echo_err(f"error: {err}")
        raise typer.Exit(1) from None
    if not quiet:
        _summary(batch, time.monotonic() - started, records, learned)
    raise typer.Exit(1 if batch.failed else 0)


def _run(
    listing: Listing,
    batch: Batch,
    output: str | None,
    out_dir: Path | None,
    seen: str | None,
    engine: Engine,
    scheduler: str | None,
    encoding: str | None,
    jobs: int,
    site: Profile,
    records: str,
) -> None:
    """Check the output, convert, write, commit; whatever happens, remove
    every temporary file and stop every worker before returning."""
    single: AtomicFile | None = None
    spill: str | None = None
    results: Generator[tuple[list[Task], RunResult], None, None] | None = None
    try:
        target = _check_output(output, out_dir)
        if seen:
            batch.seen = _open_seen(seen)
        if target is not None:
            clean_stale(target.parent, target=target.name)
            single = AtomicFile(target)
        stream = sys.stdout.buffer if output == "-" else single.stream if single else None
        spill = make_spill_dir()
        if engine is Engine.dask:
            results = run_dask(listing, encoding, jobs, scheduler, site, records)
        else:
            results = run_local(listing, encoding, jobs, spill, site, records)
        _write_all(results, listing, batch, stream, out_dir)
        if single is not None:
            single.commit()
        if batch.seen is not None:
            batch.seen.commit()
    except BrokenPipeError:
        raise
    except OSError as err:
        where = err.filename if err.filename and not str(err.filename).endswith(".part") else None
        name = where or (single.target if single else output if output and output != "-" else "standard output")
        raise OutputFailure(f"{source_name(str(name))}: {err.strerror or err}") from None
    except sqlite3.Error as err:
        raise OutputFailure(f"{source_name(seen or '')}: {err}") from None
    finally:
        if results is not None:
            results.close()  # stops the workers before their spill folder goes
        if single is not None:
            single.discard()
        if batch.seen is not None:
            batch.seen.close()
        if spill is not None:
            shutil.rmtree(spill, ignore_errors=True)


def _check_output(output: str | None, out_dir: Path | None) -> Path | None:
    """Fail before any work for an output that cannot be written; the -o
    file to write, if any. A missing --out-dir is created; a missing folder
    of -o is an error (a typo should not scatter output)."""
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputFailure(f"{out_dir}: not a directory")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=out_dir):  # can we write there? (EACCES, EROFS)
                pass
        except OSError as err:
            raise OutputFailure(f"{source_name(str(out_dir))}: {err.strerror or err}") from None
        return None
    if output is None or output == "-":
        return None
    target = Path(output)
    if target.is_dir():
        raise OutputFailure(f"{output}: is a directory")
    folder = target.parent
    if not folder.exists():
        raise OutputFailure(f"{output}: no such directory: {folder} (create it first)")
    if not folder.is_dir():
        raise OutputFailure(f"{output}: {folder} is not a directory")
    return target


def _not_the_output(tasks: Iterator[Task], output: str, named: list[str]) -> Iterator[Task]:
    """The tasks, failing on an input that is the -o file itself (``convert
    a.txt -o a.txt`` would replace the dump with its records). Only inputs
    named on the command line (a link to the output among them) and inputs
    with the output's file name are looked at twice: the listing of a
    million files is not slowed down."""
    try:
        made = os.stat(output)
    except OSError:
        yield from tasks  # no output yet: there is nothing to overwrite
        return
    name = os.path.basename(output)
    named_files = set(named)
    for task in tasks:
        if os.path.basename(task.path) == name or task.path in named_files:
            try:
                same = os.path.samestat(os.stat(task.path), made)
            except OSError:
                same = False  # it fails when read, with its reason
            if same:
                raise OutputFailure(f"{source_name(task.path)}: is also the output (-o): it would be overwritten")
        yield task


def _open_seen(path: str) -> SeenStore:
    if os.path.isdir(path):
        raise OutputFailure(f"{path}: is a directory")
    return SeenStore(path, waiting=lambda: echo_err(f"{path}: another run is using it; waiting for it to finish"))


def _write_all(results, listing: Listing, batch: Batch, stream: BinaryIO | None, out_dir: Path | None) -> None:
    bar = _progress(listing)
    started = time.monotonic()
    destinations: dict[Path, str] = {}
    if bar is not None:
        bar.start()
    try:
        for run, done in results:
            batch.report_missing()
            try:
                _write_run(run, done, batch, stream, out_dir, destinations)
            finally:
                done.drop_spills()
            if bar is not None:
                seconds = time.monotonic() - started
                bar.update(
                    bar.task_ids[0],
                    completed=batch.files + len(batch.failed) - len(batch.missing),
                    total=listing.found if listing.done else None,  # a total once the walk is done
                    found=f"{listing.found}" if listing.done else f"{listing.found}+",
                    articles=batch.written,
                    rate=f"{batch.bytes / 1e6 / seconds:.1f}" if seconds > 0 else "0.0",
                )
        batch.report_missing()
    finally:
        if bar is not None:
            bar.stop()
    if stream is not None:
        stream.flush()


def _write_run(
    run: list[Task],
    done: RunResult,
    batch: Batch,
    stream: BinaryIO | None,
    out_dir: Path | None,
    destinations: dict[Path, str],
) -> None:
    """A run of inputs' messages and records, in order. To one stream with
    nothing to drop, its JSONL is written with one write (an input that
    failed has none)."""
    whole = stream is not None and not (batch.dedup or batch.seen)
    if whole and stream is not None and not done.odd:  # the common case: nothing to do per input
        batch.count_run(done)
        stream.write(done.data)
        return
    for index, task in enumerate(run):
        result = done.file(index, source_name(task.path))
        if result.error is not None:
            echo_err(f"error: {result.error}")
            batch.failed.append(result.error)
            continue
        if result.warnings:
            if not batch.quiet:
                for warning in result.warnings:
                    echo_err(f"decoding warning: {warning}")
            batch.warnings += len(result.warnings)
        if whole:
            batch.count(result)
        elif stream is not None:
            batch.write(done, index, result, stream)
        else:
            assert out_dir is not None
            _write_one(task, done, index, result, batch, out_dir, destinations)
    if whole and stream is not None:
        if any(result.spill is not None for result in done.odd.values()):
            for index in range(len(done)):
                copy(done, index, stream)
        else:
            stream.write(done.data)


def _write_one(
    task: Task,
    done: RunResult,
    index: int,
    result: FileResult,
    batch: Batch,
    out_dir: Path,
    destinations: dict[Path, str],
) -> None:
    target = output_path(out_dir, task.relative)
    if target in destinations:
        shown = source_name(str(target))
        reason = f"{result.source}: its output {shown} was already written for {destinations[target]}"
        echo_err(f"error: {reason}")
        batch.failed.append(reason)
        return
    destinations[target] = result.source
    if not target.parent.is_dir() or target.parent not in batch.cleaned:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(target.parent)
        batch.cleaned.add(target.parent)
    out = AtomicFile(target)
    try:
        batch.write(done, index, result, out.stream)
        out.commit()
        if batch.seen is not None:
            batch.seen.commit()  # these ids are delivered now
    except OSError as err:
        raise OutputFailure(f"{source_name(str(target))}: {err.strerror or err}") from None
    finally:
        out.discard()


def _learn(tasks: Iterable[Task], encoding: str | None, base: Profile, save: str | None):
    """``--learn``: the profile learned from the inputs over ``base``, and
    what it holds (for the summary); ``--save-profile`` writes it."""
    learned, _ = learn_tasks(tasks, encoding, MIN_SHARE, base, lambda message: None)  # convert reports the inputs
    text = learned.toml()
    if save:
        try:
            Path(save).write_text(text, encoding="utf-8")
        except OSError as err:
            raise typer.BadParameter(f"{save}: {err.strerror or err}", param_hint="--save-profile") from None
    return load_profile(text, base), describe(learned)


def _summary(batch: Batch, seconds: float, records: Records, learned: str | None = None) -> None:
    mb = batch.bytes / 1e6
    rate = f", {mb / seconds:.1f} MB/s" if seconds > 0 and mb else ""
    parts = [
        f"{batch.files} file(s) converted ({mb:.2f} MB in {seconds:.2f} s{rate})",
        f"{batch.pages} pages",
        f"{batch.written} articles written"
        if records is Records.articles
        else f"{batch.written} {records.value} records written",
    ]
    if batch.dedup:
        parts.append(f"{batch.dropped} duplicates dropped")
    parts.append(f"{len(batch.failed)} failed")
    parts.append(f"{batch.warnings} decoding warning(s)")
    if learned is not None:
        parts.append(f"learned {learned}")
    echo_err(", ".join(parts))
