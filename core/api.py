"""The library's public functions: what ``import newsdump`` offers.

Each takes a *source*: a path (``str`` or ``os.PathLike``; ``"-"`` is
standard input) or an open binary file. It is read and decoded the way the
command line reads it (byte-order marks, UTF-16, NUL bytes, undecodable
bytes), streamed page by page, and parsed with a *profile*: None for the
built-in one, a :class:`~newsdump.profile.Profile`, a built-in profile's
name, a path to a TOML file, or TOML text. A string held in memory goes to
:func:`parse_text`.

>>> import newsdump
>>> text = "• A/USD = 1 0%\\n18 December 2025\\n\\nRain Returns\\n\\nThe rain came back...\\n"
>>> [article] = newsdump.parse_text(text)
>>> article.title, article.page_date, article.truncated
('Rain Returns', '2025-12-18', True)
>>> article.to_dict()["body"]
'The rain came back'
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import BinaryIO, Union

from newsdump.auditing import audit_stream
from newsdump.learn import MIN_SHARE, Learned, Learner
from newsdump.parser import parse_stream
from newsdump.profile import TIMESCA, Profile, ProfileError, Rules, builtin_profile, compile_rules
from newsdump.profile import load_profile as _profile_from_toml
from newsdump.reader import Reader
from newsdump.records import Article, AuditSpan, PageRecord, ParsedPage
from newsdump.text import split_lines

Source = Union[str, "os.PathLike[str]", BinaryIO]
ProfileLike = Union[Profile, str, "os.PathLike[str]", None]


class DecodingWarning(UserWarning):
    """An input was not valid in its encoding: some bytes were replaced."""


def _warn(message: str) -> None:
    warnings.warn(message, DecodingWarning, stacklevel=4)


def load_profile(profile: ProfileLike) -> Profile:
    """A site profile from a built-in name (``"timesca"``, ``"vestnik"``), a
    path to a TOML file, or TOML text; a Profile is returned as it is and
    None is the built-in default. Raises :class:`ProfileError`, whose
    message starts with the key at fault.

    >>> load_profile("vestnik").name
    'vestnik'
    >>> load_profile('[notes]\\nopenings = ["Note:"]').note_openings
    ('Note:',)
    """
    if profile is None:
        return TIMESCA
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str):
        if (shipped := builtin_profile(profile)) is not None:
            return shipped
        if not os.path.exists(profile) and ("\n" in profile or "=" in profile):
            return _profile_from_toml(profile)  # TOML text, not a path
    path = os.fspath(profile)
    try:
        with open(path, encoding="utf-8") as f:
            return _profile_from_toml(f.read())
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise ProfileError(f"{path}: {reason}") from None


def _rules(profile: ProfileLike) -> Rules:
    return compile_rules(load_profile(profile))


def _lines(source: Source, encoding: str | None, on_warning: Callable[[str], None] | None) -> tuple[str, Iterable[str]]:
    """The source's name (as records carry it) and its lines, read lazily."""
    reader = Reader(source, encoding, on_warning or _warn)
    return reader.source, chain.from_iterable(reader.batches())


def read_pages(
    source: Source,
    *,
    profile: ProfileLike = None,
    encoding: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[ParsedPage]:
    """Parsed pages (each a page record with its article records), one at a
    time. ``encoding`` overrides detection; ``on_warning`` receives decoding
    warnings (by default they are issued as :class:`DecodingWarning`). An
    input that cannot be read raises :class:`~newsdump.reader.InputError`."""
    rules = _rules(profile)
    name, lines = _lines(source, encoding, on_warning)
    return parse_stream(lines, name, rules)


def parse(
    source: Source,
    *,
    profile: ProfileLike = None,
    encoding: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Article]:
    """Article records, as ``newsdump parse`` prints them (call
    ``.to_dict()`` on one for the printed object)."""
    for page in read_pages(source, profile=profile, encoding=encoding, on_warning=on_warning):
        yield from page.articles


def pages(
    source: Source,
    *,
    profile: ProfileLike = None,
    encoding: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[PageRecord]:
    """Page records, as ``newsdump pages`` prints them."""
    for page in read_pages(source, profile=profile, encoding=encoding, on_warning=on_warning):
        yield page.record


def audit(
    source: Source,
    *,
    profile: ProfileLike = None,
    encoding: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[AuditSpan]:
    """Audit spans, as ``newsdump audit`` prints them: every piece of the
    input that is in no article, and why."""
    rules = _rules(profile)
    name, lines = _lines(source, encoding, on_warning)
    return audit_stream(lines, name, rules)


def learn_profile(
    sources: Iterable[Source],
    *,
    min_share: float = MIN_SHARE,
    profile: ProfileLike = None,
    encoding: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Learned:
    """What ``newsdump learn`` finds in one site's dumps: ``.toml()`` is the
    profile file, ``.profile()`` the Profile to parse with."""
    learner = Learner(min_share, load_profile(profile))
    for source in sources:
        learner.add_lines(_lines(source, encoding, on_warning)[1])
    return learner.result()


def parse_text(text: str, *, profile: ProfileLike = None, source: str = "-") -> list[Article]:
    """The article records of a dump held in a string."""
    rules = _rules(profile)
    return [a for page in parse_stream(split_lines(text), source, rules) for a in page.articles]
