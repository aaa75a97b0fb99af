"""What one line of article text is, judged on the line alone.

Every kind of line is one entry of :data:`KINDS`, tried in order; the first
whose test accepts the line gives its kind:

========== ================================================ ==============
kind       the line                                          audit reason
========== ================================================ ==============
SHORTCODE  held only shortcodes without text                 ``shortcode``
CONTINUE   a read-more line (``Continue reading``)           ``continue``
BYLINE     ``• Written by Name`` (the name is kept)          ``byline``
NOTE       an editorial note (``Editor's note: ...``)        kept (notes)
CAPTION    a photo caption (ends ``...; image: TCA``)        kept (captions)
HEADING    short, no sentence-final punctuation              kept
PARAGRAPH  anything else                                     kept
========== ================================================ ==============

Each entry builds its test from the site profile once (bylines, read-more
lines, note openings, credit words are profile keys) and says which first
characters a line of that kind can start with, a cheap test before the
pattern. A new kind is one entry here plus, if its lines are removed, its
audit reason. Whether a heading is a title or a subheading is decided by
:mod:`newsdump.articles` from the page's structure.

Headings are recognised in any script (``regex`` Unicode classes: an
upper-case letter is ``\\p{Lu}``, a closing quote ``\\p{Pf}``).

>>> byline("• Written by Jane Doe")
'Jane Doe'
>>> is_caption("Ministers meet in Astana on August 25, 2025; image Japan MOFA")
True
>>> is_heading("Strategic Engagement"), is_heading("He left the room."), is_heading("Новые котельные")
(True, False, True)
>>> is_heading("Kazakhstan Signs Deal With the U.S."), is_heading("Соглашение подписали в С.Ш.А.")
(True, True)
>>> cut_tail("Rivers run dry... Continue reading")
('Rivers run dry', 'Continue reading', '...')
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

import regex
from newsdump.patterns import compile_pattern
from newsdump.ticker import BULLETS

if TYPE_CHECKING:
    from newsdump.profile import Profile


class Kind(IntEnum):
    """The kinds of text line, in the order they are tried."""

    SHORTCODE = 0
    CONTINUE = 1
    BYLINE = 2
    NOTE = 3
    CAPTION = 4
    HEADING = 5
    PARAGRAPH = 6


# The timesca openings of bylines (after an optional bullet, before the name); a profile may give others.
BYLINE_OPENINGS = (r"Written\s+by", r"Posted\s+by", r"By")
# The timesca read-more lines; a profile may give others.
READ_MORE = (r"Continue\s+reading", r"Read\s+more", r"Read\s+the\s+full\s+(?:article|story)")
# The timesca openings of editorial notes; a profile may give others.
NOTE_OPENINGS = (
    r"The\s+views?\s+(?:and\s+opinions\s+)?expressed\b",
    r"The\s+opinions\s+expressed\b",
    r"Opinions\s+expressed\b",
    r"Views\s+expressed\b",
    r"Disclaimer\s*:",
    r"Editor['’]?s\s+note\b",
    r"Editorial\s+note\b",
    r"Note\s+from\s+the\s+editor\b",
    r"This\s+(?:article|story|piece|content)\s+(?:was|is|has\s+been)\s+(?:originally\s+)?(?:published|produced|"
    r"sponsored|updated|republished|written|supported|prepared|made\s+possible)\b",
    r"Sponsored\s+content\b",
    r"Correction\s*:",
)
# The timesca image-credit words (one pattern per word); a profile may give others.
CREDIT_WORDS = ("images?", "photos?", "photograph", "pictures?", "credit", "source")
MAX_CAPTION = 600
MAX_BYLINE_NAME_WORDS = 8
MAX_READ_MORE_CHARS = 40
# A heading (title or subheading) is short and does not end a sentence.
MAX_HEADING_CHARS = 200
MAX_HEADING_WORDS = 25

# The marks that end a cut-off text: "...", "…", "[...]", "[…]"; and "…" as the HTML entity a
# scraper may leave ("[&hellip;]" ends many an RSS excerpt).
TRUNCATION_MARKERS = ("[...]", "[…]", "[&hellip;]", "...", "…", "&hellip;")
_TRUNCATION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…|&hellip;)\s*\]|\.\.\.|…|&hellip;)$")  # spaces allowed in brackets
_MARKER_ENDS = ("...", "…", "]", "&hellip;")  # how a text ending with a marker ends
# What may stand after the last word of a sentence or heading: closing quotes and brackets, a footnote star.
_CLOSERS = regex.compile(r"[\p{Pf}\p{Pe}\"'*]+$")
_NOT_CLOSERS = frozenset(".,;:!?…")  # common last characters that are not closers (nor letters or digits)
# An abbreviation ending a text. Looking at its last 20 characters is enough: a
# longer run of initials ("A.B.C.D.") ends with a shorter one that matches too.
_ABBREVIATION = regex.compile(r"(?:\b\p{Lu}\.){2,}$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Dr|Mr|Mrs|Ms|vs|No)\.$")
_BYLINE_LEAD = f"{BULLETS}*-"
_FOOTNOTE_MARKS = "*†"  # may stand before a note: "*The views expressed ..." (the note is kept without it)


def strip_closers(text: str) -> str:
    """``He said: “We will win.”`` -> ``He said: “We will win.``: the text up
    to its closing quotes and brackets."""
    last = text[-1:]
    if last.isalnum() or last in _NOT_CLOSERS:  # most texts end so: no need for the pattern
        return text
    m = _CLOSERS.search(text, len(text) - 20 if len(text) > 20 else 0)
    return text[: m.start()] if m else text


def ends_truncated(text: str) -> bool:
    """The text ends with a truncation marker (closing quotes aside)."""
    return strip_closers(text).endswith(TRUNCATION_MARKERS)


@dataclass(frozen=True)
class LineTest:
    """A compiled test: the first characters a line can start with (None:
    any), the longest line it can accept (None: any), and the test, which
    returns the text to keep, or None."""

    initials: frozenset[str] | None
    test: Callable[[str], str | None]
    longest: int | None = None

    def __call__(self, line: str) -> str | None:
        if self.initials is not None and line[:1] not in self.initials:
            return None
        if self.longest is not None and len(line) > self.longest:
            return None
        return self.test(line)


@dataclass(frozen=True)
class LineKind:
    """One entry of the table: the kind, the audit reason of its lines
    (None when their text goes into an article), how to build its test
    from a profile, and the profile key its patterns come from."""

    kind: Kind
    reason: str | None
    build: Callable[[Profile], LineTest]
    key: str | None = None  # the profile key its patterns come from


def pattern_initials(patterns: Sequence[str]) -> frozenset[str] | None:
    """First characters a match can start with, when every pattern is one
    alternative starting with a letter that is not optional; else None (no
    cheap test)."""
    out: set[str] = set()
    for p in patterns:
        if not p[:1].isalpha() or p[1:2] in ("?", "*", "{") or not _top_level_single(p):
            return None
        out.update((p[0].lower(), p[0].upper()))
    return frozenset(out)


def _top_level_single(pattern: str) -> bool:
    """No ``|`` outside brackets: the pattern is one alternative."""
    depth = 0
    escaped = False
    for c in pattern:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
    return True


def _alternatives(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _reads_as_a_sentence(text: str) -> bool:
    """What follows a bulleted ``By`` is a sentence, not a name: it starts
    with a number (``By 2030, wind will ...``), or is a clause after a comma
    that ends with a full stop (``By then, the herders had left.``)."""
    return text[:1].isdigit() or (", " in text and text.rstrip().endswith("."))


# A byline without a bullet: "By" and a name only, each of its words capitalised ("By Marat
# Seitkali", "By Anna van der Berg and Timur Ali"), maybe a date after a bar. On its own line it
# could be a headline ("By Popular Demand"): it counts only right under a title (newsdump.articles).
_NAME_WORD = r"(?:\p{Lu}(?:\p{Ll}[\p{L}\p{M}'’-]*|\.))"  # Marat, O’Neil, J.; not AIR
_NAME_LINK = r"(?:and|&|van|von|de|der|den|da|di|du|al|bin|ibn|el|la|le)"
_BARE_BYLINE = regex.compile(
    rf"By\s+(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_LINK}\s+){{0,2}}{_NAME_WORD}){{1,3}})(?:\s*[|·•–—]\s*\S.*)?"
)


def bare_byline(line: str) -> str | None:
    """The name of a byline without a bullet (``By Marat Seitkali``), or None.
    Only a title can stand right above one: :mod:`newsdump.articles` asks."""
    if not line.startswith(("By ", "BY ")):
        return None
    m = _BARE_BYLINE.fullmatch(line if line[1] == "y" else "By" + line[2:])
    return m.group("name") if m else None


def byline_test(openings: Sequence[str] = BYLINE_OPENINGS, key: str | None = None) -> LineTest:
    """A test for bylines: an optional bullet, an opening (``Written by``,
    ``Автор:``), the name (at most eight words). An opening of one word
    without a colon (``By``) counts only after a bullet, so a title that
    starts with "By" stays a title."""
    if not openings:
        return LineTest(frozenset(), lambda line: None)
    pattern = compile_pattern(
        rf"[{_BYLINE_LEAD}]?\s*(?P<nd_opening>{_alternatives(openings)})\s*(?P<nd_colon>:?)\s*(?P<nd_name>\S.{{0,99}})",
        re.IGNORECASE,
        key,
    )
    initials = pattern_initials(openings)

    def test(line: str) -> str | None:
        m = pattern.fullmatch(line)
        if m is None:
            return None
        bare = line[:1] not in _BYLINE_LEAD
        opening = m.group("nd_opening")
        one_word = " " not in opening.strip() and not m.group("nd_colon") and not opening.endswith(":")
        if bare and one_word:
            return None
        text = m.group("nd_name")
        name = text.strip(" .,")
        if not name or (one_word and _reads_as_a_sentence(text)):
            return None  # "• By 2030, wind will supply..." is a list item ("• By our correspondent" is a byline)
        return name if len(name.split()) <= MAX_BYLINE_NAME_WORDS else None

    return LineTest(None if initials is None else initials | frozenset(_BYLINE_LEAD), test)


def read_more_test(lines: Sequence[str] = READ_MORE, key: str | None = None) -> LineTest:
    """A test for read-more lines (``Continue reading →``): one of the
    patterns, whole line, with a few marks after it."""
    if not lines:
        return LineTest(frozenset(), lambda line: None)
    pattern = compile_pattern(rf"(?:{_alternatives(lines)})\W{{0,6}}", re.IGNORECASE, key)

    def test(line: str) -> str | None:
        return line if pattern.fullmatch(line) else None

    return LineTest(pattern_initials(lines), test, MAX_READ_MORE_CHARS)


def trailing_read_more(lines: Sequence[str] = READ_MORE, key: str | None = None) -> Callable[[str], str]:
    """A function that drops a read-more phrase ending a line:
    ``teaser... Continue reading`` -> ``teaser...``. The phrase must start
    with a capital letter (a button, not the end of a sentence: "... to read
    more.")."""
    if not lines:
        return lambda text: text
    pattern = compile_pattern(rf"\s+(?:{_alternatives(lines)})\W{{0,6}}$", re.IGNORECASE, key)

    def drop(text: str) -> str:
        m = pattern.search(text, max(0, len(text) - MAX_READ_MORE_CHARS - 1))
        if m is None or not text[m.start() :].lstrip()[:1].isupper():
            return text
        return text[: m.start()]

    return drop


def note_test(openings: Sequence[str] = NOTE_OPENINGS, key: str | None = None) -> LineTest:
    """A test for editorial notes and disclaimers, recognised by their
    opening words (patterns matched at the start, case-insensitive).
    ``key``: the profile key they come from (their matches are then bounded in time)."""
    if not openings:
        return LineTest(frozenset(), lambda line: None)
    pattern = compile_pattern(_alternatives(openings), re.IGNORECASE, key)

    def test(line: str) -> str | None:
        if pattern.match(line) is not None:
            return line
        if line[0] in _FOOTNOTE_MARKS and (text := line.lstrip(_FOOTNOTE_MARKS + " ")) and pattern.match(text):
            return text
        return None

    initials = pattern_initials(openings)
    return LineTest(None if initials is None else initials | frozenset(_FOOTNOTE_MARKS), test)


def _literal_prefix(word: str) -> str:
    """``"images?"`` -> ``"image"``: the letters every match of a word pattern starts with."""
    m = re.match(r"[^\W\d_]+", word)
    prefix = m.group(0) if m else ""
    if prefix and word[len(prefix) : len(prefix) + 1] in ("?", "*", "{"):
        prefix = prefix[:-1]
    return prefix.lower()


def _has_credit_separator(tail: str) -> bool:
    """A cheap test before the credit pattern: what can stand before the credit word (lines are normalised)."""
    return ";" in tail or "|" in tail or "(" in tail or " –" in tail or " —" in tail or " -" in tail


# A photo credit as a sentence of its own, ending a caption-sized line: "... in October. Photo: Orda
# Press". Only photo words: "... the ministry said. Source: Ministry of Energy" ends a paragraph.
_PHOTO_SENTENCE = re.compile(r"\.\s+(?:photo|image|picture)s?(?:\s+(?:credit|courtesy))?\s*:\s*[^;.]{1,60}$", re.I)
MAX_SENTENCE_CAPTION = 250


def caption_test(credit_words: Sequence[str] = CREDIT_WORDS, key: str | None = None) -> LineTest:
    """A test for photo captions on their own line: the line ends with an
    image credit (``...; image: TCA``, ``... (Photo: AP)``, ``... – фото: ТАСС``)."""
    words = _alternatives(credit_words)
    credit = compile_pattern(
        rf"(?:[;|]\s*|\s[–—-]\s*|\(\s*)(?:{words})(?:\s+(?:credit|courtesy|by))?\s*:?\s+[^;]{{1,100}}$",
        re.IGNORECASE,
        key,
    )
    prefixes = tuple(_literal_prefix(w) for w in credit_words)
    if not all(prefixes):
        prefixes = ()  # some word has no literal start: no cheap test

    def test(line: str) -> str | None:
        tail = line[-130:]
        if len(line) <= MAX_SENTENCE_CAPTION and ": " in tail and _PHOTO_SENTENCE.search(tail) is not None:
            return line
        if not _has_credit_separator(tail):
            return None
        if prefixes and not any(w in tail.lower() for w in prefixes):
            return None
        return line if credit.search(line, max(0, len(line) - 130)) is not None else None

    return LineTest(None, test, MAX_CAPTION)


def heading_test(read_more: Sequence[str] = READ_MORE, key: str | None = None) -> LineTest:
    """A test for heading-like lines: short, starts like a title, does not
    end like a sentence (nor with a read-more phrase: ``Teaser Continue
    reading`` is a teaser)."""
    drop = trailing_read_more(read_more, key)

    def test(line: str) -> str | None:
        if line.count(" ") >= MAX_HEADING_WORDS:
            return None
        if line[0].islower():
            first_word = line.split(" ", 1)[0]
            if not any(c.isupper() for c in first_word[1:]):
                return None  # "and then..." continues a sentence; "iPhone" is fine
        core = strip_closers(line)
        if not core or core[-1] in ",;:" or core.endswith(TRUNCATION_MARKERS):
            return None
        if core[-1] == "." and _ABBREVIATION.search(core, len(core) - 20 if len(core) > 20 else 0) is None:
            return None
        return line if drop(line) == line else None

    return LineTest(None, test, MAX_HEADING_CHARS)


def _shortcode_only(line: str) -> str | None:
    return ""  # only the empty line gets here (its LineTest takes lines of at most 0 characters)


def _any(line: str) -> str:
    return line


# The profile fields with patterns, and their keys.
_KEYS = {
    "read_more": ("read_more.lines", READ_MORE),
    "bylines": ("bylines.openings", BYLINE_OPENINGS),
    "note_openings": ("notes.openings", NOTE_OPENINGS),
    "credit_words": ("captions.credit_words", CREDIT_WORDS),
}


def profile_key(profile: Profile, field: str) -> str | None:
    """The key of a profile's patterns when they are its own (their matches
    are then bounded in time), None for the built-in ones."""
    key, builtin = _KEYS[field]
    return None if getattr(profile, field) == builtin else key


KINDS: tuple[LineKind, ...] = (
    LineKind(Kind.SHORTCODE, "shortcode", lambda p: LineTest(None, _shortcode_only, 0)),
    LineKind(
        Kind.CONTINUE, "continue", lambda p: read_more_test(p.read_more, profile_key(p, "read_more")), "read_more.lines"
    ),
    LineKind(Kind.BYLINE, "byline", lambda p: byline_test(p.bylines, profile_key(p, "bylines")), "bylines.openings"),
    LineKind(Kind.NOTE, None, lambda p: note_test(p.note_openings, profile_key(p, "note_openings")), "notes.openings"),
    LineKind(
        Kind.CAPTION,
        None,
        lambda p: caption_test(p.credit_words, profile_key(p, "credit_words")),
        "captions.credit_words",
    ),
    LineKind(Kind.HEADING, None, lambda p: heading_test(p.read_more, profile_key(p, "read_more")), "read_more.lines"),
    LineKind(Kind.PARAGRAPH, None, lambda p: LineTest(None, _any)),
)
assert [k.kind for k in KINDS] == list(Kind), "KINDS lists every kind once, in order"
# Kind -> audit reason of its lines (None: kept in an article).
REASONS: dict[Kind, str | None] = {k.kind: k.reason for k in KINDS}

LineTests = tuple[tuple[Kind, LineTest], ...]


def line_tests(profile: Profile) -> LineTests:
    """The tests of :data:`KINDS` for one profile, in order."""
    return tuple((k.kind, k.build(profile)) for k in KINDS)


def kind_of(line: str, tests: LineTests) -> tuple[Kind, str]:
    """The kind of a (normalised) line and the text it keeps."""
    for kind, test in tests:
        kept = test(line)
        if kept is not None:
            return kind, kept
    return Kind.PARAGRAPH, line


def line_classifier(tests: LineTests) -> Callable[[str], tuple[Kind, str]]:
    """:func:`kind_of` with ``tests`` as one function, for the hot path: a
    line goes only through the tests its first character and its length
    allow, looked up at once (most lines meet one or two tests of seven)."""
    entries = [(kind, t.initials, sys.maxsize if t.longest is None else t.longest, t.test) for kind, t in tests]
    initials = set().union(*(t.initials for _, t in tests if t.initials is not None))

    def allowed(first: str | None) -> tuple[tuple[Kind, int, Callable[[str], str | None]], ...]:
        return tuple(
            (kind, longest, test)
            for kind, starts, longest, test in entries
            if starts is None or (first is not None and first in starts)
        )

    by_initial = {first: allowed(first) for first in initials}
    other = allowed(None)
    paragraph = Kind.PARAGRAPH  # looked up once (an enum lookup costs 80 ns)

    def classify(line: str) -> tuple[Kind, str]:
        size = len(line)
        for kind, longest, test in by_initial.get(line[:1], other):
            if size <= longest and (kept := test(line)) is not None:
                return kind, kept
        return paragraph, line

    return classify


def cut_tail(paragraph: str, drop_read_more: Callable[[str], str] | None = None) -> tuple[str, str, str]:
    """An article's last paragraph without its trailing read-more phrase
    and truncation marker: ``(kept, read-more text, marker)``."""
    last = (drop_read_more or _drop_read_more)(paragraph)
    cut = last
    if last.endswith(_MARKER_ENDS):  # look at the tail only: paragraphs can be megabytes
        marker = _TRUNCATION.search(last, len(last) - 12 if len(last) > 12 else 0)
        cut = (last[: marker.start()] if marker else last).rstrip()
    return cut, paragraph[len(last) :].strip(), last[len(cut) :].strip()


# The timesca tests, for callers without a profile.
_drop_read_more = trailing_read_more()
_byline = byline_test()
_read_more = read_more_test()
_heading = heading_test()
_note = note_test()
_caption = caption_test()


def is_note(line: str) -> bool:
    """A timesca editorial note."""
    return _note(line) is not None


def is_caption(line: str) -> bool:
    """A timesca photo caption on its own line."""
    return _caption(line) is not None


def byline(line: str) -> str | None:
    """The author's name on a timesca byline, else None."""
    return _byline(line)


def is_continue(line: str) -> bool:
    """A timesca read-more line: boilerplate, never text."""
    return _read_more(line) is not None


def drop_trailing_continue(text: str) -> str:
    """``teaser... Continue reading`` -> ``teaser...``."""
    return _drop_read_more(text)


def is_heading(line: str) -> bool:
    """Short, starts like a title, and does not end like a sentence."""
    return _heading(line) is not None


def word_count(line: str) -> int:
    return line.count(" ") + 1
