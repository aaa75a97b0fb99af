"""``newsdump convert``: many files, directories and globs to JSONL, in
parallel, with progress, de-duplication and a summary."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import typer
from newsdump.batch import (
    DaskMissing,
    FileResult,
    SeenStore,
    Task,
    expand_inputs,
    file_size,
    iter_lines_of,
    run_dask,
    run_local,
)
from newsdump.cli.common import EncodingOpt, ProfileOpt, QuietOpt, codec, echo_err, profile
from newsdump.cli.learn_cmd import describe, learn_tasks
from newsdump.cli.terminal import is_terminal
from newsdump.learn import MIN_SHARE
from newsdump.profile import Profile, load_profile


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class Records(str, Enum):
    articles = "articles"
    pages = "pages"
    audit = "audit"
    ticker = "ticker"


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


class AtomicFile:
    """Written to a temporary file beside the target, renamed into place by
    :meth:`commit`; an interrupted run leaves no half-written output."""

    def __init__(self, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.chmod(self.temp, 0o666 & ~_UMASK)  # as an ordinary new file would be, not mkstemp's 0600
        self.target = target
        self.stream: BinaryIO = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.stream.close()
        os.replace(self.temp, self.target)

    def discard(self) -> None:
        self.stream.close()
        if os.path.exists(self.temp):
            os.unlink(self.temp)


class Batch:
    """Writes results in order, drops duplicates, keeps the counts."""

    def __init__(self, dedup: bool, seen: SeenStore | None) -> None:
        self.dedup = dedup
        self.seen = seen
        self.ids: set[str] = set()
        self.files = self.pages = self.written = self.dropped = self.bytes = 0
        self.warnings = 0
        self.failed: list[str] = []

    def write(self, result: FileResult, out: BinaryIO) -> None:
        self.files += 1
        self.pages += result.pages
        self.bytes += result.size
        kept: list[str] = []
        if not (self.dedup or self.seen):
            if result.spill is not None:
                with open(result.spill, "rb") as f:
                    shutil.copyfileobj(f, out)
            else:
                out.write(result.data)
            self.written += result.records
            return
        for article_id, line in zip(result.ids, iter_lines_of(result)):
            if (self.dedup and article_id in self.ids) or (self.seen is not None and article_id in self.seen):
                self.dropped += 1
                continue
            self.ids.add(article_id)
            kept.append(article_id)
            out.write(line)
        self.written += len(kept)
        if self.seen is not None:
            self.seen.add(kept, result.source)


def _progress(tasks: list[Task]):
    """A progress bar over the inputs' bytes, or None when stderr is not a
    terminal (then no input is even sized)."""
    if not is_terminal(sys.stderr):
        return None
    total_bytes = sum(file_size(task.path) for task in tasks)
    from newsdump.cli.terminal import console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    progress = Progress(
        TextColumn("{task.fields[files]}/" + str(len(tasks)) + " files"),
        BarColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console(sys.stderr),
        transient=True,
    )
    progress.add_task("", total=total_bytes or None, files=0, articles=0)
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
    jobs: int = typer.Option(0, "--jobs", "-j", metavar="N", help="Worker processes (0, the default: all cores)."),
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
    jobs = jobs or os.cpu_count() or 1
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--scheduler")
    if records is not Records.articles and (dedup or seen is not None):
        raise typer.BadParameter("--dedup and --seen go with article records", param_hint="--records")

    tasks, missing = expand_inputs(inputs, pattern)
    for reason in missing:
        echo_err(f"error: {reason}")
    learned = None
    if learn:
        site, learned = _learn(tasks, checked, site, save_profile)
    elif save_profile:
        raise typer.BadParameter("goes with --learn", param_hint="--save-profile")
    started = time.monotonic()
    batch = Batch(dedup or seen is not None, SeenStore(seen) if seen else None)
    batch.failed += missing
    spill = tempfile.mkdtemp(prefix="newsdump-")
    single: AtomicFile | None = None
    try:
        if output is not None and output != "-":
            single = AtomicFile(Path(output))
        stream = sys.stdout.buffer if output == "-" else single.stream if single else None
        if engine is Engine.dask:
            results = run_dask(tasks, checked, jobs, scheduler, site, records.value)
        else:
            results = run_local(tasks, checked, jobs, spill, site, records.value)
        _write_all(results, tasks, batch, stream, out_dir, quiet)
        if single is not None:
            single.commit()
        if batch.seen is not None:
            batch.seen.commit()
    except DaskMissing as err:
        raise typer.BadParameter(str(err), param_hint="--engine") from None
    finally:
        if single is not None:
            single.discard()
        if batch.seen is not None:
            batch.seen.close()
        shutil.rmtree(spill, ignore_errors=True)
    if not quiet:
        _summary(batch, time.monotonic() - started, records, learned)
    raise typer.Exit(1 if batch.failed else 0)


def _write_all(
    results, tasks: list[Task], batch: Batch, stream: BinaryIO | None, out_dir: Path | None, quiet: bool
) -> None:
    bar = _progress(tasks)
    destinations: dict[Path, str] = {}
    if bar is not None:
        bar.start()
    try:
        for task, result in zip(tasks, results):
            if result.error is not None:
                echo_err(f"error: {result.error}")
                batch.failed.append(result.error)
            else:
                if not quiet:
                    for warning in result.warnings:
                        echo_err(f"decoding warning: {warning}")
                batch.warnings += len(result.warnings)
                if stream is not None:
                    batch.write(result, stream)
                else:
                    assert out_dir is not None
                    _write_one(task, result, batch, out_dir, destinations)
            if result.spill is not None and os.path.exists(result.spill):
                os.unlink(result.spill)
            if bar is not None:
                bar.update(
                    bar.task_ids[0], advance=result.size, files=batch.files + len(batch.failed), articles=batch.written
                )
    finally:
        if bar is not None:
            bar.stop()
    if stream is not None:
        stream.flush()


def _write_one(task: Task, result: FileResult, batch: Batch, out_dir: Path, destinations: dict[Path, str]) -> None:
    target = out_dir / Path(task.relative).with_suffix(".jsonl")
    if target in destinations:
        reason = f"{task.path}: its output {target} was already written for {destinations[target]}"
        echo_err(f"error: {reason}")
        batch.failed.append(reason)
        return
    destinations[target] = task.path
    out = AtomicFile(target)
    try:
        batch.write(result, out.stream)
        out.commit()
        if batch.seen is not None:
            batch.seen.commit()  # these ids are delivered now
    finally:
        out.discard()


def _learn(tasks: list[Task], encoding: str | None, base: Profile, save: str | None):
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
