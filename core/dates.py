"""The page date: a line holding only a date, returned as ISO ``YYYY-MM-DD``.

Accepted shapes: ``18 December 2025``, ``09 Dec 2025``, ``December 9, 2025``,
``2025-12-09``, ``9.12.2025`` / ``9/12/2025`` (day first), with an optional
weekday in front (``Thursday, 18 December 2025``), a label (``Updated:``)
and the time of day (``14:05``, ``2:05 pm``, ``T14:05:00Z``) around it.

>>> parse_date("18 December 2025")
'2025-12-18'
>>> parse_date("December 9, 2025")
'2025-12-09'
>>> parse_date("Viewing results 1 - 6 of 8") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import lru_cache

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?"
_MONTH = r"[^\W\d_]{3,12}\.?"  # any script; dateutil (with the profile's names) decides
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_BODY = (
    rf"{_DAY}\s+{_MONTH},?\s+\d{{4}}"  # 18 December 2025
    rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # December 9, 2025
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}"  # 2025-12-09, 2025/12/09
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"  # 9.12.2025
)
# What may stand around the date on its line: a label before it ("Updated:", "Published on"),
# the time of day after it ("14:05", ", 2:05 pm", "T14:05:00+05:00", "14:05 UTC").
_LABEL = re.compile(r"(?:last\s+)?(?:updated|published|posted|date)(?:\s+on)?\s*:?\s+", re.IGNORECASE)
_TIME = re.compile(
    r"(?:,?\s+(?:at\s+)?|T)(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:\s*[ap]\.?\s?m\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|(?-i:[A-Z]{3,4})))?$",
    re.IGNORECASE,
)
_DEFAULT = datetime(2000, 1, 1)
MAX_DATE_LEN = 60
# The commonest English shapes, read without dateutil (a fresh date costs it about 100 us):
# "18 December 2025" and "December 18, 2025", the month's English name in full.
_ENGLISH_MONTHS = dict(
    zip(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        range(1, 13),
    )
)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3,9}) ([1-9]\d{3})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9}) (\d{1,2}), ([1-9]\d{3})")


def _english(line: str) -> str | None:
    """The ISO date of ``18 December 2025`` or ``December 18, 2025`` (what
    dateutil reads them as), or None: anything else, or no such day, is
    left to the general reading."""
    if m := _DAY_MONTH_YEAR.fullmatch(line):
        day, name, year = m.groups()
    elif m := _MONTH_DAY_YEAR.fullmatch(line):
        name, day, year = m.groups()
    else:
        return None
    if (month := _ENGLISH_MONTHS.get(name.lower())) is None:
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _alternatives(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def date_parser(
    formats: Sequence[str] = (),
    dayfirst: bool = True,
    months: Sequence[Sequence[str]] = (),
    weekdays: Sequence[Sequence[str]] = (),
    skip_words: Sequence[str] = (),
) -> Callable[[str], str | None]:
    """A page-date reader: ``formats`` (``strptime``) are tried first, then
    the shapes above through python-dateutil, which also knows the extra
    ``months`` (12 lists of names, January first), ``weekdays`` (7 lists,
    Monday first) and ``skip_words`` (``г.`` in ``18 декабря 2025 г.``).
    Numeric dates are read day first unless ``dayfirst`` is False; a date
    that starts with the year is read year first."""
    info = None
    if months or weekdays or skip_words:
        from dateutil import parser as _dateparser  # only for what the fast reading leaves (6 ms to import)

        base = _dateparser.parserinfo
        extra = {
            "MONTHS": [(*old, *new) for old, new in zip(base.MONTHS, months)] if months else base.MONTHS,
            "WEEKDAYS": [(*old, *new) for old, new in zip(base.WEEKDAYS, weekdays)] if weekdays else base.WEEKDAYS,
            "JUMP": [*base.JUMP, *skip_words, *(w.rstrip(".") for w in skip_words)],
        }
        info = type("ProfileDates", (base,), extra)()
    weekday = _WEEKDAY
    if names := [n for names in weekdays for n in names]:
        weekday = rf"(?:{_WEEKDAY}|(?:{_alternatives(names)})\.?)"
    tail = rf"(?:\s+(?:{_alternatives(skip_words)}))?" if skip_words else ""
    shape = re.compile(rf"(?:{weekday},?\s+)?(?:{_BODY}){tail}", re.IGNORECASE)
    formats = tuple(formats)

    @lru_cache(maxsize=1024)  # a pure function; dumps repeat the same few dates
    def parse(line: str) -> str | None:
        """ISO date of a normalised line that holds only a date, else None."""
        if len(line) > MAX_DATE_LEN or not line[:1].isalnum():
            return None
        for fmt in formats:
            try:
                return datetime.strptime(line, fmt).date().isoformat()
            except ValueError:
                pass
        if (label := _LABEL.match(line)) is not None:
            line = line[label.end() :]
        if ":" in line or "." in line:  # every time of day has one
            line = _TIME.sub("", line, count=1)
        if info is None and (day := _english(line)) is not None:  # a profile's month names may add to these
            return day
        if shape.fullmatch(line) is None:
            return None
        from dateutil import parser as _dateparser

        try:
            year_first = line[:4].isdigit()
            value = _dateparser.parse(
                line, info, dayfirst=dayfirst and not year_first, yearfirst=year_first, default=_DEFAULT
            )
        except (ValueError, OverflowError):
            return None
        return date(value.year, value.month, value.day).isoformat()

    return parse


parse_date = date_parser()
