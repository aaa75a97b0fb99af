"""Helpers to compare records as JSON values, numbers as numbers."""

import json
import math

import orjson


def as_json(record) -> dict:
    return json.loads(orjson.dumps(record))


def differing_fields(got: dict, want: dict) -> list[str]:
    return [k for k in want if not same(got.get(k), want[k])] + [k for k in got if k not in want]


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, abs_tol=1e-12)
    if isinstance(b, dict):
        return isinstance(a, dict) and a.keys() == b.keys() and all(same(a[k], v) for k, v in b.items())
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def load_jsonl(path) -> list[dict]:
    return load_jsonl_text(path.read_text(encoding="utf-8"))


def load_jsonl_text(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
