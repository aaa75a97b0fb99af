"""The real dumps in ../shared/seeds against their expected records, through
the command line (tests.conftest.run_main: the console script's function, in
this process; ../shared/tools/check-seeds runs the installed command).
Skipped in a clone that has no ../shared beside it."""

import pytest

from tests.conftest import SEEDS, run_main
from tests.records import differing_fields, load_jsonl, load_jsonl_text

pytestmark = pytest.mark.skipif(not (SEEDS / "expected").is_dir(), reason="../shared/seeds is not beside this clone")

DUMPS = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.parametrize("command, kind", [("parse", "articles"), ("pages", "pages")])
@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_seed(dump, command, kind):
    run = run_main(command, dump.name, cwd=SEEDS)
    assert run.returncode == 0, run.stderr
    got = load_jsonl_text(run.stdout.decode())
    want = load_jsonl(SEEDS / "expected" / f"{dump.stem}.{kind}.jsonl")
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert [k for k in differing_fields(g, w) if k != "warnings"] == []


def test_seed_002_warns_about_the_promised_count():
    run = run_main("pages", "002_47421baf06135a22.txt", cwd=SEEDS)
    assert run.returncode == 0, run.stderr
    warnings = load_jsonl_text(run.stdout.decode())[0]["warnings"]
    assert {"code": "count-mismatch", "message": "result line promises 6 articles, 4 found", "line": 43} in warnings


def test_all_seed_records_are_covered():
    total = sum(len(load_jsonl(p)) for p in (SEEDS / "expected").glob("*.jsonl"))
    assert total == 33
