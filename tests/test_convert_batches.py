"""convert over many small files (issue 16): inputs go to the workers in
runs, and the records stay byte for byte those of one process."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest
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
    assert [t for run in batches(tasks, size=600, files=3) for t in run] == tasks  # nothing lost, order kept


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
    results = list(run_local(tasks, None, 0, str(tmp_path)))
    assert [task for task, _ in results] == tasks and all(r.articles == 1 for _, r in results)
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
