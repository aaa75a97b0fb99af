"""Page splitting: a stream of lines in, raw pages out, lazily.

A page starts at a ticker block (a run of quote lines, blank lines allowed
inside), including a ticker glued to the end of the previous line by ``cat``
of files without a trailing newline. Text before the first ticker, or a whole
stream without one, is one page. Nothing else starts a page: a dump without
a ticker concatenated after another stays part of that page (its result
line is dropped as boilerplate by the page parser, which warns).

Each raw page holds its quotes and its non-blank, non-ticker lines,
normalised, with their 1-based line numbers; blank lines are not kept, so a
run of a million blank lines costs nothing.

>>> [p.line for p in split_pages(["• A/B = 1 0%", "Title", "Body.", "• A/B = 1 0%", "T2"])]
[1, 4]
>>> [p.lines for p in split_pages(["Title", "Body.• A/B = 1 0%", "T2"])]
[((1, 'Title'), (2, 'Body.')), ((3, 'T2'),)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from newsdump.records import Quote
from newsdump.text import has_text, normalize
from newsdump.ticker import is_damaged_quote, is_quote, parse_quote, split_glued

# The ASCII white space but the space and the line breaks (split_blocks makes every break an LF).
_ASCII_SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f"
_RUN_WINDOW = 2048  # characters a ticker run is first looked for in (a run of 40 quotes is about 1,100)


def find_quote(line: str) -> tuple[str | None, str, Quote | None]:
    """For a line holding a ``%``: ``(text before a glued quote or None, the
    quote's text, the quote or None)``.

    >>> find_quote("Body.• A/B = 1 0%")
    ('Body.', '• A/B = 1 0%', Quote(pair='A/B', rate=1.0, change_pct=0.0))
    """
    quote = parse_quote(line)
    if quote is None and (glued := split_glued(line)):
        return glued[0], glued[1], parse_quote(glued[1])
    return None, line, quote


def scan_lines(lines: Iterable[str]) -> Iterator[tuple[int, str, str, Quote | None]]:
    """``(line number, text, line ending, quote or None)`` per input line.

    A line with a ticker glued onto its end comes as two pieces with the same
    number: its text (no ending), then the quote (with the line's ending).

    >>> [piece[1:] for piece in scan_lines(["Body.• A/B = 1 0%\\r\\n"])]
    [('Body.', '', None), ('• A/B = 1 0%', '\\r\\n', Quote(pair='A/B', rate=1.0, change_pct=0.0))]
    """
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")  # at most one ending: a lone CR ends a line too
        ending = raw[len(line) :]
        if "%" not in line:  # every quote ends with a percentage
            yield n, line, ending, None
            continue
        head, line, quote = find_quote(line)
        if head is not None:
            yield n, head, "", None
        yield n, line, ending, quote


class Removed(NamedTuple):
    """Input that is in no article: lines ``start``..``end`` (1-based), why,
    and the text normalised (lines joined by ``\\n``). ``whole`` is False for a
    piece of a line whose rest went into an article."""

    start: int
    end: int
    reason: str
    text: str
    whole: bool = True


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page before parsing: where it starts, its quotes, its text lines,
    and (when asked for) its ticker and blank lines."""

    line: int
    quotes: tuple[Quote, ...]
    lines: tuple[tuple[int, str], ...]
    skipped: tuple[Removed, ...] = ()
    glued: int = 0  # the last line, when the next page's ticker is glued onto its end


class _Builder:
    __slots__ = ("start", "quotes", "lines", "skipped")

    def __init__(self, start: int = 0, skipped: list[Removed] | None = None) -> None:
        self.start = start
        self.quotes: list[Quote] = []
        self.lines: list[tuple[int, str]] = []
        self.skipped: list[Removed] = skipped or []

    def page(self, glued: int = 0) -> RawPage | None:
        if not self.quotes and not self.lines:
            return None
        start = self.start or self.lines[0][0]
        skipped = tuple(r._replace(text="\n" * (r.end - r.start)) if r.reason == "blank" else r for r in self.skipped)
        return RawPage(start, tuple(self.quotes), tuple(self.lines), skipped, glued)

    def skip(self, n: int, reason: str, text: str, whole: bool) -> None:
        last = self.skipped[-1] if self.skipped else None
        if reason == "blank" and last is not None and last.reason == "blank" and last.end == n - 1:
            self.skipped[-1] = last._replace(end=n)  # its text, one "\n" between lines, is made in page()
        else:
            self.skipped.append(Removed(n, n, reason, text, whole))


def split_pages(lines: Iterable[str], keep_skipped: bool = False, first_line: int = 1) -> Iterator[RawPage]:
    """Yield the pages of a stream of lines (line endings optional).

    With ``keep_skipped``, each page also holds its ticker lines and blank
    lines (runs of blank lines merged), for :mod:`newsdump.auditing`. Blank lines
    before the first ticker of a stream belong to the page it starts.
    ``first_line`` is the number of the first line (a chunk of a file)."""
    cur = _Builder()
    in_ticker = False
    previous = 0  # the line number of the last piece seen: a quote on the same line was glued onto it
    quotes_seen: dict[str, tuple[str | None, str, Quote | None]] = {}  # find_quote's answers, by line
    for n, raw in enumerate(lines, first_line):  # one loop, no generator between lines: this is the hot path
        line = raw.rstrip("\r\n")
        if "%" in line:  # every quote ends with a percentage
            if (found := quotes_seen.get(line)) is None:  # a ticker repeats its lines: each is read once
                if len(quotes_seen) > 4096:
                    quotes_seen.clear()
                found = quotes_seen[line] = find_quote(line)
            head, line, quote = found
            if head is not None:  # text with the next page's ticker glued on by `cat`
                in_ticker = False
                cur.lines.append((n, normalize(head)))
                previous = n
            if quote is not None:
                if not in_ticker:
                    if (page := cur.page(n if n == previous else 0)) is not None:
                        yield page
                        cur = _Builder(n)
                    else:  # nothing but blank lines so far: they go with this page
                        cur = _Builder(n, cur.skipped)
                    in_ticker = True
                cur.quotes.append(quote)
                if keep_skipped:
                    cur.skip(n, "ticker", normalize(line), n != previous)
                previous = n
                continue
        previous = n
        text = normalize(line)
        if not text:
            if keep_skipped:
                cur.skip(n, "blank", "", True)
            continue
        if in_ticker and is_damaged_quote(line):  # a quote line the widget left damaged: ticker noise
            if keep_skipped:
                cur.skip(n, "ticker", text, True)
            continue
        in_ticker = False
        cur.lines.append((n, text))
    if (page := cur.page()) is not None:
        yield page


def split_blocks(blocks: Iterable[str], first_line: int = 1, quotes: bool = True) -> Iterator[RawPage]:
    """The pages of :func:`split_pages` from the same text given in blocks,
    cut anywhere (:meth:`newsdump.reader.Reader.blocks` cuts them after line
    breaks), without its ticker and blank lines. Without ``quotes``, the
    pages' quotes are not read (an empty tuple: for article records, which
    do not carry them).

    The fast path of ``parse``: Python does no work per ticker line (a run
    of quote lines is found in C, :func:`_run_end`; the quotes of a run seen
    before are not read again) and none per blank line, and lines are
    normalised only in a stretch of text where something needs it.

    >>> [(p.line, p.lines) for p in split_blocks(["• A/B = 1 0%\\nTi", "tle\\nBody.• A/B = 1 0%\\n"])]
    [(1, ((2, 'Title'), (3, 'Body.'))), (3, ())]
    """
    # The page being read: its first line, quotes, text lines.
    start, page_quotes, lines = 0, list[Quote](), list[tuple[int, str]]()
    in_ticker = False  # no text since the last quote: a quote continues the ticker
    n = first_line  # the number of the line at ``pos``
    # The quotes of a run of quote lines, by its text (None: quotes are not read).
    quotes_of: dict[str, tuple[Quote, ...]] | None = {} if quotes else None
    seen: dict[str, tuple[str | None, str, Quote | None]] = {}  # find_quote's answers, by line
    known: set[str | bytes] = set()  # quote lines and their shapes seen (see _run_end)
    for text in _whole_lines(blocks):
        pos = search = 0
        while (at := text.find("%", search)) >= 0:  # every quote ends with a percentage
            line_start = text.rfind("\n", 0, at) + 1
            run_end = _run_end(text, line_start, known)
            if run_end < 0:  # a line with a % that is no quote: text, or text with a quote glued on
                end = text.find("\n", at)
                search = end = len(text) if end < 0 else end
                line = text[line_start:end]
                if (found := seen.get(line)) is None:
                    if len(seen) > 4096:
                        seen.clear()
                    found = seen[line] = find_quote(line)
                head, _, quote = found
                if head is None or quote is None:
                    continue
                if in_ticker:
                    n, pos = _past_damaged(text, pos, line_start, n)
                before, breaks = _text_lines(text[pos:line_start], n)
                n += breaks
                before.append((n, normalize(head)))
                lines += before
                # The quote starts a page, on the line that ended the one before (glued on by `cat`).
                yield RawPage(start or lines[0][0], tuple(page_quotes), tuple(lines), (), n)
                start, page_quotes, lines, in_ticker = n, [quote] if quotes else [], [], True
                n += 1
                pos = search = end + 1
                continue
            if in_ticker:
                n, pos = _past_damaged(text, pos, line_start, n)
            if line_start > pos:
                before, breaks = _text_lines(text[pos:line_start], n)
                if before:
                    lines += before
                    in_ticker = False
                n += breaks
            if not in_ticker:
                if start or lines:
                    yield RawPage(start or lines[0][0], tuple(page_quotes), tuple(lines))
                start, page_quotes, lines, in_ticker = n, [], [], True
            if quotes_of is not None:
                body = text[line_start:run_end]
                if (parsed := quotes_of.get(body)) is None:
                    parsed = tuple(filter(None, map(parse_quote, body.split("\n"))))
                    if len(body) <= 4 * _RUN_WINDOW:  # a run can be megabytes long: only short ones are kept
                        if len(quotes_of) > 256:
                            quotes_of.clear()
                        quotes_of[body] = parsed
                page_quotes += parsed
            n += text.count("\n", line_start, run_end) + 1
            pos = search = run_end + 1
        if in_ticker:
            n, pos = _past_damaged(text, pos, len(text), n)
        if pos < len(text):
            rest, breaks = _text_lines(text[pos:], n)
            if rest:
                lines += rest
                in_ticker = False
            n += breaks
    if start or lines:
        yield RawPage(start or lines[0][0], tuple(page_quotes), tuple(lines))


# Digits made 0 (in the UTF-8 bytes: ten times faster than str.translate on text with a bullet):
# whether a line is a quote never depends on which ASCII digits it has (only \\d matches them).
_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")


def _known_quote(line: str, known: set[str | bytes]) -> bool:
    """:func:`~newsdump.ticker.is_quote`, remembering quote lines and their
    shapes in ``known`` (see :func:`_run_end`)."""
    if line in known:
        return True
    if (shape := line.encode("utf-8", "surrogatepass").translate(_ZERO_DIGITS)) in known or is_quote(line):
        if len(known) >= 4096:
            known.clear()
        known.update((line, shape))
        return True
    return False


def _run_end(text: str, start: int, known: set[str | bytes]) -> int:
    """Where the run of quote lines starting at ``start`` (a line start, LF
    line breaks) ends: the index after its last quote line, or -1 if the
    line at ``start`` is no quote line. Blank lines (white space and BOMs
    only) may stand between quote lines.

    ``known`` holds the quote lines seen before, and their shapes (UTF-8,
    digits made 0): a ticker repeats its lines, and from day to day only their
    digits change, so a line is tested (:func:`~newsdump.ticker.is_quote`)
    only when neither it nor its shape was seen. The run is read in windows
    of text (a few kilobytes: a run can be megabytes long).

    >>> text = "• A/B = 1 0%\\n\\n • C/B = 2 1% \\n\\nTitle\\n"
    >>> text[: _run_end(text, 0, set())]
    '• A/B = 1 0%\\n\\n • C/B = 2 1% '
    """
    stop = text.find("\n", start)
    if not _known_quote(text[start:] if stop < 0 else text[start:stop], known):
        return -1  # a line with a % that is no quote: no window cut for it
    end = -1
    window = _RUN_WINDOW
    while True:
        stop = text.find("\n", start + window)
        lines = (text[start:] if stop < 0 else text[start:stop]).split("\n")
        last = 0  # lines up to the last quote line
        ended = stop < 0  # the text ends in this window
        for seen, line in enumerate(lines, 1):
            if line in known or _known_quote(line, known):
                last = seen
            elif has_text(line):  # neither a quote nor blank: the run has ended
                ended = True
                break
        if last:
            end = start + sum(map(len, lines[:last])) + last - 1
        if ended:
            return end
        start = stop + 1  # the run goes on past the window: on with the next, larger one
        window = min(4 * window, 32 * _RUN_WINDOW)


def _past_damaged(text: str, pos: int, end: int, n: int) -> tuple[int, int]:
    """``(line number, position)`` past the blank lines and damaged quote
    lines (:func:`~newsdump.ticker.is_damaged_quote`) at ``pos``, a line
    start inside a ticker block (LF line breaks): the ticker noise that
    :func:`split_pages` skips there too."""
    while pos < end:
        stop = text.find("\n", pos, end)
        line = text[pos : end if stop < 0 else stop]
        if has_text(line) and not is_damaged_quote(line):
            break
        if stop < 0:
            return n, end
        pos, n = stop + 1, n + 1
    return n, pos


def _whole_lines(blocks: Iterable[str]) -> Iterator[str]:
    """The text of ``blocks`` with every line break (CRLF, CR, LF) made an
    LF, in pieces of whole lines: each ends with an LF but the last."""
    carry = ""
    pieces: list[str] = []  # blocks without a line break, held until one comes (joined once: a long line stays linear)
    for block in blocks:
        cr = "\r" in block  # one scan per block (most have no CR)
        if not cr and "\n" not in block:
            pieces.append(block)
            continue
        if pieces:
            block, pieces = "".join(pieces) + block, []
        text = carry + block if carry else block
        held = ""
        if cr or "\r" in carry:
            if text.endswith("\r"):  # maybe half of a CRLF
                text, held = text[:-1], "\r"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        end = text.rfind("\n") + 1
        carry = text[end:] + held
        if end:
            yield text[:end] if carry else text
    carry += "".join(pieces)
    if carry:
        yield carry.replace("\r\n", "\n").replace("\r", "\n")


def _text_lines(text: str, n: int) -> tuple[list[tuple[int, str]], int]:
    """The non-blank lines of ``text`` (LF line breaks), normalised, numbered
    from ``n``, and how many line breaks ``text`` holds."""
    parts = text.split("\n")
    # No white space but the ASCII space, and no BOM (ASCII text: one scan per
    # kind of white space; other text: its lines are printable), no two
    # spaces in a row, and nothing to strip at the ends of lines.
    if (
        (not any(c in text for c in _ASCII_SPACES) if text.isascii() else all(map(str.isprintable, parts)))
        and "  " not in text
        and parts == list(map(str.strip, parts))
    ):
        return [(i, line) for i, line in enumerate(parts, n) if line], len(parts) - 1
    return [(i, line) for i, raw in enumerate(parts, n) if raw and (line := normalize(raw))], len(parts) - 1
