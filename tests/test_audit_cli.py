"""`newsdump audit`: spans, --summary and bad inputs in this process
(tests.conftest.run_main); standard input and a closed pipe in a real
subprocess."""

import subprocess

from newsdump.auditing import REASONS

from tests.conftest import SAMPLES, TIMESCA_DUMPS, run_main
from tests.records import load_jsonl_text

DUMPS = TIMESCA_DUMPS


def run(cmd, *args, stdin=None, cwd=None):
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def test_audit_prints_spans_in_line_order():
    out = run_main("audit", "archive.txt", cwd=SAMPLES)
    spans = load_jsonl_text(out.stdout.decode())
    assert out.returncode == 0 and out.stderr == b""
    assert [list(s) for s in spans[:1]] == [["source", "page", "start", "end", "reason", "text"]]
    assert {s["reason"] for s in spans} >= {"date", "results", "byline", "continue", "shortcode", "truncation"}
    assert [s["start"] for s in spans] == sorted(s["start"] for s in spans)
    assert {
        "source": "archive.txt",
        "page": 1,
        "start": 7,
        "end": 7,
        "reason": "byline",
        "text": "• Written by Aigerim Sadykova",
    } in spans


def test_audit_of_stdin_matches_the_file(newsdump):
    data = (SAMPLES / "mixed.txt").read_bytes()
    from_pipe = run(newsdump, "audit", stdin=data)
    from_file = run(newsdump, "audit", "mixed.txt", cwd=SAMPLES)
    assert from_pipe.returncode == 0
    assert from_pipe.stdout == from_file.stdout.replace(b'"source":"mixed.txt"', b'"source":"-"')


def test_summary_counts_every_reason_and_adds_up():
    spans = load_jsonl_text(run_main("audit", *map(str, DUMPS)).stdout.decode())
    out = run_main("audit", "--summary", *map(str, DUMPS))
    rows = load_jsonl_text(out.stdout.decode())
    assert out.returncode == 0
    assert [r["reason"] for r in rows] == list(REASONS)
    for row in rows:
        mine = [s for s in spans if s["reason"] == row["reason"]]
        assert row["spans"] == len(mine)
        assert row["lines"] == sum(s["end"] - s["start"] + 1 for s in mine)


def test_missing_input_is_reported_and_the_rest_audited():
    out = run_main("audit", "nope.txt", "listing.txt", cwd=SAMPLES)
    assert out.returncode == 1
    assert b"nope.txt" in out.stderr and b"Traceback" not in out.stderr
    assert load_jsonl_text(out.stdout.decode())[0]["source"] == "listing.txt"


def test_audit_into_a_closed_pipe_is_quiet(newsdump):
    big = (SAMPLES / "stream.txt").read_bytes() * 2000
    proc = subprocess.run(f"{newsdump[0]} audit | head -1", shell=True, input=big, capture_output=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.count(b"\n") == 1 and proc.stderr == b""
