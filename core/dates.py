"""The page date: a line holding only a date, returned as ISO ``YYYY-MM-DD``.

Accepted shapes: ``18 December 2025``, ``09 Dec 2025``, ``December 9, 2025``,
``2025-12-09``, ``9.12.2025`` / ``9/12/2025`` (day first), with an optional
weekday in front (``Thursday, 18 December 2025``).

>>> parse_date("18 December 2025")
'2025-12-18'
>>> parse_date("December 9, 2025")
'2025-12-09'
>>> parse_date("Viewing results 1 - 6 of 8") is None
True
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from dateutil import parser as _dateparser

_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_SHAPE = re.compile(
    _WEEKDAY + r"(?:"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"  # 18 December 2025
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"  # December 9, 2025
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}"  # 2025-12-09, 2025/12/09
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"  # 9.12.2025
    r")",
    re.IGNORECASE,
)
_DEFAULT = datetime(2000, 1, 1)


@lru_cache(maxsize=1024)  # a pure function; dumps repeat the same few dates
def parse_date(line: str) -> str | None:
    """ISO date of a normalised line that holds only a date, else None."""
    if len(line) > 40 or not line[:1].isalnum() or _SHAPE.fullmatch(line) is None:
        return None
    try:
        year_first = line[:4].isdigit()
        value = _dateparser.parse(line, dayfirst=not year_first, yearfirst=year_first, default=_DEFAULT)
    except (ValueError, OverflowError):
        return None
    return date(value.year, value.month, value.day).isoformat()
