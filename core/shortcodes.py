"""WordPress shortcodes inside a line of text.

``[caption ...] Text; image: TCA[/caption]`` becomes a caption (markup and any
``<img>`` tag removed); other paired shortcodes (``[video ...][/video]``,
``[embed]...[/embed]``) and lone tags with attributes (``[gallery ids="1,2"]``)
carry no text and are removed. A ``[caption ...]`` left open at the end of a
cut-off teaser still yields its text as a caption. Brackets that are not
shortcodes (``[sic]``, ``[1]``) stay.

>>> extract_shortcodes('A [caption id="a1" width="9"] Pic; image: TCA[/caption] B')
('A B', ('Pic; image: TCA',))
>>> extract_shortcodes('Watch [video width="640" mp4="x.mp4"][/video] now [sic]')
('Watch now [sic]', ())
"""

from __future__ import annotations

import re
from bisect import bisect_left

from core.text import normalize

_OPEN = re.compile(r"\[([a-z][a-z0-9_-]*)(\s[^\[\]]*)?\]", re.I)
_CLOSE = re.compile(r"\[/([a-z][a-z0-9_-]*)\]", re.I)
_HTML_TAG = re.compile(r"<[^<>]{0,500}>")
TRUNCATION = ("...", "…")


def _caption_text(inner: str) -> str:
    return normalize(_HTML_TAG.sub(" ", inner))


def _strip_marker(text: str) -> str:
    for marker in TRUNCATION:
        text = text.removesuffix(marker).rstrip()
    return text


def extract_shortcodes(line: str) -> tuple[str, tuple[str, ...]]:
    """``(text without shortcodes, captions in order)`` for a normalised line.

    One pass over the opening tags; each is paired with the next closing tag
    of its name (found by bisection), so time stays linear in the line."""
    if "[" not in line:
        return line, ()
    closes: dict[str, list[tuple[int, int]]] = {}
    for m in _CLOSE.finditer(line):
        closes.setdefault(m.group(1).lower(), []).append((m.start(), m.end()))
    out: list[str] = []
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
            out.append(line[pos : m.start()])
            pos = spans[i][1]
        elif name == "caption":  # opened, never closed: the teaser was cut in it
            if cut := _strip_marker(_caption_text(line[m.end() :])):
                captions.append(cut)
            out.append(line[pos : m.start()])
            out.append(" ...")  # the body still reads as cut off
            pos = len(line)
            break
        elif attrs and "=" in attrs:  # a lone tag with attributes: [gallery ids="1"]
            out.append(line[pos : m.start()])
            pos = m.end()
    out.append(line[pos:])
    text = "".join(out)
    if "[/" in text:  # a closing tag that closed nothing
        text = _CLOSE.sub(" ", text)
    return normalize(text), tuple(captions)
