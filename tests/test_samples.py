"""Every samples/NAME.txt parses to samples/NAME.articles.jsonl and
NAME.pages.jsonl, field by field, and audits to NAME.audit.jsonl (regenerate with `make golden`, review the diff)."""

import pytest
from newsdump.auditing import audit_stream
from newsdump.parser import parse_stream
from newsdump.profile import TIMESCA, compile_rules, load_profile
from newsdump.text import split_lines

from tests.conftest import SAMPLES
from tests.records import as_json, differing_fields, load_jsonl

DUMPS = sorted(SAMPLES.glob("*.txt"))


def rules(dump):
    """NAME.toml beside NAME.txt is the profile of that sample."""
    profile = dump.with_suffix(".toml")
    return compile_rules(load_profile(profile.read_text(encoding="utf-8")) if profile.exists() else TIMESCA)


def parsed(dump):
    with dump.open(encoding="utf-8", newline="") as f:
        return list(parse_stream(f, dump.name, rules(dump)))


def test_there_are_samples():
    assert len(DUMPS) >= 6


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_articles(dump):
    got = [as_json(a) for page in parsed(dump) for a in page.articles]
    want = load_jsonl(dump.with_suffix(".articles.jsonl"))
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert differing_fields(g, w) == [], (w["line"], w["title"])


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_pages(dump):
    got = [as_json(page.record) for page in parsed(dump)]
    want = load_jsonl(dump.with_suffix(".pages.jsonl"))
    assert [differing_fields(g, w) for g, w in zip(got, want)] == [[]] * len(want)
    assert len(got) == len(want)


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_audit(dump):
    with dump.open(encoding="utf-8", newline="") as f:
        got = [as_json(span) for span in audit_stream(f, dump.name, rules(dump))]
    assert got == load_jsonl(dump.with_suffix(".audit.jsonl"))


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_reading_whole_text_or_stream_agrees(dump):
    text = dump.read_text(encoding="utf-8")
    pages = parse_stream(split_lines(text), dump.name, rules(dump))
    from_text = [as_json(a) for page in pages for a in page.articles]
    assert from_text == [as_json(a) for page in parsed(dump) for a in page.articles]
