"""The published JSON Schemas: valid, printed by `newsdump schema`, and
every record the commands print for samples/ conforms to them."""

import json
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from newsdump.parser import parse_text

from tests.conftest import ROOT, SAMPLES
from tests.dumpgen import dumps
from tests.records import as_json, load_jsonl_text

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency: `make test` installs it")
KINDS = {"article": "parse", "page": "pages", "quote": "ticker", "audit": "audit"}
DUMPS = sorted(SAMPLES.glob("*.txt"))


def validator(kind):
    schema = json.loads((ROOT / "core" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_packaged_schema(newsdump, kind):
    out = subprocess.run([*newsdump, "schema", kind], capture_output=True, check=True)
    assert json.loads(out.stdout) == validator(kind).schema


@pytest.mark.parametrize("kind, command", KINDS.items())
def test_every_sample_record_conforms(newsdump, kind, command):
    check = validator(kind)
    out = subprocess.run([*newsdump, command, *map(str, DUMPS)], capture_output=True, check=True)
    records = load_jsonl_text(out.stdout.decode())
    assert records
    for record in records:
        check.validate(record)


@pytest.mark.parametrize("kind, command", KINDS.items())
def test_a_record_missing_a_field_or_with_an_extra_one_fails(newsdump, kind, command):
    check = validator(kind)
    out = subprocess.run([*newsdump, command, str(SAMPLES / "listing.txt")], capture_output=True, check=True)
    record = load_jsonl_text(out.stdout.decode())[0]
    assert not check.is_valid({k: v for k, v in record.items() if k != "page"})
    assert not check.is_valid(record | {"extra": 1})
    assert not check.is_valid(record | {"page": 0})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps())
def test_generated_dumps_conform(case):
    articles, pages = validator("article"), validator("page")
    for page in parse_text(case[0], "gen.txt"):
        pages.validate(as_json(page.record))
        for article in page.articles:
            articles.validate(as_json(article))


def test_page_warning_codes_in_the_schema_are_the_library_codes():
    from newsdump.records import WARNING_CODES

    items = validator("page").schema["properties"]["warnings"]["items"]
    assert items["properties"]["code"]["enum"] == list(WARNING_CODES)
