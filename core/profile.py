"""Site profiles: the patterns that belong to one site, not to the format.

A profile holds the result-line wording, the page-date formats and month
names, the image-credit words of captions, the openings of editorial notes
and of bylines, the read-more lines, the word limits of titles and
subheadings, and the site's boilerplate lines (see :mod:`newsdump.boilerplate`).
The built-in :data:`TIMESCA` is the default; a TOML profile overrides any of
its keys (the others keep their timesca values):

.. code-block:: toml

    name = "vestnik"
    [results]
    patterns = ['Показаны\\s+(?P<first>\\d+)\\s*[-–]\\s*(?P<last>\\d+)\\s+из\\s+(?P<total>\\d+)']
    [dates]
    months = [["января"], ["февраля"], ...]   # 12 lists of extra names, January first

:func:`load_profile` reads the TOML text and checks every key, type and
pattern, raising :class:`ProfileError` naming the key; :func:`compile_rules`
turns a profile into the functions the parser calls.

>>> load_profile("[results]\\npatterns = ['Page (?P<first>[0-9]+)-(?P<last>[0-9]+)']").results
('Page (?P<first>[0-9]+)-(?P<last>[0-9]+)',)
>>> load_profile('[dates]\\nmonts = []')
Traceback (most recent call last):
  ...
newsdump.profile.ProfileError: dates.monts: unknown key (known: dayfirst, formats, months, skip_words, weekdays)
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property, lru_cache, partial
from typing import Any

from newsdump.boilerplate import boilerplate_test
from newsdump.dates import date_parser, parse_date
from newsdump.lines import (
    BYLINE_OPENINGS,
    CREDIT_WORDS,
    KINDS,
    MAX_HEADING_WORDS,
    NOTE_OPENINGS,
    READ_MORE,
    Kind,
    LineKind,
    LineTest,
    LineTests,
    line_classifier,
    line_tests,
    profile_key,
    trailing_read_more,
)
from newsdump.patterns import PatternError, check_patterns
from newsdump.records import Results
from newsdump.results import PATTERNS, parse_results, results_parser


class ProfileError(ValueError):
    """A profile that cannot be used; the message starts with the key."""


@dataclass(frozen=True)
class Profile:
    """The site-specific patterns (all tuples: a profile is hashable)."""

    name: str = "timesca"
    results: tuple[str, ...] = PATTERNS
    date_formats: tuple[str, ...] = ()
    dayfirst: bool = True
    months: tuple[tuple[str, ...], ...] = ()
    weekdays: tuple[tuple[str, ...], ...] = ()
    skip_words: tuple[str, ...] = ()
    credit_words: tuple[str, ...] = CREDIT_WORDS
    note_openings: tuple[str, ...] = NOTE_OPENINGS
    boilerplate_lines: tuple[str, ...] = ()
    boilerplate_patterns: tuple[str, ...] = ()
    duplicates: bool = True
    bylines: tuple[str, ...] = BYLINE_OPENINGS
    read_more: tuple[str, ...] = READ_MORE
    subheading_max_words: int = 5
    title_max_words: int = MAX_HEADING_WORDS


TIMESCA = Profile()
BUILTIN = {"timesca": TIMESCA}
# The profiles shipped in the package (newsdump/profiles/NAME.toml), usable by name.
BUILTIN_NAMES = ("timesca", "vestnik")

# TOML key -> (Profile field, kind of value)
_KEYS: dict[str, dict[str, tuple[str, str]]] = {
    "": {"name": ("name", "str")},
    "results": {"patterns": ("results", "patterns")},
    "dates": {
        "formats": ("date_formats", "formats"),
        "dayfirst": ("dayfirst", "bool"),
        "months": ("months", "names12"),
        "weekdays": ("weekdays", "names7"),
        "skip_words": ("skip_words", "strs"),
    },
    "captions": {"credit_words": ("credit_words", "patterns")},
    "notes": {"openings": ("note_openings", "patterns")},
    "boilerplate": {
        "lines": ("boilerplate_lines", "strs"),
        "patterns": ("boilerplate_patterns", "patterns"),
        "duplicates": ("duplicates", "bool"),
    },
    "bylines": {"openings": ("bylines", "patterns")},
    "read_more": {"lines": ("read_more", "patterns")},
    "layout": {
        "subheading_max_words": ("subheading_max_words", "count"),
        "title_max_words": ("title_max_words", "count"),
    },
}


def _strs(key: str, value: Any, allow_empty: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ProfileError(f"{key}: expected a list of non-empty strings")
    if not value and not allow_empty:
        raise ProfileError(f"{key}: expected at least one")
    return tuple(value)


def _names(key: str, value: Any, count: int) -> tuple[tuple[str, ...], ...]:
    if value == []:
        return ()  # no extra names
    if not isinstance(value, list) or len(value) != count:
        raise ProfileError(f"{key}: expected a list of {count} entries (a name or a list of names each)")
    out = []
    for i, entry in enumerate(value):
        names = [entry] if isinstance(entry, str) else entry
        out.append(_strs(f"{key}[{i}]", names, allow_empty=False))
    return tuple(out)


def _patterns(key: str, value: Any) -> tuple[str, ...]:
    """Checked as :mod:`newsdump.patterns` says: they come from users."""
    patterns = _strs(
        key, value, allow_empty=key in ("notes.openings", "boilerplate.patterns", "bylines.openings", "read_more.lines")
    )
    try:
        check_patterns(key, patterns, joined=key != "results.patterns")  # the other keys' are joined into one
    except PatternError as err:
        raise ProfileError(str(err)) from None
    return patterns


# strptime directives for each part of a date; a format needs a year, a month and a day.
_DATE_PARTS = {"year": "Yy", "month": "mbBj", "day": "dj"}


def _formats(key: str, value: Any) -> tuple[str, ...]:
    """strptime formats that can give a whole date: a literal month name
    (``%d августа %Y``) would read every date as January."""
    formats = _strs(key, value)
    for i, fmt in enumerate(formats):
        directives = set(re.findall(r"%(.)", fmt.replace("%%", "")))
        try:
            datetime.strptime("", fmt)
        except ValueError as err:
            if "directive" in str(err) or "stray" in str(err):
                raise ProfileError(f"{key}[{i}]: bad format {fmt!r}: {err}") from None
        for part, letters in _DATE_PARTS.items():
            if not directives & set(letters):
                hint = " (give month names in dates.months, and %B in the format)" if part == "month" else ""
                raise ProfileError(f"{key}[{i}]: {fmt!r} has no {part} directive (%{', %'.join(letters)}){hint}")
    return formats


def _value(key: str, kind: str, value: Any) -> Any:
    if kind == "str":
        if not isinstance(value, str) or not value:
            raise ProfileError(f"{key}: expected a non-empty string")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ProfileError(f"{key}: expected true or false")
        return value
    if kind == "strs":
        return _strs(key, value)
    if kind == "formats":
        return _formats(key, value)
    if kind == "count":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_HEADING_WORDS:
            raise ProfileError(f"{key}: expected a whole number from 1 to {MAX_HEADING_WORDS}")
        return value
    if kind == "names12":
        return _names(key, value, 12)
    if kind == "names7":
        return _names(key, value, 7)
    return _patterns(key, value)


def load_profile(text: str, base: Profile = TIMESCA) -> Profile:
    """A profile from TOML text: ``base`` with the keys the text gives."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ProfileError(f"not valid TOML: {err}") from None
    changes: dict[str, Any] = {}
    for table, entries in data.items():
        if table in _KEYS and table != "":
            if not isinstance(entries, dict):
                raise ProfileError(f"{table}: expected a table ([{table}] and its keys below it)")
            items = [(f"{table}.{k}", _KEYS[table].get(k), v) for k, v in entries.items()]
            known = ", ".join(sorted(_KEYS[table]))
        elif table in _KEYS[""]:
            items = [(table, _KEYS[""][table], entries)]
            known = ""
        else:
            tables = ", ".join(f"[{t}]" for t in _KEYS if t)
            raise ProfileError(f"{table}: unknown key (known: name, {tables})")
        for key, spec, value in items:
            if spec is None:
                raise ProfileError(f"{key}: unknown key (known: {known})")
            changes[spec[0]] = _value(key, spec[1], value)
    profile = replace(base, **changes)
    if profile.subheading_max_words >= profile.title_max_words:
        raise ProfileError("layout.subheading_max_words: must be below layout.title_max_words")
    _build(profile)  # what compiles alone may still fail joined: build the tests once now
    return profile


def builtin_profile(name: str) -> Profile | None:
    """The built-in profile called ``name``, or None if there is none.

    >>> builtin_profile("vestnik").name, builtin_profile("nosuch")
    ('vestnik', None)
    """
    if name in BUILTIN:
        return BUILTIN[name]
    if name not in BUILTIN_NAMES:
        return None
    from importlib.resources import files

    return load_profile(files("newsdump").joinpath("profiles").joinpath(f"{name}.toml").read_text(encoding="utf-8"))


def _line_test(entry: LineKind, profile: Profile) -> tuple[Kind, LineTest]:
    return entry.kind, entry.build(profile)


def _build(profile: Profile) -> Rules:
    """The profile's tests, its own patterns bounded in time; raises
    :class:`ProfileError` naming the key whose patterns cannot be built."""
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("results.patterns", lambda: results_parser(profile.results, key="results.patterns")),
        ("dates", lambda: date_parser(*_date_settings(profile))),
        (
            "boilerplate.patterns",
            lambda: boilerplate_test(
                profile.boilerplate_lines, profile.boilerplate_patterns, key="boilerplate.patterns"
            ),
        ),
        ("read_more.lines", lambda: trailing_read_more(profile.read_more, profile_key(profile, "read_more"))),
    ]
    # one test per line kind (newsdump.lines.KINDS), named by the key its patterns come from
    steps += [(entry.key or entry.kind.name, partial(_line_test, entry, profile)) for entry in KINDS]
    import regex  # only for profiles: the built-in patterns use re

    built = []
    for key, build in steps:
        try:
            built.append(build())
        except (regex.error, re.error, RecursionError, OverflowError, ValueError) as err:
            raise ProfileError(f"{key}: {err}") from None
    results, dates, is_boilerplate, drop_read_more, *lines = built
    return Rules(profile, dates, results, tuple(lines), drop_read_more, is_boilerplate, profile.duplicates)


@dataclass(frozen=True, repr=False)
class Rules:
    """A profile compiled into the tests the parser calls."""

    profile: Profile
    date: Callable[[str], str | None]
    results: Callable[[str], Results | None]
    lines: LineTests  # one test per line kind, in the order of newsdump.lines.KINDS
    drop_read_more: Callable[[str], str]  # "teaser... Continue reading" -> "teaser..."
    is_boilerplate: Callable[[str], bool] | None = None  # newsdump.boilerplate
    duplicates: bool = True

    def __repr__(self) -> str:  # the compiled tests are not worth printing (help() shows defaults)
        return f"Rules(profile={self.profile.name!r})"

    def test(self, kind: Kind) -> LineTest:
        return self.lines[kind][1]

    @cached_property
    def classify(self) -> Callable[[str], tuple[Kind, str]]:
        """The kind of a (normalised) line and the text it keeps (:func:`newsdump.lines.line_classifier`)."""
        return line_classifier(self.lines)

    def is_caption(self, line: str) -> bool:
        return self.test(Kind.CAPTION)(line) is not None

    def is_note(self, line: str) -> bool:
        return self.test(Kind.NOTE)(line) is not None


def _date_settings(profile: Profile) -> tuple:
    """The profile's date keys, in the order :func:`newsdump.dates.date_parser` takes them."""
    return (profile.date_formats, profile.dayfirst, profile.months, profile.weekdays, profile.skip_words)


@lru_cache(maxsize=16)
def compile_rules(profile: Profile = TIMESCA) -> Rules:
    """The profile's tests; the timesca ones are the modules' own (built-in
    patterns, with cheap first-character tests). A profile's own patterns
    are bounded in time: a match that runs too long raises
    :class:`~newsdump.patterns.PatternTimeout` naming the key."""
    if profile == TIMESCA:  # nothing of a user's: no pattern to bound
        return Rules(TIMESCA, parse_date, parse_results, line_tests(TIMESCA), trailing_read_more())
    own = _build(profile)
    dates = _date_settings(profile)
    return Rules(
        profile,
        parse_date if dates == _date_settings(TIMESCA) else own.date,
        parse_results if profile.results == PATTERNS else own.results,
        own.lines,
        own.drop_read_more,
        own.is_boilerplate,
        profile.duplicates,
    )


DEFAULT_RULES = compile_rules(TIMESCA)
