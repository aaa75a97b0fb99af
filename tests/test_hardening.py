"""Bad and hostile input through the installed command: never a traceback,
the right exit code, and work that stays proportional to the input."""

import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, newsdump_command
from tests.records import load_jsonl_text

COMMANDS = ["parse", "pages", "ticker", "strip", "stats"]


def run(args, path=None, stdin=None):
    return subprocess.run(
        [*newsdump_command(), *args, *([str(path)] if path else [])], input=stdin, capture_output=True, timeout=120
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    files = {
        "blank": b"\n" * 1_000_000,
        "one_line": b"Kazakhstan " * 2_000_000,  # ~20 MB, no newline at all
        "near_ticker": ("\u2022 KGS/USD = 0.0 " * 200_000).encode() + b"\n",
        "bullets": ("\u2022" * 1_000_000).encode() + b"\n",
        "spaces": b" \xc2\xa0\t" * 500_000 + b"x\n",
        "brackets": b"[a b]" * 200_000 + b"\n",
        "glued": (SAMPLES / "listing.txt").read_bytes().rstrip(b"\n") * 200,
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    return d


@pytest.mark.parametrize("name", ["blank", "one_line", "near_ticker", "bullets", "spaces", "brackets"])
@pytest.mark.parametrize("command", COMMANDS)
def test_hostile_input_is_read_without_error(hostile, name, command):
    out = run([command], hostile / name)
    assert out.returncode == 0, out.stderr
    assert b"Traceback" not in out.stderr


def test_million_blank_lines_make_no_record(hostile):
    assert run(["parse"], hostile / "blank").stdout == b""
    assert run(["pages"], hostile / "blank").stdout == b""


def test_twenty_megabyte_line_is_not_invented_into_an_article(hostile):
    assert run(["parse"], hostile / "one_line").stdout == b""
    (page,) = load_jsonl_text(run(["pages"], hostile / "one_line").stdout.decode())
    assert page["articles"] == 0
    message = "1 line(s) before the first title not assigned to an article"
    assert {"code": "unassigned-lines", "message": message, "line": 1} in page["warnings"]


def test_near_ticker_line_is_text_not_a_ticker(hostile):
    pages = load_jsonl_text(run(["pages"], hostile / "near_ticker").stdout.decode())
    assert len(pages) == 1 and pages[0]["ticker"] == []


def test_files_glued_two_hundred_times(hostile):
    pages = load_jsonl_text(run(["pages"], hostile / "glued").stdout.decode())
    assert len(pages) == 200 and all(p["articles"] == 6 for p in pages)


def test_strip_of_a_file_without_newline_is_byte_exact(hostile):
    assert run(["strip"], hostile / "one_line").stdout == (hostile / "one_line").read_bytes()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), command=st.sampled_from(COMMANDS))
def test_random_bytes_on_stdin(data, command):
    out = run([command], stdin=data)
    assert out.returncode in (0, 1), out.stderr
    assert b"Traceback" not in out.stderr
    if command in ("parse", "pages", "ticker", "stats"):
        load_jsonl_text(out.stdout.decode())  # every line is JSON
