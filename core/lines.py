"""What one line of article text is, judged on the line alone.

Kinds: a byline (``• Written by Name``), a ``Continue reading`` line, an
editorial note (``The views expressed in this article ...``), a photo
caption on its own line (ends with an image credit: ``...; image: TCA``), a
heading-like line (short, no sentence-final punctuation: a title or a
subheading), or a paragraph. Which heading-like lines are titles is decided
by :mod:`newsdump.articles` from the page's structure.

>>> byline("• Written by Jane Doe")
'Jane Doe'
>>> is_caption("Ministers meet in Astana on August 25, 2025; image Japan MOFA")
True
>>> is_heading("Strategic Engagement"), is_heading("He left the room.")
(True, False)
>>> is_heading("Kazakhstan Signs Deal With the U.S.")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsdump.patterns import compile_pattern
from newsdump.ticker import BULLETS

_BYLINE = re.compile(rf"[{BULLETS}*-]?\s*(?:Written\s+by|Posted\s+by|By)\s*:?\s+(\S.{{0,99}})", re.I)
_CONTINUE = re.compile(r"(?:Continue\s+reading|Read\s+more|Read\s+the\s+full\s+(?:article|story))\W{0,6}", re.I)
_TRAILING_CONTINUE = re.compile(r"\s*(?:Continue\s+reading)\W{0,6}$", re.I)
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
# A heading (title or subheading) is short and does not end a sentence.
MAX_HEADING_CHARS = 200
MAX_HEADING_WORDS = 25
_CLOSERS = "\"'”’»)]*"
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Dr|Mr|Mrs|Ms|vs|No)\.$")


def byline(line: str) -> str | None:
    """The author's name on a byline, else None.

    Plain ``By Name`` counts only after a bullet, so a title that starts
    with "By" stays a title."""
    m = _BYLINE.fullmatch(line)
    if m is None:
        return None
    if line[:1] not in BULLETS + "*-" and line[:2].lower() == "by":
        return None
    name = m.group(1).strip(" .,")
    return name if name and len(name.split()) <= 8 else None


def is_continue(line: str) -> bool:
    """A ``Continue reading`` line: boilerplate, never text."""
    return len(line) <= 40 and _CONTINUE.fullmatch(line) is not None


def drop_trailing_continue(text: str) -> str:
    """``teaser... Continue reading`` -> ``teaser...``."""
    return _TRAILING_CONTINUE.sub("", text) if "ontinue" in text[-30:] else text


def note_test(openings: Sequence[str] = NOTE_OPENINGS, key: str | None = None) -> Callable[[str], bool]:
    """A test for editorial notes and disclaimers, recognised by their
    opening words (patterns matched at the start, case-insensitive).
    ``key``: the profile key they come from (their matches are then bounded in time)."""
    if not openings:
        return lambda line: False
    pattern = compile_pattern("|".join(f"(?:{o})" for o in openings), re.IGNORECASE, key)

    def is_note(line: str) -> bool:
        return pattern.match(line) is not None

    return is_note


def _literal_prefix(word: str) -> str:
    """``"images?"`` -> ``"image"``: the letters every match of a word pattern starts with."""
    m = re.match(r"[^\W\d_]+", word)
    prefix = m.group(0) if m else ""
    if prefix and word[len(prefix) : len(prefix) + 1] in ("?", "*", "{"):
        prefix = prefix[:-1]
    return prefix.lower()


_CREDIT_SEPARATORS = (";", "|", "(", " –", " —", " -")


def caption_test(credit_words: Sequence[str] = CREDIT_WORDS, key: str | None = None) -> Callable[[str], bool]:
    """A test for photo captions on their own line: the line ends with an
    image credit (``...; image: TCA``, ``... (Photo: AP)``, ``... – фото: ТАСС``).
    ``key``: the profile key the words come from (their matches are then bounded in time)."""
    words = "|".join(f"(?:{w})" for w in credit_words)
    credit = compile_pattern(
        rf"(?:[;|]\s*|\s[–—-]\s*|\(\s*)(?:{words})(?:\s+(?:credit|courtesy|by))?\s*:?\s+[^;]{{1,100}}$",
        re.IGNORECASE,
        key,
    )
    prefixes = tuple(_literal_prefix(w) for w in credit_words)
    if not all(prefixes):
        prefixes = ()  # some word has no literal start: no cheap test

    def is_caption(line: str) -> bool:
        if len(line) > MAX_CAPTION:
            return False
        tail = line[-130:]
        if not any(sep in tail for sep in _CREDIT_SEPARATORS):
            return False
        if prefixes and not any(w in tail.lower() for w in prefixes):
            return False
        return credit.search(line, max(0, len(line) - 130)) is not None

    return is_caption


is_note = note_test()
is_caption = caption_test()


def is_heading(line: str) -> bool:
    """Short, starts like a title, and does not end like a sentence."""
    if len(line) > MAX_HEADING_CHARS or line.count(" ") >= MAX_HEADING_WORDS:
        return False
    if drop_trailing_continue(line) != line:
        return False  # "Short teaser... Continue reading" is a teaser
    if line[0].islower():
        first_word = line.split(" ", 1)[0]
        if not any(c.isupper() for c in first_word[1:]):
            return False  # "and then..." continues a sentence; "iPhone" is fine
    core = line.rstrip(_CLOSERS)
    if not core:
        return False
    if core[-1] in ",;:…" or core.endswith("..."):
        return False
    if core[-1] == ".":
        return _ABBREVIATION.search(core) is not None
    return True


def word_count(line: str) -> int:
    return line.count(" ") + 1
