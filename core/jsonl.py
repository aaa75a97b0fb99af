"""JSON Lines out: records as UTF-8 bytes straight to a binary stream."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

_OPTIONS = orjson.OPT_APPEND_NEWLINE


def jsonl(records: Iterable[Any]) -> bytes:
    """The records (dataclasses, dicts) as JSON Lines.

    Each record's bytes are copied out at once and let go: orjson's output
    objects keep a much larger allocation than their length, so holding one
    per record (a ``join`` over a page of 40,000 articles) took 270 MB for
    15 MB of JSON."""
    dumps = orjson.dumps
    out = bytearray()
    for record in records:
        out += dumps(record, option=_OPTIONS)
    return bytes(out)
