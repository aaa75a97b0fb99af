"""ticker, strip and stats through the installed command."""

import csv
import io
import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import SAMPLES, TIMESCA_DUMPS
from tests.records import load_jsonl_text

DUMPS = TIMESCA_DUMPS
COLOUR = re.compile(rb"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[0-9;]+)m")


def run(cmd, *args, stdin=None, cwd=None, env=None):
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120, env=env)


def test_ticker_jsonl(newsdump):
    out = run(newsdump, "ticker", "stream.txt", cwd=SAMPLES)
    records = load_jsonl_text(out.stdout.decode())
    assert out.returncode == 0 and len(records) == 10  # 5 quotes on each of the two pages with a ticker
    assert records[1] == {
        "source": "stream.txt",
        "page": 1,
        "page_date": "2025-12-09",
        "pair": "KZT/USD",
        "base": "KZT",
        "quote": "USD",
        "rate": 0.0019,
        "change_pct": -0.0,
    }


def test_ticker_csv_reads_back_as_a_table(newsdump):
    out = run(newsdump, "ticker", "--format", "csv", "listing.txt", "full.txt", cwd=SAMPLES)
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode())))
    assert list(rows[0]) == ["source", "page", "page_date", "pair", "base", "quote", "rate", "change_pct"]
    assert len(rows) == 5 + 4
    assert rows[3]["rate"] == "0.00008" and float(rows[3]["rate"]) == 8e-05
    assert rows[5] == {
        "source": "full.txt",
        "page": "1",
        "page_date": "2026-03-04",
        "pair": "AMD/EUR",
        "base": "AMD",
        "quote": "EUR",
        "rate": "0.00231",
        "change_pct": "0.4",
    }


QUOTE = rb"[ \t]*\xe2\x80\xa2 [A-Z]+/[A-Z]+ = [\d.]+ -?[\d.]+%"
LINE = re.compile(rb"([^\r\n]*)(\r\n|\r|\n|$)")


def without_ticker(data: bytes) -> bytes:
    """The expectation, line by line: a quote line goes (its BOM stays), a
    quote glued onto a line's end goes (the line and its ending stay)."""
    out = []
    for m in LINE.finditer(data):
        line, end = m.groups()
        if not line and not end:
            continue
        body = line.removeprefix(b"\xef\xbb\xbf")
        if re.fullmatch(QUOTE, body):
            out.append(line[: len(line) - len(body)])
        elif glued := re.search(QUOTE + rb"$", line):
            out.append(line[: glued.start()] + end)
        else:
            out.append(line + end)
    return b"".join(out)


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_strip_removes_only_ticker_lines(newsdump, dump):
    out = run(newsdump, "strip", str(dump))
    assert out.returncode == 0
    assert out.stdout == without_ticker(dump.read_bytes())
    assert len(out.stdout) < len(dump.read_bytes()) or b"KGS/USD" not in dump.read_bytes()


def test_strip_keeps_undecodable_bytes(newsdump, tmp_path):
    dump = tmp_path / "bad.txt"
    data = b"\xef\xbb\xbf\xe2\x80\xa2 KGS/USD = 0.01 0%\r\nCaf\xe9 Title\r\n\r\nBody \xff.\r\n"
    dump.write_bytes(data)
    out = run(newsdump, "strip", str(dump))
    assert out.stdout == b"\xef\xbb\xbfCaf\xe9 Title\r\n\r\nBody \xff.\r\n"


def test_strip_utf16_stays_utf16(newsdump, tmp_path):
    dump = tmp_path / "u16.txt"
    dump.write_bytes("• KGS/USD = 0.01 0%\nTitle\n".encode("utf-16"))
    assert run(newsdump, "strip", str(dump)).stdout == "Title\n".encode("utf-16")


def test_strip_header(newsdump):
    out = run(newsdump, "strip", "--header", "listing.txt", cwd=SAMPLES)
    assert b"3 March 2026" not in out.stdout and b"Viewing results" not in out.stdout
    assert out.stdout.startswith(b"\n\nWater Wars\n")


def test_stats_json_on_a_pipe(newsdump):
    out = run(newsdump, "stats", "listing.txt", "stream.txt", cwd=SAMPLES)
    rows = load_jsonl_text(out.stdout.decode())
    assert [r["source"] for r in rows] == ["listing.txt", "stream.txt", None]
    assert rows[1]["pages"] == 2 and rows[1]["articles"] == 7
    assert rows[1]["first_date"] == "2025-12-09" and rows[1]["last_date"] == "2025-12-10"
    assert rows[2]["articles"] == 13 and rows[2]["coverage"] == "1-18 of 240"
    assert rows[1]["warning_codes"]["count-mismatch"] == 1


def test_stats_failed_input_exits_1_and_is_not_counted(newsdump, tmp_path):
    out = run(newsdump, "stats", "--json", str(SAMPLES / "listing.txt"), str(tmp_path / "missing.txt"))
    rows = load_jsonl_text(out.stdout.decode())
    assert out.returncode == 1 and [r["source"] for r in rows] == [str(SAMPLES / "listing.txt"), None]


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) for a pseudo-terminal")
@pytest.mark.parametrize("no_color", [False, True])
def test_stats_table_on_a_terminal(newsdump, no_color):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm", "COLUMNS": "100"}
    if no_color:
        env["NO_COLOR"] = "1"
    command = " ".join(newsdump) + " stats listing.txt stream.txt"
    out = subprocess.run(
        ["script", "-qec", command, "/dev/null"], capture_output=True, cwd=SAMPLES, env=env, timeout=60
    )
    assert out.returncode == 0
    assert b"listing.txt" in out.stdout and b"total" in out.stdout and b"\xe2\x94\x83" in out.stdout  # table
    assert bool(COLOUR.search(out.stdout)) is not no_color


@pytest.mark.parametrize("command", ["parse", "pages", "ticker", "strip", "stats"])
def test_every_command_has_help_with_example_and_common_options(newsdump, command):
    out = run(newsdump, command, "--help")
    assert out.returncode == 0
    text = out.stdout.decode()
    for word in ("Example", "--quiet", "--encoding"):
        assert word in text


@pytest.mark.parametrize("command", ["parse", "pages", "ticker", "strip", "stats"])
def test_every_command_reads_stdin_and_reports_bad_input(newsdump, command, tmp_path):
    out = run(newsdump, command, "-", str(tmp_path / "missing.txt"), stdin=(SAMPLES / "listing.txt").read_bytes())
    assert out.returncode == 1 and out.stdout
    assert out.stderr.decode().startswith(f"newsdump: error: {tmp_path / 'missing.txt'}: no such file")
