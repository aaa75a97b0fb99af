"""The result counts: ``Viewing results 7 - 12 of 1066``.

The total may be missing (``Viewing results 1 - 6 of``) and is then None;
a last number above the total is kept as printed (the page parser warns).

>>> parse_results("Viewing results 7 - 12 of 1066")
Results(first=7, last=12, total=1066)
>>> parse_results("Viewing results 1 - 6 of")
Results(first=1, last=6, total=None)
>>> parse_results("Viewing the results of the vote") is None
True
"""

from __future__ import annotations

import re

from core.records import Results

_INITIALS = frozenset("VSDvsd")  # Viewing, Showing, Displaying: a cheap test before the pattern
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)"
_RESULTS = re.compile(
    r"(?:Viewing|Showing|Displaying)\s+(?:results|articles|items|posts|entries)?\s*"
    + _NUM
    + r"\s*(?:-|–|—|to)\s*"
    + _NUM
    + r"(?:\s+of(?:\s+"
    + _NUM
    + r")?)?"
    + r"(?:\s+(?:results|articles|items|posts|entries))?",
    re.IGNORECASE,
)


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def parse_results(line: str) -> Results | None:
    """Result counts of a normalised line that is a result line, else None."""
    if len(line) > 80 or line[:1] not in _INITIALS or (m := _RESULTS.fullmatch(line)) is None:
        return None
    first, last, total = m.groups()
    return Results(_int(first), _int(last), _int(total) if total else None)
