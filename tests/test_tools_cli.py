"""ticker, strip, stats, profile and convert's other record kinds: in this
process through the console script's function (tests.conftest.run_main); a
terminal, standard input and convert's workers in a real subprocess."""

import csv
import io
import os
import re
import shutil
import subprocess

import pytest
from newsdump.cli.main import build_app
from newsdump.cli.tools_cmd import date_range, shorten
from typer.testing import CliRunner

from tests.conftest import SAMPLES, TIMESCA_DUMPS, run_main
from tests.records import load_jsonl_text

DUMPS = TIMESCA_DUMPS
COLOUR = re.compile(rb"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[0-9;]+)m")


def run(cmd, *args, stdin=None, cwd=None, env=None):
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120, env=env)


def test_ticker_jsonl():
    out = run_main("ticker", "stream.txt", cwd=SAMPLES)
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


def test_ticker_csv_reads_back_as_a_table():
    out = run_main("ticker", "--format", "csv", "listing.txt", "full.txt", cwd=SAMPLES)
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
def test_strip_removes_only_ticker_lines(dump):
    out = run_main("strip", str(dump))
    assert out.returncode == 0
    assert out.stdout == without_ticker(dump.read_bytes())
    assert len(out.stdout) < len(dump.read_bytes()) or b"KGS/USD" not in dump.read_bytes()


def test_strip_keeps_undecodable_bytes(tmp_path):
    dump = tmp_path / "bad.txt"
    data = b"\xef\xbb\xbf\xe2\x80\xa2 KGS/USD = 0.01 0%\r\nCaf\xe9 Title\r\n\r\nBody \xff.\r\n"
    dump.write_bytes(data)
    out = run_main("strip", str(dump))
    assert out.stdout == b"\xef\xbb\xbfCaf\xe9 Title\r\n\r\nBody \xff.\r\n"


def test_strip_utf16_stays_utf16(tmp_path):
    dump = tmp_path / "u16.txt"
    dump.write_bytes("• KGS/USD = 0.01 0%\nTitle\n".encode("utf-16"))
    assert run_main("strip", str(dump)).stdout == "Title\n".encode("utf-16")


def test_strip_header():
    out = run_main("strip", "--header", "listing.txt", cwd=SAMPLES)
    assert b"3 March 2026" not in out.stdout and b"Viewing results" not in out.stdout
    assert out.stdout.startswith(b"\n\nWater Wars\n")


def test_stats_json_when_not_on_a_terminal():
    out = run_main("stats", "listing.txt", "stream.txt", cwd=SAMPLES)
    rows = load_jsonl_text(out.stdout.decode())
    assert [r["source"] for r in rows] == ["listing.txt", "stream.txt", None]
    assert rows[1]["pages"] == 2 and rows[1]["articles"] == 7
    assert rows[1]["first_date"] == "2025-12-09" and rows[1]["last_date"] == "2025-12-10"
    assert rows[1]["page_warning_codes"]["count-mismatch"] == 1
    # the total adds up what adds up; result lines of two sources are two listings, not one
    assert rows[2]["articles"] == 13 and rows[2]["sources"] == 2
    assert rows[2]["results"] is None and rows[2]["coverage"] is None
    assert rows[2]["page_warnings"] == rows[0]["page_warnings"] + rows[1]["page_warnings"]


def test_stats_failed_input_exits_1_and_is_not_counted(tmp_path):
    out = run_main("stats", "--json", str(SAMPLES / "listing.txt"), str(tmp_path / "missing.txt"))
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
    assert b"listing.txt" in out.stdout and b"total" in out.stdout and "──".encode() in out.stdout  # table
    assert bool(COLOUR.search(out.stdout)) is not no_color


@pytest.mark.parametrize("command", ["parse", "pages", "ticker", "strip", "stats"])
def test_every_command_reads_stdin_and_reports_bad_input(newsdump, command, tmp_path):
    out = run(newsdump, command, "-", str(tmp_path / "missing.txt"), stdin=(SAMPLES / "listing.txt").read_bytes())
    assert out.returncode == 1 and out.stdout
    assert out.stderr.decode().startswith(f"newsdump: error: {tmp_path / 'missing.txt'}: no such file")


# stats on many files: a table that fits the terminal, --table and --json.


APP = build_app()


def invoke(*args, env=None):
    return CliRunner().invoke(APP, list(args), prog_name="newsdump", env=env)


@pytest.fixture
def many(tmp_path):
    """60 dumps with long names, in a folder of a folder: what a scrape looks like."""
    folder = tmp_path / "scrape" / "timesca-search-results"
    folder.mkdir(parents=True)
    dumps = [p.read_bytes() for p in DUMPS]
    for i in range(60):
        (folder / f"timesca.com-search-page-{i:03d}-saved-2026-03-04.txt").write_bytes(dumps[i % len(dumps)])
    return tmp_path / "scrape"


@pytest.mark.parametrize("width", [80, 120, 60])
def test_stats_table_fits_the_terminal_one_line_per_source(many, width):
    out = invoke("stats", "--table", str(many), env={"COLUMNS": str(width)})
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    assert lines[0].startswith("newsdump stats: 60 source(s) in ")
    assert lines[0].rstrip().endswith("results/")
    rule = next(i for i, line in enumerate(lines) if line.startswith("──"))
    rows = lines[rule + 1 : rule + 61]
    assert all(row.split()[0].startswith("ti") for row in rows) and not lines[rule + 61].strip()
    # one line per source, however long its name: shortened from the middle
    if width < 100:
        assert all("…" in row.split()[0] and row.split()[0].endswith("txt") for row in rows)
    totals = [line for line in lines if line.startswith("total")]
    assert len(totals) == 1 and " of " not in totals[0]  # no coverage merged across listings
    assert all(row.count("/") <= 1 for row in rows)  # one date range, one line


def test_stats_table_and_json_are_forced_by_their_options(many):
    table = invoke("stats", "--table", str(many))
    assert "newsdump stats:" in table.stdout and not table.stdout.startswith("{")
    as_json = invoke("stats", "--json", str(many))
    assert len(load_jsonl_text(as_json.stdout)) == 61
    both = invoke("stats", "--json", "--table", str(many))
    assert both.exit_code == 2


def test_stats_of_two_directories(many, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "listing.txt").write_bytes((SAMPLES / "listing.txt").read_bytes())
    out = invoke("stats", "--json", str(many), str(other))
    rows = load_jsonl_text(out.stdout)
    assert out.exit_code == 0 and len(rows) == 62 and rows[-1]["sources"] == 61


@pytest.mark.parametrize(
    "first, last, shown",
    [
        ("2025-12-09", "2025-12-09", "2025-12-09"),
        ("2025-12-01", "2025-12-19", "2025-12-01/19"),
        ("2025-11-28", "2025-12-03", "2025-11-28/12-03"),
        ("2025-12-30", "2026-01-02", "2025-12-30/2026-01-02"),
        (None, None, ""),
    ],
)
def test_one_date_range_per_source(first, last, shown):
    assert date_range(first, last) == shown


def test_paths_are_shortened_from_the_middle():
    name = "timesca.com-search-page-007-saved-2026-03-04.txt"
    assert shorten(name, 100) == name
    short = shorten(name, 20)
    assert short == "timesca.c…-03-04.txt"


# Two kinds of warning, two names.


def test_decoding_warnings_and_page_warnings_are_named_apart(newsdump, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(
        (SAMPLES / "stream.txt").read_bytes() + "Caf\xe9 Opens\n\nThe caf\xe9 serves plov.\n".encode("latin-1")
    )
    stats = load_jsonl_text(run_main("stats", str(bad)).stdout.decode())
    assert stats[0]["decoding_warnings"] == 1 and stats[0]["page_warnings"] >= 1
    converted = run(newsdump, "convert", "-q", str(bad), "-o", str(tmp_path / "out.jsonl"))
    assert converted.stderr == b""
    converted = run(newsdump, "convert", str(bad), "-o", str(tmp_path / "out.jsonl"))
    err = converted.stderr.decode()
    assert "newsdump: decoding warning: " in err and err.rstrip().endswith("1 decoding warning(s)")


# Profiles by name, shown and checked.


def test_profile_show_prints_the_builtin_profile_as_commented_toml():
    from newsdump.profile import TIMESCA, load_profile

    shown = invoke("profile", "show")
    assert shown.exit_code == 0 and shown.stdout.startswith("#")
    assert load_profile(shown.stdout) == TIMESCA  # the file to copy is the profile in use
    assert shown.stdout == (SAMPLES / "timesca.toml").read_text(encoding="utf-8")
    vestnik = invoke("profile", "show", "vestnik")
    assert vestnik.stdout == (SAMPLES / "vestnik.toml").read_text(encoding="utf-8")
    assert invoke("profile", "list").stdout.split() == ["timesca", "vestnik"]
    unknown = invoke("profile", "show", "nope")
    assert unknown.exit_code == 2 and "timesca, vestnik" in unknown.output


def test_profile_check(tmp_path):
    good = invoke("profile", "check", str(SAMPLES / "vestnik.toml"))
    assert good.exit_code == 0 and good.stdout == f"{SAMPLES / 'vestnik.toml'}: ok, profile 'vestnik'\n"
    bad = tmp_path / "bad.toml"
    bad.write_text("[dates]\nmonts = []\n", encoding="utf-8")
    out = invoke("profile", "check", str(bad))
    assert out.exit_code == 1 and out.stdout == ""
    known = "dayfirst, formats, months, skip_words, weekdays"
    assert out.stderr == f"newsdump: error: {bad}: dates.monts: unknown key (known: {known})\n"


def test_builtin_profile_by_name_as_well_as_by_path():
    by_name = run_main("parse", "--profile", "vestnik", "vestnik.txt", cwd=SAMPLES)
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout == (SAMPLES / "vestnik.articles.jsonl").read_bytes()
    unknown = run_main("parse", "--profile", "nope", "vestnik.txt", cwd=SAMPLES)
    assert unknown.returncode == 2 and b"no built-in profile 'nope' (built in: timesca, vestnik)" in unknown.stderr


# More outputs: convert --records, parse --fields, --format csv.


@pytest.mark.parametrize("kind, command", [("pages", "pages"), ("audit", "audit"), ("ticker", "ticker")])
def test_convert_writes_other_record_kinds(newsdump, tmp_path, kind, command):
    names = [p.name for p in DUMPS]
    direct = run_main(command, *names, cwd=SAMPLES)
    out = tmp_path / f"{kind}.jsonl"
    converted = run(newsdump, "convert", "-j", "2", "--records", kind, *names, "-o", str(out), cwd=SAMPLES)
    assert converted.returncode == 0, converted.stderr
    assert out.read_bytes() == direct.stdout and direct.stdout
    assert f"{len(direct.stdout.splitlines())} {kind} records written".encode() in converted.stderr


def test_convert_dedup_goes_with_articles_only(tmp_path):
    out = run_main("convert", "--records", "pages", "--dedup", "listing.txt", "-o", "-", cwd=SAMPLES)
    assert out.returncode == 2 and out.stderr.startswith(b"newsdump: error: ")


def test_parse_fields():
    out = invoke("parse", "--fields", "id,title", str(SAMPLES / "listing.txt"))
    records = load_jsonl_text(out.stdout)
    full = load_jsonl_text((SAMPLES / "listing.articles.jsonl").read_text(encoding="utf-8"))
    assert records == [{"id": r["id"], "title": r["title"]} for r in full]
    assert [list(r) for r in records[:1]] == [["id", "title"]]  # in the order asked for
    bad = invoke("parse", "--fields", "title,headline", str(SAMPLES / "listing.txt"))
    assert bad.exit_code == 2 and "headline" in bad.output


def test_parse_csv_one_row_per_article_lists_joined():
    out = invoke("parse", "--format", "csv", *[str(p) for p in DUMPS])
    rows = list(csv.DictReader(io.StringIO(out.stdout, newline="")))
    full = [r for p in DUMPS for r in load_jsonl_text(p.with_suffix(".articles.jsonl").read_text(encoding="utf-8"))]
    assert len(rows) == len(full)
    for row, record in zip(rows, full):
        assert row["title"] == record["title"] and row["body"] == record["body"] and row["id"] == record["id"]
        assert row["captions"].split("\n") == (record["captions"] or [""])
        assert row["truncated"] == ("true" if record["truncated"] else "false")
        assert row["author"] == (record["author"] or "")
        results = record["results"] or {}
        assert row["results_first"] == str(results.get("first", "")) and "results" not in row
    some = invoke("parse", "--format", "csv", "--fields", "title,results", str(SAMPLES / "listing.txt"))
    assert some.stdout.splitlines()[0] == "title,results_first,results_last,results_total"
