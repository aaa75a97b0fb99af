"""newsdump: raw text dumps of news sites in, clean records out.

The public API (see the README, "Use from Python")::

    import newsdump
    for article in newsdump.parse("dump.txt"):
        print(article.title, article.to_dict()["id"])

``parse``, ``pages``, ``audit`` and ``read_pages`` take a path or an open
binary file; ``parse_text`` takes a string; ``load_profile`` takes a built-in
profile's name, a TOML file or TOML text. Records are frozen dataclasses;
``.to_dict()`` gives the object the command line prints.

The text-to-records modules (``text``, ``ticker``, ``dates``, ``results``,
``header``, ``pages``, ``shortcodes``, ``lines``, ``articles``, ``parser``,
``audit``, ``strip``, ``stats``) are pure: text in, values out. Input and
output live in modules of their own: ``reader`` (bytes of a file or stream to
lines), ``jsonl`` (records to bytes) and ``batch`` (many files to JSON
Lines). Nothing in the package prints or exits; the command line is
:mod:`newsdump.cli`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module: loaded on first use, so that `newsdump --version` stays fast.
_EXPORTS = {
    "parse": "newsdump.api",
    "pages": "newsdump.api",
    "audit": "newsdump.api",
    "read_pages": "newsdump.api",
    "parse_text": "newsdump.api",
    "load_profile": "newsdump.api",
    "learn_profile": "newsdump.api",
    "Learned": "newsdump.learn",
    "DecodingWarning": "newsdump.api",
    "Article": "newsdump.records",
    "PageRecord": "newsdump.records",
    "PageWarning": "newsdump.records",
    "ParsedPage": "newsdump.records",
    "AuditSpan": "newsdump.records",
    "Results": "newsdump.records",
    "Quote": "newsdump.records",
    "Profile": "newsdump.profile",
    "ProfileError": "newsdump.profile",
    "InputError": "newsdump.reader",
}
__all__ = [
    "__version__",
    "parse",
    "pages",
    "audit",
    "read_pages",
    "parse_text",
    "load_profile",
    "learn_profile",
    "Learned",
    "DecodingWarning",
    "Article",
    "PageRecord",
    "PageWarning",
    "ParsedPage",
    "AuditSpan",
    "Results",
    "Quote",
    "Profile",
    "ProfileError",
    "InputError",
]

if TYPE_CHECKING:
    from newsdump.api import (
        DecodingWarning,
        audit,
        learn_profile,
        load_profile,
        pages,
        parse,
        parse_text,
        read_pages,
    )
    from newsdump.learn import Learned
    from newsdump.profile import Profile, ProfileError
    from newsdump.reader import InputError
    from newsdump.records import Article, AuditSpan, PageRecord, PageWarning, ParsedPage, Quote, Results


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsdump' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
