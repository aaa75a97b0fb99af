"""The result counts: ``Viewing results 7 - 12 of 1066``.

The total may be missing (``Viewing results 1 - 6 of``) and is then None;
a last number above the total is kept as printed (the page parser warns).
A number too large for a 64-bit integer makes the line text, not counts.

>>> parse_results("Viewing results 7 - 12 of 1066")
Results(first=7, last=12, total=1066)
>>> parse_results("Viewing results 1 - 6 of")
Results(first=1, last=6, total=None)
>>> parse_results("Viewing result 1 - 2 of 1 066.")
Results(first=1, last=2, total=1066)
>>> parse_results("Viewing the results of the vote") is None
True
>>> parse_results("Viewing results 1 - 18446744073709551616 of") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from newsdump.patterns import compile_pattern
from newsdump.records import Results

_NUM = r"\d{1,3}(?:[, ]\d{3})+|\d+"  # 1066, 1,066 or 1 066 (a no-break or thin space is a space here)
_WHAT = r"(?:results?|articles?|items?|posts?|entries|entry)"
# The timesca wording; a profile may give others (named groups first, last and optionally total).
PATTERNS = (
    rf"(?:Viewing|Showing|Displaying)\s+{_WHAT}?\s*"
    rf"(?P<first>{_NUM})\s*(?:-|–|—|to)\s*(?P<last>{_NUM})"
    rf"(?:\s+of(?:\s+(?P<total>{_NUM}))?)?(?:\s+{_WHAT})?[.:]?",
)
MAX_RESULTS_LEN = 80
_GROUPING = " ,.'’\u00a0\u202f\u2009"  # thousands separators seen in counts: 1,066 / 1 066


def _is_number(text: str | None) -> bool:
    """Digits, perhaps grouped: what a profile's ``first``, ``last`` or ``total`` must hold."""
    if not text:
        return False
    if text.isdecimal():  # the common case, at C speed
        return True
    return any(c.isdecimal() for c in text) and all(c.isdecimal() or c in _GROUPING for c in text)


MAX_COUNT = 2**63 - 1  # the largest integer JSON readers and SQLite all take


def _int(text: str) -> int:
    return int(text if text.isdecimal() else "".join(c for c in text if c.isdecimal()))


def results_parser(
    patterns: Sequence[str] = PATTERNS, initials: frozenset[str] | None = None, key: str | None = None
) -> Callable[[str], Results | None]:
    """A result-line reader for these patterns (tried in order, whole line,
    case-insensitive); ``initials``, when given, are the only characters a
    result line can start with (a cheap test before the patterns); ``key``,
    the profile key they come from (their matches are then bounded in time).
    A match whose numbers are not digits is no match. Raises an error of
    the pattern compiler for a bad pattern and ValueError for one without
    the groups ``first`` and ``last``."""
    compiled = [compile_pattern(p, re.IGNORECASE, key) for p in patterns]
    for c in compiled:
        if not {"first", "last"} <= set(c.groupindex):
            raise ValueError("needs the named groups (?P<first>...) and (?P<last>...)")

    def parse(line: str) -> Results | None:
        """Result counts of a normalised line that is a result line, else None."""
        if len(line) > MAX_RESULTS_LEN or (initials is not None and line[:1] not in initials):
            return None
        return counts_of(line)

    @lru_cache(maxsize=1024)  # a pure function; a crawl repeats the same result lines
    def counts_of(line: str) -> Results | None:
        for c in compiled:
            if (m := c.fullmatch(line)) is not None:
                groups = m.groupdict()
                first, last, total = groups["first"], groups["last"], groups.get("total")
                if not _is_number(first) or not _is_number(last):
                    continue  # a profile's groups matched something else than a number
                counts = Results(_int(first), _int(last), _int(total) if _is_number(total) else None)
                if max(counts.first, counts.last, counts.total or 0) > MAX_COUNT:
                    return None  # no JSON reader or SQLite takes it: the line is text
                return counts
        return None

    return parse


parse_results = results_parser(PATTERNS, initials=frozenset("VSDvsd"))
