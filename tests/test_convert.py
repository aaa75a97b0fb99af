"""newsdump convert through the installed command: every option."""

import os
import shutil
import signal
import sqlite3
import subprocess
import time

import pytest

from tests.conftest import SAMPLES, TIMESCA_DUMPS
from tests.records import load_jsonl, load_jsonl_text

DUMPS = TIMESCA_DUMPS
ALL_ARTICLES = sum(len(load_jsonl(p.with_suffix(".articles.jsonl"))) for p in DUMPS)


def run(cmd, *args, cwd=None, env=None):
    return subprocess.run([*cmd, "convert", *args], capture_output=True, cwd=cwd, env=env, timeout=180)


@pytest.fixture
def tree(tmp_path):
    """in/ with the samples, a subfolder holding a copy of one, and a non-dump file."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for dump in DUMPS:
        shutil.copy(dump, root / dump.name)
    shutil.copy(SAMPLES / "listing.txt", root / "sub" / "listing-copy.txt")
    (root / "notes.md").write_text("not a dump")
    return tmp_path


def test_directory_to_one_file_in_input_order(newsdump, tree):
    out = run(newsdump, "in", "-o", "all.jsonl", "-j", "1", cwd=tree)
    assert out.returncode == 0, out.stderr
    records = load_jsonl(tree / "all.jsonl")
    assert len(records) == ALL_ARTICLES + 6
    assert [r["source"] for r in records][0] == "in/archive.txt"
    assert {r["source"] for r in records} == {f"in/{p.name}" for p in DUMPS} | {"in/sub/listing-copy.txt"}
    assert f"{len(DUMPS) + 1} file(s) converted".encode() in out.stderr and b"0 failed" in out.stderr
    assert oct((tree / "all.jsonl").stat().st_mode & 0o777) != "0o600"


def test_records_equal_parse_output(newsdump, tree):
    run(newsdump, "in/listing.txt", "in/full.txt", "-o", "two.jsonl", cwd=tree)
    parsed = subprocess.run([*newsdump, "parse", "in/listing.txt", "in/full.txt"], cwd=tree, capture_output=True)
    assert (tree / "two.jsonl").read_bytes() == parsed.stdout


def test_jobs_two_gives_the_same_bytes_as_jobs_one(newsdump, tree):
    for i in range(30):
        shutil.copy(SAMPLES / "full.txt", tree / "in" / f"f{i:02d}.txt")
    run(newsdump, "in", "-o", "one.jsonl", "-j", "1", cwd=tree)
    run(newsdump, "in", "-o", "two.jsonl", "-j", "2", cwd=tree)
    assert (tree / "one.jsonl").read_bytes() == (tree / "two.jsonl").read_bytes()


def test_stdout_output(newsdump, tree):
    out = run(newsdump, "in/listing.txt", "-o", "-", cwd=tree)
    assert len(load_jsonl_text(out.stdout.decode())) == 6 and b"converted" in out.stderr


def test_dedup_drops_repeated_articles(newsdump, tree):
    out = run(newsdump, "in", "-o", "d.jsonl", "--dedup", cwd=tree)
    ids = [r["id"] for r in load_jsonl(tree / "d.jsonl")]
    assert len(ids) == len(set(ids)) == ALL_ARTICLES
    assert b"6 duplicates dropped" in out.stderr


def test_seen_database_across_two_runs(newsdump, tree):
    first = run(newsdump, "in/listing.txt", "-o", "day1.jsonl", "--seen", "seen.db", cwd=tree)
    assert first.returncode == 0 and len(load_jsonl(tree / "day1.jsonl")) == 6
    second = run(newsdump, "in/listing.txt", "in/full.txt", "-o", "day2.jsonl", "--seen", "seen.db", cwd=tree)
    day2 = load_jsonl(tree / "day2.jsonl")
    assert [r["source"] for r in day2] == ["in/full.txt"] * 3  # only what is new
    assert b"6 duplicates dropped" in second.stderr
    with sqlite3.connect(tree / "seen.db") as db:
        assert db.execute("SELECT count(*) FROM seen").fetchone()[0] == 9


def test_out_dir_mirrors_the_input_tree(newsdump, tree):
    out = run(newsdump, "in", "--out-dir", "out", cwd=tree)
    assert out.returncode == 0
    made = sorted(str(p.relative_to(tree / "out")) for p in (tree / "out").rglob("*.jsonl"))
    assert made == sorted([p.stem + ".jsonl" for p in DUMPS] + ["sub/listing-copy.jsonl"])
    assert (tree / "out" / "full.jsonl").read_bytes() == subprocess.run(
        [*newsdump, "parse", "in/full.txt"], cwd=tree, capture_output=True
    ).stdout
    assert not list((tree / "out").rglob("*.part"))


def test_list_file_and_glob_inputs(newsdump, tree):
    (tree / "list.txt").write_text("# today\nin/listing.txt\n\nin/full.txt\n")
    out = run(newsdump, "@list.txt", "in/sub/*.txt", "-o", "l.jsonl", cwd=tree)
    assert out.returncode == 0
    assert [r["source"] for r in load_jsonl(tree / "l.jsonl")] == (
        ["in/listing.txt"] * 6 + ["in/full.txt"] * 3 + ["in/sub/listing-copy.txt"] * 6
    )


def test_glob_option_for_directories(newsdump, tree):
    out = run(newsdump, "in", "-o", "md.jsonl", "--glob", "*.md", cwd=tree)
    assert {r["source"] for r in load_jsonl(tree / "md.jsonl")} == {"in/notes.md"}
    assert b"1 file(s) converted" in out.stderr


def test_a_failing_file_in_the_middle_does_not_stop_the_batch(newsdump, tree):
    (tree / "in" / "m-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = run(newsdump, "in", "nothing-here.txt", "-o", "f.jsonl", "-j", "2", cwd=tree)
    assert out.returncode == 1
    assert len(load_jsonl(tree / "f.jsonl")) == ALL_ARTICLES + 6
    err = out.stderr.decode()
    assert "in/m-binary.txt: binary file" in err and "nothing-here.txt: no such file" in err
    assert "2 failed" in err


def test_output_options_are_checked(newsdump, tree):
    assert run(newsdump, "in", cwd=tree).returncode == 2
    assert run(newsdump, "in", "-o", "x", "--out-dir", "y", cwd=tree).returncode == 2
    assert run(newsdump, "in", "-o", "x", "--scheduler", "tcp://h:1", cwd=tree).returncode == 2


def test_interrupted_run_leaves_no_output(newsdump, tree):
    data = (SAMPLES / "listing.txt").read_bytes() * 900  # ~2 MB each, 60 MB in all: seconds of work
    for i in range(30):
        (tree / "in" / f"x{i:02d}.txt").write_bytes(data)
    proc = subprocess.Popen(
        [*newsdump, "convert", "in", "-o", "big.jsonl", "-j", "2"],
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and b"Traceback" not in err
    assert not (tree / "big.jsonl").exists() and not list(tree.glob(".big.jsonl*"))


def test_dask_engine_on_a_local_cluster_gives_the_same_records(newsdump, tree):
    pytest.importorskip("distributed", reason="Dask is an optional extra; `make test` installs it")
    local = run(newsdump, "in", "-o", "local.jsonl", cwd=tree)
    dask = run(newsdump, "in", "-o", "dask.jsonl", "--engine", "dask", "-j", "2", cwd=tree)
    assert local.returncode == dask.returncode == 0, dask.stderr
    assert (tree / "dask.jsonl").read_bytes() == (tree / "local.jsonl").read_bytes()


def test_dask_engine_without_dask_says_how_to_install(newsdump, tree):
    fake = tree / "nodask" / "dask"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('no dask here')\n")
    env = dict(os.environ, PYTHONPATH=str(tree / "nodask"))
    out = run(newsdump, "in", "-o", "x.jsonl", "--engine", "dask", cwd=tree, env=env)
    assert out.returncode == 2 and b"pip install 'newsdump[dask]'" in out.stderr
