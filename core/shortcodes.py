"""WordPress shortcodes inside a line of text.

``[caption ...] Text; image: TCA[/caption]`` becomes a caption (markup and any
``<img>`` tag removed); other paired shortcodes (``[video ...][/video]``,
``[embed]...[/embed]``) and lone tags with attributes (``[gallery ids="1,2"]``)
carry no text and are removed; where the words on either side would then
touch, one space stays between them. A ``[caption ...]`` left open at the end of a
cut-off teaser still yields its text as a caption, and the teaser's
truncation marker stays at the end of the text. Brackets that are not
shortcodes (``[sic]``, ``[1]``) stay.

>>> extract_shortcodes('A [caption id="a1" width="9"] Pic; image: TCA[/caption] B')
('A B', ('Pic; image: TCA',))
>>> extract_shortcodes('Watch [video width="640" mp4="x.mp4"][/video] now [sic]')
('Watch now [sic]', ())
>>> extract_shortcodes('The river[video mp4="x.mp4"][/video]rose again[gallery ids="1"].')
('The river rose again.', ())
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

from newsdump.text import normalize

_OPEN = re.compile(r"\[([a-z][a-z0-9_-]*)(\s[^\[\]]*)?\]", re.I)
_CLOSE = re.compile(r"\[/([a-z][a-z0-9_-]*)\]", re.I)
_HTML_TAG = re.compile(r"<[^<>]{0,500}>")
TRUNCATION = ("...", "…")
# Punctuation that follows a word without a space (closing brackets and quotes are told by category).
_ATTACHES_LEFT = frozenset(".,;:!?…%")


def _caption_text(inner: str) -> str:
    return normalize(_HTML_TAG.sub(" ", inner))


def _marker_start(text: str) -> int:
    """Where a trailing run of truncation markers begins (``len(text)`` if none).

    Walks back by index: slicing the text at each marker made a long run of
    ``...`` quadratic."""
    full = end = len(text.rstrip())
    while True:
        for marker in TRUNCATION:
            if text.endswith(marker, 0, end):
                end -= len(marker)
                while end and text[end - 1].isspace():
                    end -= 1
                break
        else:
            return end if end < full else len(text)


def _scan(line: str) -> tuple[list[str], list[str], list[tuple[int, str]]]:
    """``(kept pieces, captions, removed pieces with their offsets)``.

    One pass over the opening tags; each is paired with the next closing tag
    of its name (found by bisection), so time stays linear in the line."""
    closes: dict[str, list[tuple[int, int]]] = {}
    for m in _CLOSE.finditer(line):
        closes.setdefault(m.group(1).lower(), []).append((m.start(), m.end()))
    kept: list[tuple[int, int]] = []
    removed: list[tuple[int, str]] = []
    captions: list[str] = []
    pos = 0
    for m in _OPEN.finditer(line):
        if m.start() < pos:
            continue  # inside a shortcode already removed
        name, attrs = m.group(1).lower(), m.group(2)
        spans = closes.get(name, ())
        i = bisect_left(spans, (m.end(), -1))
        if i < len(spans):  # [name ...]content[/name]
            inner = line[m.end() : spans[i][0]]
            if name == "caption" and (text := _caption_text(inner)):
                captions.append(text)
            kept.append((pos, m.start()))
            removed.append((m.start(), line[m.start() : spans[i][1]]))
            pos = spans[i][1]
        elif name == "caption":  # opened, never closed: the teaser was cut in it
            cut = _marker_start(line)  # a marker at the end stays: the body still reads as cut off
            if text := _caption_text(line[m.end() : cut]):
                captions.append(text)
            kept.append((pos, m.start()))
            removed.append((m.start(), line[m.start() : cut]))
            pos = cut
            break
        elif attrs and "=" in attrs:  # a lone tag with attributes: [gallery ids="1"]
            kept.append((pos, m.start()))
            removed.append((m.start(), m.group(0)))
            pos = m.end()
    kept.append((pos, len(line)))
    out: list[str] = []
    for start, end in kept:
        piece = line[start:end]
        if "[/" in piece:  # closing tags that closed nothing: the pieces between them are kept
            at = 0
            for m in _CLOSE.finditer(piece):
                removed.append((start + m.start(), m.group(0)))
                out.append(piece[at : m.start()])
                at = m.end()
            piece = piece[at:]
        out.append(piece)
    return out, captions, removed


def _glues(left: str, right: str) -> bool:
    """Two characters that need a space between them (no white space on
    either side, no closing punctuation on the right, no opening on the left)."""
    if not left or not right or left.isspace() or right.isspace() or right in _ATTACHES_LEFT:
        return False
    return unicodedata.category(right) not in ("Pe", "Pf") and unicodedata.category(left) not in ("Ps", "Pi")


def join_kept(pieces: list[str]) -> str:
    """The kept pieces of a line, with one space where two would touch."""
    parts: list[str] = []
    last = ""
    for piece in pieces:
        if not piece:
            continue
        if _glues(last, piece[0]):
            parts.append(" ")
        parts.append(piece)
        last = piece[-1]
    return "".join(parts)


def extract_shortcodes(line: str) -> tuple[str, tuple[str, ...]]:
    """``(text without shortcodes, captions in order)`` for a normalised line."""
    if "[" not in line:
        return line, ()
    out, captions, _ = _scan(line)
    return normalize(join_kept(out)), tuple(captions)


def removed_shortcodes(line: str) -> list[str]:
    """The shortcodes :func:`extract_shortcodes` takes out of a normalised
    line, as they stand in it, in order (caption text included: it went to
    the captions).

    >>> removed_shortcodes('A [caption id="a1"] Pic; image: TCA[/caption] B [/b]')
    ['[caption id="a1"] Pic; image: TCA[/caption]', '[/b]']
    """
    if "[" not in line:
        return []
    return [text for _, text in sorted(_scan(line)[2])]
