"""Patterns from profiles: they come from users, so no match may hang.

A built-in pattern is compiled by :mod:`re`. A profile's pattern is compiled
by the ``regex`` package, and every match is bounded by :data:`TIMEOUT`:
a pattern that backtracks catastrophically (``(a+)+$``, ``(x+x+)+y``) stops
the run with :class:`PatternTimeout` naming the profile key, instead of
hanging it. :func:`check_patterns` rejects at load time what can be rejected.

>>> note = compile_pattern("(?:Editor's note)", re.IGNORECASE, key="notes.openings")
>>> note.match("EDITOR'S NOTE: fixed") is not None
True
>>> check_patterns("notes.openings", ["Foo", "(?i)bar"])
Traceback (most recent call last):
  ...
newsdump.patterns.PatternError: notes.openings[1]: global flags such as (?i) are not allowed (all patterns match \
case-insensitively; for others use the scoped form (?s:...))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# Seconds one match of a profile's pattern may take (a line is at most a few hundred characters).
TIMEOUT = 0.5
_GLOBAL_FLAGS = re.compile(r"(?<!\\)\(\?[aiLmsux]+\)")
_GROUP_NAME = re.compile(r"(?<!\\)\(\?P?<([^\W\d]\w*)>")


class PatternError(ValueError):
    """A profile pattern that cannot be used; the message starts with the key."""


class PatternTimeout(Exception):
    """A profile pattern took too long on a line (catastrophic backtracking)."""


class Guarded:
    """A compiled profile pattern whose matches raise :class:`PatternTimeout`
    after :data:`TIMEOUT` seconds (same methods as a compiled ``re`` pattern)."""

    __slots__ = ("compiled", "key", "groupindex")

    def __init__(self, pattern: str, flags: int, key: str) -> None:
        import regex  # imported for profiles only: the built-in patterns use re

        self.compiled = regex.compile(pattern, flags)
        self.key = key
        self.groupindex = self.compiled.groupindex

    def _run(self, method: str, string: str, pos: int, endpos: int | None) -> Any:
        try:
            return getattr(self.compiled, method)(string, pos, endpos, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(
                f"{self.key}: a pattern took more than {TIMEOUT} s on one line "
                f"(it backtracks without end, e.g. a nested repeat like (a+)+): {string[:60]!r}"
            ) from None

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._run("match", string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._run("fullmatch", string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._run("search", string, pos, endpos)


def compile_pattern(pattern: str, flags: int = 0, key: str | None = None) -> Any:
    """``re.compile`` for a built-in pattern (``key`` None); a :class:`Guarded`
    ``regex`` pattern for a profile's, named by its key."""
    if key is None:
        return re.compile(pattern, flags)
    return Guarded(pattern, flags, key)


def check_patterns(key: str, patterns: Sequence[str], joined: bool = True) -> None:
    """Reject at load what would fail or mislead later: a pattern that does not
    compile (syntax, too deep, a repeat count too large), global inline flags
    (the patterns of a key are joined into one), a group name used twice
    (across the key's patterns when they are ``joined``). Raises :class:`PatternError`."""
    import regex

    names: dict[str, int] = {}
    for i, p in enumerate(patterns):
        where = f"{key}[{i}]"
        if _GLOBAL_FLAGS.search(p):
            raise PatternError(
                f"{where}: global flags such as (?i) are not allowed (all patterns match case-insensitively; "
                "for others use the scoped form (?s:...))"
            )
        try:
            regex.compile(p, regex.IGNORECASE)
        except (regex.error, RecursionError, OverflowError, MemoryError, ValueError) as err:
            reason = "nested too deeply" if isinstance(err, RecursionError) else str(err) or type(err).__name__
            raise PatternError(f"{where}: bad pattern {p[:60]!r}: {reason}") from None
        if not joined:
            names = {}
        for name in _GROUP_NAME.findall(p):
            if name in names:
                raise PatternError(f"{where}: the group name {name!r} is used twice")
            names[name] = i
