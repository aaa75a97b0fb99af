"""A site's boilerplate and headline copies, taken out of a page's lines
before the articles are found.

Two kinds of line are removed, each with its audit reason:

* ``boilerplate``: a whole line whose *shape* (its numbers masked, see
  :func:`shape`) is one of the profile's ``[boilerplate] lines``, or that
  one of its ``[boilerplate] patterns`` matches as a whole (menus, section
  headers, clocks, widgets, share buttons, footers). A page's header (a date
  or result line among its first lines) is never taken as boilerplate.
* ``duplicate``: a headline copy. A line that repeats one of the
  :data:`DUPLICATE_WINDOW` lines kept above it is removed (the first copy
  stays, in its place), when it is headline-like (short, and not ending
  like a sentence: :func:`newsdump.lines.is_heading`) and there are only
  labels between the two copies (lines of fewer than ``MAX_LABEL_WORDS``
  words, not ending like a sentence, not a read-more line or a byline of
  the profile: a category, a time, a view count). That is the line between the
  two cases: an image link carrying the headline is headline-like and next
  to it; a repeated body paragraph ends like a sentence, or has text
  between its copies, and stays. ``Continue reading`` lines and
  bylines are markers that recur by nature and are never copies.
  This is generic and on by default (``[boilerplate] duplicates = false``
  turns it off).

Removed lines are gone before segmentation, so they neither close nor split
the article around them, and menus before the first title leave nothing.

>>> shape("12:45 · USD 478.50 -0.3% · +3 °C · 1 066 views")
'#:# · USD #.# #.#% · # °C · # views'
>>> test = boilerplate_test(("Home", "Weather: # °C"), ())
>>> page = [(1, "Home"), (2, "A Title"), (3, "Weather: +3 °C"), (4, "A Title"), (5, "Text.")]
>>> kept, removed = clean_lines(page, test)
>>> kept, removed
([(2, 'A Title'), (5, 'Text.')], [(1, 'boilerplate'), (3, 'boilerplate'), (4, 'duplicate')])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsdump.lines import byline, is_continue, is_heading
from newsdump.patterns import compile_pattern
from newsdump.shortcodes import extract_shortcodes

# A number: a run of digits, with its thousands groups (1 066, 1,066), and a
# sign when no letter or digit is before it (+3, -12, …−5).
_NUMBER = re.compile(r"(?:(?<!\w)[+\-−])?(?:\d{1,3}(?:[ ,]\d{3})+(?!\d)|\d+)")
# A line repeating one of this many kept lines above it is a headline copy.
DUPLICATE_WINDOW = 4
# Lines between a headline and its copy are labels: fewer words than this.
MAX_LABEL_WORDS = 6
# The page's header is in its first lines (newsdump.header.HEADER_LINES; not imported: a cycle).
_HEADER_LINES = 2


def shape(text: str) -> str:
    """A normalised line with every number masked as ``#``: clocks, dates,
    counters and rates of one widget have one shape."""
    return _NUMBER.sub("#", text)


# A word after a number, in the plural (English): "# hours", "# comments".
_PLURAL = re.compile(r"(#\s+[^\W\d_]{2,}?)s\b")


def _singular(shape: str) -> str:
    """A shape with the words after its numbers in the singular, for comparing
    shapes: a counter learned as ``# hours ago`` reads ``1 hour ago`` too."""
    return _PLURAL.sub(r"\1", shape) if "#" in shape else shape


def boilerplate_test(
    lines: Sequence[str], patterns: Sequence[str], key: str | None = None
) -> Callable[[str], bool] | None:
    """A test for boilerplate lines (normalised text), or None when there is
    nothing to test: ``lines`` are shapes (``#`` for a number, white space
    normalised here), ``patterns`` whole-line regular expressions (``key``:
    the profile key they come from; their matches are then bounded in time)."""
    shapes = frozenset(_singular(" ".join(s.split())) for s in lines)
    pattern = compile_pattern("|".join(f"(?:{p})" for p in patterns), 0, key) if patterns else None
    if not shapes and pattern is None:
        return None
    has_digit_free = any("#" not in s for s in shapes)

    def is_boilerplate(text: str) -> bool:
        if shapes and ((has_digit_free and text in shapes) or _singular(shape(text)) in shapes):
            return True
        return pattern is not None and pattern.fullmatch(text) is not None

    return is_boilerplate


def _is_marker(text: str) -> bool:
    """A timesca read-more line or byline."""
    return is_continue(text) or byline(text) is not None


def is_label(text: str, is_marker: Callable[[str], bool] = _is_marker) -> bool:
    """A category, a time or a view count: a few words, not a sentence, not a marker."""
    return text.count(" ") < MAX_LABEL_WORDS and text[-1:] not in ".!?…" and not is_marker(text)


def _is_copy(text: str, above: list[str], is_marker: Callable[[str], bool] = _is_marker) -> bool:
    """A headline-like line that repeats one of the lines kept just above it
    (``above``, nearest last), with only labels between (a teaser or a title
    between them means two articles); read-more lines and bylines
    (``is_marker``, the profile's) are markers, not copies."""
    for line in reversed(above):
        if line == text:
            if "[" in text:  # judge the text without its shortcodes
                text = extract_shortcodes(text)[0]
            return bool(text) and is_heading(text) and not is_marker(text)
        if not is_label(line, is_marker):
            return False
    return False


def clean_lines(
    lines: Sequence[tuple[int, str]],
    is_boilerplate: Callable[[str], bool] | None,
    duplicates: bool = True,
    is_header: Callable[[str], bool] | None = None,
    has_kind: Callable[[str], bool] | None = None,
    is_marker: Callable[[str], bool] = _is_marker,
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """A page's text lines without its boilerplate and headline copies:
    ``(kept lines, removed lines as (line number, reason))``.

    ``is_header`` tells a date or result line: one among the first kept lines
    is the page's header and is kept (and never taken for a copy).
    ``has_kind`` tells a line with a meaning of its own (a photo caption, an
    editorial note): two of them in a row are two, never a copy.
    ``is_marker`` tells a read-more line or a byline (the profile's: by
    default the timesca ones): never a copy, nor a label between copies."""
    if is_boilerplate is None and not duplicates:
        return list(lines), []
    kept: list[tuple[int, str]] = []
    removed: list[tuple[int, str]] = []
    recent: list[str] = []  # the texts of the last DUPLICATE_WINDOW kept lines
    for n, text in lines:
        if is_boilerplate is not None and is_boilerplate(text):
            if not (len(kept) < _HEADER_LINES and is_header is not None and is_header(text)):
                removed.append((n, "boilerplate"))
                continue
        elif (
            duplicates
            and text in recent  # the cheap test first: this is every line of every page
            and _is_copy(text, recent, is_marker)
            and (is_header is None or not is_header(text))
            and (has_kind is None or not has_kind(text))
        ):
            removed.append((n, "duplicate"))
            continue
        kept.append((n, text))
        if duplicates:
            recent.append(text)
            if len(recent) > DUPLICATE_WINDOW:
                del recent[0]
    return kept, removed
