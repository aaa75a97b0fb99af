"""--profile: the second site's sample, bad profiles rejected before any
input is read and the environment variable in this process
(tests.conftest.run_main); convert's workers in a real subprocess."""

import subprocess

import pytest

from tests.conftest import SAMPLES, run_main

PROFILE = str(SAMPLES / "vestnik.toml")


def run(cmd, *args, cwd=None, env=None, stdin=None):
    return subprocess.run([*cmd, *args], capture_output=True, cwd=cwd, env=env, input=stdin, timeout=120)


@pytest.mark.parametrize("command, golden", [("parse", "articles"), ("pages", "pages"), ("audit", "audit")])
def test_second_site_sample_with_its_profile(command, golden):
    out = run_main(command, "--profile", "vestnik.toml", "vestnik.txt", cwd=SAMPLES)
    assert out.returncode == 0 and out.stderr == b""
    assert out.stdout == (SAMPLES / f"vestnik.{golden}.jsonl").read_bytes()


def test_profile_from_the_environment():
    out = run_main("parse", "vestnik.txt", cwd=SAMPLES, env={"NEWSDUMP_PROFILE": PROFILE})
    assert out.stdout == (SAMPLES / "vestnik.articles.jsonl").read_bytes()


def test_builtin_profile_by_name():
    out = run_main("parse", "--profile", "timesca", "listing.txt", cwd=SAMPLES)
    assert out.stdout == (SAMPLES / "listing.articles.jsonl").read_bytes()


def test_bad_profile_is_a_usage_error_before_any_input_is_read(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[dates]\nmonths = [["января"]]\n[notes]\nopenings = ["(unclosed"]\n', encoding="utf-8")
    out = run_main("parse", "--profile", str(bad), "missing.txt")
    assert out.returncode == 2 and out.stdout == b""
    assert b"dates.months: expected a list of 12 entries" in out.stderr
    assert b"missing.txt" not in out.stderr and b"Traceback" not in out.stderr


def test_missing_profile_file():
    out = run_main("pages", "--profile", "nope.toml", stdin=b"")
    assert out.returncode == 2 and b"nope.toml" in out.stderr and b"Traceback" not in out.stderr


def test_convert_passes_the_profile_to_its_workers(newsdump, tmp_path):
    out = run(
        newsdump, "convert", "-p", PROFILE, "-j", "2", str(SAMPLES / "vestnik.txt"), "-o", str(tmp_path / "v.jsonl")
    )
    assert out.returncode == 0, out.stderr
    got = (tmp_path / "v.jsonl").read_bytes()
    want = (SAMPLES / "vestnik.articles.jsonl").read_bytes()
    assert got == want.replace(b'"source":"vestnik.txt"', f'"source":"{SAMPLES / "vestnik.txt"}"'.encode())
