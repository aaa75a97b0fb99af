"""JSON Lines out: records as UTF-8 bytes straight to a binary stream."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

_OPTIONS = orjson.OPT_APPEND_NEWLINE


def jsonl(records: Iterable[Any]) -> bytes:
    """The records (dataclasses, dicts) as JSON Lines."""
    dumps = orjson.dumps
    return b"".join(dumps(r, option=_OPTIONS) for r in records)
