"""Patterns from --profile files come from users: rejected at load where they
can be, bounded in time where they cannot, never a hang or a traceback."""

import os
import subprocess

import pytest
from newsdump.cli.main import build_app
from newsdump.patterns import TIMEOUT, PatternTimeout
from newsdump.profile import ProfileError, compile_rules, load_profile
from typer.testing import CliRunner

DUMP = "• A/USD = 1 0%\nTitle\n\n" + "a" * 40 + "b\n\n1" + "a" * 40 + "c\n\nText; " + "x" * 60 + "\n"


def _toml(table: str, key: str, values: list[str]) -> str:
    quoted = ", ".join("'" + v + "'" for v in values)
    return f"[{table}]\n{key} = [{quoted}]\n"


@pytest.mark.parametrize(
    "table, key, values, message",
    [
        ("notes", "openings", ["Foo", "(?i)bar"], "notes.openings[1]: global flags"),
        ("notes", "openings", ["(?P<x>Foo)", "(?P<x>Bar)"], "notes.openings[1]: the group name 'x' is used twice"),
        ("captions", "credit_words", ["(?P<w>a)|(?P<w>b)"], "captions.credit_words[0]: the group name 'w'"),
        ("notes", "openings", ["(" * 5000 + "a" + ")" * 5000], "notes.openings[0]: bad pattern"),
        ("notes", "openings", ["a{4294967296}"], "notes.openings[0]: bad pattern"),
        ("results", "patterns", ["(?P<first>\\d+)-(?P<last>\\d+){99999999999}"], "results.patterns[0]: bad pattern"),
        ("dates", "formats", ["%d августа %Y"], "dates.formats[0]: '%d августа %Y' has no month directive"),
        ("dates", "formats", ["%d %B %Q"], "dates.formats[0]: bad format"),
        ("boilerplate", "patterns", ["Menu", "(?i)share"], "boilerplate.patterns[1]: global flags"),
    ],
)
def test_bad_patterns_are_rejected_at_load_naming_the_key(table, key, values, message):
    with pytest.raises(ProfileError) as err:
        load_profile(_toml(table, key, values))
    assert str(err.value).startswith(message)


def test_a_rejected_profile_is_a_usage_error_on_the_command_line(tmp_path):
    profile = tmp_path / "bad.toml"
    profile.write_text(_toml("notes", "openings", ["(" * 5000 + "a" + ")" * 5000]), encoding="utf-8")
    dump = tmp_path / "d.txt"
    dump.write_text(DUMP, encoding="utf-8")
    out = CliRunner().invoke(build_app(), ["parse", "--profile", str(profile), str(dump)])
    assert out.exit_code == 2 and "notes.openings[0]" in out.stderr and out.exception.__class__ is SystemExit


def test_results_groups_that_are_not_numbers_are_no_match():
    rules = compile_rules(load_profile(_toml("results", "patterns", ["(?P<first>\\S+) - (?P<last>\\S+)"])))
    assert rules.results("x - y") is None
    assert rules.results("3 - 9") is not None and rules.results("3 - 9").last == 9


def test_grouped_totals_still_read():
    text = _toml("results", "patterns", ["Shown (?P<first>\\d+)-(?P<last>\\d+) of (?P<total>[\\d ]+)"])
    assert compile_rules(load_profile(text)).results("Shown 7-10 of 1 066").total == 1066


def test_a_month_name_format_that_works():
    rules = compile_rules(load_profile("[dates]\nformats = ['%d %B %Y']\n"))
    assert rules.date("28 August 2023") == "2023-08-28"


@pytest.mark.parametrize(
    "table, key, test", [("notes", "openings", "is_note"), ("boilerplate", "patterns", "is_boilerplate")]
)
def test_a_pattern_that_backtracks_without_end_times_out_naming_its_key(table, key, test):
    rules = compile_rules(load_profile(_toml(table, key, ["(a|aa)+$"])))
    with pytest.raises(PatternTimeout, match=f"^{table}.{key}: a pattern took more than"):
        getattr(rules, test)("a" * 40 + "b")


ISSUE_PATTERNS = [  # the issue's three, which hang the standard re module
    ("notes", "openings", "(a+)+$"),
    ("results", "patterns", "(?P<first>\\d)(?P<last>(a+)+)b"),
    ("captions", "credit_words", "(x+x+)+y"),
    # and ones that the regex package cannot finish either
    ("notes", "openings", "(a|aa)+$"),
    ("boilerplate", "patterns", "(a|aa)+b"),
    ("captions", "credit_words", "(.*?,){15}X"),
]


@pytest.mark.parametrize("table, key, pattern", ISSUE_PATTERNS)
def test_no_profile_hangs_the_command(newsdump, tmp_path, table, key, pattern):
    """A real process (exit codes matter): it ends quickly, with exit 0 or the
    documented exit 2 naming the key, and never a traceback."""
    profile = tmp_path / "p.toml"
    profile.write_text(_toml(table, key, [pattern]), encoding="utf-8")
    dump = tmp_path / "d.txt"
    dump.write_text(DUMP + "Caption, " + "a," * 30 + "\n", encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = subprocess.run(
        [*newsdump, "audit", "--profile", str(profile), str(dump)], capture_output=True, timeout=60, env=env
    )
    assert b"Traceback" not in out.stderr
    assert out.returncode in (0, 2), out.stderr
    if out.returncode == 2:
        assert f"--profile: {table}.{key}: a pattern took more than {TIMEOUT} s".encode() in out.stderr


def test_timeout_exception_survives_a_worker_process():
    """convert runs profiles in worker processes: the error must pickle."""
    import pickle

    err = pickle.loads(pickle.dumps(PatternTimeout("notes.openings: slow")))
    assert isinstance(err, PatternTimeout) and str(err) == "notes.openings: slow"
