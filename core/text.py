"""Line splitting and white-space normalisation (SPEC.md section 2).

>>> normalize("\\ufeff  Kassym-Jomart\\u202fTokayev\\u00a0 said ")
'Kassym-Jomart Tokayev said'
>>> split_lines("a\\r\\nb\\rc\\nd\\x0ce")
['a', 'b', 'c', 'd\\x0ce']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
LINE_PIECE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # a line with its ending, or an unended tail
BOM = "\ufeff"
# White space within a line, for a regex character class: the tab and every
# Unicode space separator (category Zs), as SPEC.md section 2 says.
SPACES = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"


_TEXT_CHAR = re.compile(r"[^\s\ufeff]")  # what normalize keeps (re's \s is str.isspace's white space)


def has_text(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds anything :func:`normalize` keeps
    (white space and byte-order marks are no text), without copying it."""
    return _TEXT_CHAR.search(text, start, len(text) if end is None else end) is not None


# Longer lines are normalised in pieces of about this many characters (see _normalize_long).
# (re's \s and str.split take the same white space: str.isspace.)
_LONG_LINE = 1 << 16
_WHITE_RUN = re.compile(r"\s")


def normalize(text: str) -> str:
    """Collapse every run of white space (any Unicode space) to one ASCII
    space and strip; drop byte-order marks. Nothing else changes."""
    stripped = text.strip()
    # Most lines need nothing more: printable (so no white space but the ASCII
    # space, and no BOM) and no double space. Two C-speed tests decide it.
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    if BOM in stripped:
        stripped = stripped.replace(BOM, "")
    if len(stripped) > _LONG_LINE:
        return _normalize_long(stripped)
    return " ".join(stripped.split())


def _normalize_long(text: str) -> str:
    """``" ".join(text.split())`` piece by piece, each cut before white space:
    a list of every word of a 10 MB line held 90 MB."""
    pieces = []
    start = 0
    while start < len(text):
        cut = _WHITE_RUN.search(text, min(start + _LONG_LINE, len(text)))
        end = cut.start() if cut else len(text)
        if piece := " ".join(text[start:end].split()):
            pieces.append(piece)
        start = end
    return " ".join(pieces)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR and LF only (not on form feeds or U+2028).

    A final line break does not make an extra empty line."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def line_count(text: str) -> int:
    """How many lines :func:`split_lines` makes of ``text``, without making them."""
    breaks = text.count("\n")
    if "\r" in text:
        breaks += text.count("\r") - text.count("\r\n")
    return breaks + (text[-1:] not in ("\n", "\r", ""))


def block_lines(blocks: Iterable[str]) -> Iterator[str]:
    """The lines of text given in blocks that end after line breaks
    (:meth:`newsdump.reader.Reader.blocks`), with their endings."""
    for block in blocks:
        yield from LINE_PIECE.findall(block)
