"""The published JSON Schemas: valid, printed by `newsdump schema`, and
every record the commands print for samples/ conforms to them."""

import json

import pytest

from tests.conftest import SAMPLES, run_main
from tests.conftest import schema_validator as validator
from tests.records import load_jsonl_text

KINDS = {"article": "parse", "page": "pages", "quote": "ticker", "audit": "audit"}
DUMPS = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_packaged_schema(kind):
    out = run_main("schema", kind)
    assert out.returncode == 0
    assert json.loads(out.stdout) == validator(kind).schema


@pytest.mark.parametrize("kind, command", KINDS.items())
def test_every_sample_record_conforms(kind, command):
    check = validator(kind)
    out = run_main(command, *map(str, DUMPS))
    assert out.returncode == 0
    records = load_jsonl_text(out.stdout.decode())
    assert records
    for record in records:
        check.validate(record)


@pytest.mark.parametrize("kind, command", KINDS.items())
def test_a_record_missing_a_field_or_with_an_extra_one_fails(kind, command):
    check = validator(kind)
    out = run_main(command, str(SAMPLES / "listing.txt"))
    assert out.returncode == 0
    record = load_jsonl_text(out.stdout.decode())[0]
    assert not check.is_valid({k: v for k, v in record.items() if k != "page"})
    assert not check.is_valid(record | {"extra": 1})
    assert not check.is_valid(record | {"page": 0})


# Generated dumps: tests/test_properties.py::test_generated_dumps validates their records
# (one draw of a dump, three checks).


def test_page_warning_codes_in_the_schema_are_the_library_codes():
    from newsdump.records import WARNING_CODES

    items = validator("page").schema["properties"]["warnings"]["items"]
    assert items["properties"]["code"]["enum"] == list(WARNING_CODES)
