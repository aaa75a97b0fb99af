"""Article segmentation: a page's text lines in, article drafts out.

Three layouts (SPEC.md section 1) are told apart by the page's structure:

* *listing*: title, one paragraph, title, one paragraph ... No two body
  paragraphs ever stand next to each other, so every heading-like line is a
  title (however short: ``Water Wars``).
* *full*: title, then many paragraphs. Once two paragraphs stand together the
  page is full, and a heading-like line inside an article is a subheading
  when it is short (fewer than ``TITLE_MIN_WORDS`` words) and a new title
  otherwise.
* *archive*: title, optional byline, teaser, ``Continue reading``. A byline
  marks the line before it as a title; ``Continue reading`` and an editorial
  note close an article, so the next line is a title.

Where a title is expected (page start, after ``Continue reading`` or a note,
before a byline), a short line is taken as the title even if it ends with a
full stop. Text before the first title is returned as unassigned.

>>> drafts, skipped = segment_articles([(5, "Water Wars"), (7, "Rivers run dry..."), (9, "Next One"), (11, "Short.")])
>>> [(d.line, d.title, d.paragraphs) for d in drafts]
[(5, 'Water Wars', ['Rivers run dry...']), (9, 'Next One', ['Short.'])]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdump.lines import byline, is_continue, is_heading, word_count
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.shortcodes import extract_shortcodes
from newsdump.ticker import BULLETS

# In a full-article page, a heading-like line of at least this many words is a title.
TITLE_MIN_WORDS = 6
# A line that is not heading-like can still be a title where one is expected.
MAX_FORCED_TITLE_WORDS = 25

HEADING, PARAGRAPH, CAPTION, NOTE, BYLINE, CONTINUE = range(6)

# First characters each kind of line can start with (a cheap test before the pattern).
_CONTINUE_INITIALS = frozenset("CcRr")
_BYLINE_INITIALS = frozenset(BULLETS + "*-WwPpBb")


@dataclass(slots=True)
class Draft:
    """An article being assembled; :mod:`newsdump.parser` turns it into a record."""

    line: int
    title: str
    paragraphs: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    author: str | None = None


@dataclass(slots=True)
class Item:
    """One text line, classified: its kind, line number, text and captions."""

    kind: int
    line: int
    text: str
    captions: tuple[str, ...]


def _classify(line: int, raw: str, rules: Rules) -> Item:
    text, captions = extract_shortcodes(raw) if "[" in raw else (raw, ())
    if not text:
        return Item(CAPTION, line, "", captions)
    first = text[0]
    if first in _CONTINUE_INITIALS and is_continue(text):
        return Item(CONTINUE, line, text, captions)
    if first in _BYLINE_INITIALS and (name := byline(text)) is not None:
        return Item(BYLINE, line, name, captions)
    if (rules.note_initials is None or first in rules.note_initials) and rules.is_note(text):
        return Item(NOTE, line, text, captions)
    if rules.is_caption(text):
        return Item(CAPTION, line, "", (*captions, text))
    return Item(HEADING if is_heading(text) else PARAGRAPH, line, text, captions)


def _could_be_title(item: Item) -> bool:
    text = item.text
    return item.kind == HEADING or (
        item.kind == PARAGRAPH
        and word_count(text) <= MAX_FORCED_TITLE_WORDS
        and text.rstrip("\"'”’»)")[-1:] not in (",", ";", ":")
    )


def _forced_titles(items: list[Item]) -> set[int]:
    """Indexes of lines that must be titles: the first text line of the page,
    the first after ``Continue reading`` or a note, and the one before a byline."""
    forced: set[int] = set()
    expect = True
    for i, item in enumerate(items):
        if item.kind in (CONTINUE, NOTE):
            expect = True
        elif item.kind == BYLINE:
            previous = items[i - 1] if i else None
            if previous is not None and previous.kind in (HEADING, PARAGRAPH) and _could_be_title(previous):
                forced.add(i - 1)
        elif item.kind in (HEADING, PARAGRAPH):
            if expect and _could_be_title(item):
                forced.add(i)
            expect = False
    return forced


def _is_full(items: list[Item], forced: set[int]) -> bool:
    """Two body paragraphs next to each other: a full-article page."""
    previous = None
    for i, item in enumerate(items):
        if item.kind in (CONTINUE, NOTE, BYLINE):
            previous = None
        elif item.kind in (HEADING, PARAGRAPH):
            kind = HEADING if i in forced else item.kind
            if kind == PARAGRAPH and previous == PARAGRAPH:
                return True
            previous = kind
    return False


def classify_lines(lines: Sequence[tuple[int, str]], rules: Rules = DEFAULT_RULES) -> list[Item]:
    """Each text line judged on its own (shortcodes taken out)."""
    return [_classify(n, text, rules) for n, text in lines]


def assemble(items: list[Item], owners: list[int] | None = None) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Group classified lines into article drafts.

    Returns ``(drafts, unassigned)``: unassigned lines are text that comes
    before the first title and so belongs to no article. When ``owners`` is
    given, it receives, per item, the index of the draft it went to (-1 for
    none)."""
    forced = _forced_titles(items)
    full = _is_full(items, forced)
    drafts: list[Draft] = []
    unassigned: list[tuple[int, str]] = []
    cur: Draft | None = None
    for i, item in enumerate(items):
        kind = item.kind
        if owners is not None:
            owners.append(len(drafts) - 1)
        if kind in (HEADING, PARAGRAPH):
            if i in forced or (
                kind == HEADING and (cur is None or not full or word_count(item.text) >= TITLE_MIN_WORDS)
            ):
                cur = Draft(item.line, item.text)
                drafts.append(cur)
                if owners is not None:
                    owners[-1] += 1
            elif cur is None:
                unassigned.append((item.line, item.text))
                continue
            else:
                cur.paragraphs.append(item.text)
                if kind == HEADING:
                    cur.subheadings.append(item.text)
        elif cur is None:
            if item.text or item.captions:
                unassigned.append((item.line, item.text or " ".join(item.captions)))
            continue
        elif kind == BYLINE:
            cur.author = cur.author or item.text
        elif kind == NOTE:
            cur.notes.append(item.text)
        cur.captions.extend(item.captions)
    return drafts, unassigned


def segment_articles(
    lines: Sequence[tuple[int, str]], rules: Rules = DEFAULT_RULES
) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Split a page's text lines (after the header) into article drafts:
    :func:`classify_lines` then :func:`assemble`."""
    return assemble(classify_lines(lines, rules))
