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
from collections.abc import Callable, Sequence

from newsdump.records import Results

_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
# The timesca wording; a profile may give others (named groups first, last and optionally total).
PATTERNS = (
    r"(?:Viewing|Showing|Displaying)\s+(?:results|articles|items|posts|entries)?\s*"
    rf"(?P<first>{_NUM})\s*(?:-|–|—|to)\s*(?P<last>{_NUM})"
    rf"(?:\s+of(?:\s+(?P<total>{_NUM}))?)?(?:\s+(?:results|articles|items|posts|entries))?",
)
MAX_RESULTS_LEN = 80


def _int(text: str) -> int:
    return int("".join(c for c in text if c.isdigit()))


def results_parser(
    patterns: Sequence[str] = PATTERNS, initials: frozenset[str] | None = None
) -> Callable[[str], Results | None]:
    """A result-line reader for these patterns (tried in order, whole line,
    case-insensitive); ``initials``, when given, are the only characters a
    result line can start with (a cheap test before the patterns). Raises
    ``re.error`` for a bad pattern and ValueError for one without the groups
    ``first`` and ``last``."""
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    for c in compiled:
        if not {"first", "last"} <= set(c.groupindex):
            raise ValueError("needs the named groups (?P<first>...) and (?P<last>...)")

    def parse(line: str) -> Results | None:
        """Result counts of a normalised line that is a result line, else None."""
        if len(line) > MAX_RESULTS_LEN or (initials is not None and line[:1] not in initials):
            return None
        for c in compiled:
            if (m := c.fullmatch(line)) is not None:
                groups = m.groupdict()
                total = groups.get("total")
                return Results(_int(groups["first"]), _int(groups["last"]), _int(total) if total else None)
        return None

    return parse


parse_results = results_parser(PATTERNS, initials=frozenset("VSDvsd"))
