"""Bytes to text: which encoding an input is in, and its lines decoded.

Pure and per input: nothing here is shared between two inputs read at the
same time (no global error handler, no class-level counter). The order of
the decision, for one input:

1. ``--encoding`` (an override; see :class:`EncodingRules` for the
   per-file form), else a byte-order mark (UTF-8, UTF-16, UTF-32);
2. NUL bytes: UTF-16 or UTF-32 without a BOM when the NULs fall in the
   places those encodings put them, else a binary file;
3. strict UTF-8;
4. else a legacy encoding guessed by charset-normalizer, checked by the
   structure of a dump: the candidate in which more ticker and result lines
   are recognised wins (charset-normalizer alone takes a short English
   cp1252 file for cp852 or cp1250), and UTF-8 with a few bad bytes stays
   UTF-8 when it shows more of that structure than any code page.

>>> guess_encoding("• KGS/USD = 0.01144 0%\\nНовости\\n".encode("cp1251")).encoding
'cp1251'
>>> guess_encoding("Title\\n".encode("utf-16-le")).encoding
'utf-16-le'
>>> lines = LineDecoder("utf-8")
>>> lines.feed(b"a\\r"), lines.feed(b"\\nb\\xff\\n"), lines.feed(b"", final=True), lines.replaced
([], ['a\\r\\n', 'b\\ufffd\\n'], [], 1)
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from newsdump.results import parse_results
from newsdump.text import LINE_PIECE, normalize, split_lines
from newsdump.ticker import parse_quote

# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings named when charset-normalizer's candidate decodes to the same text
# (it says cp1250 for plain English cp1252), and always tried.
COMMON_LEGACY = ("cp1252", "cp1251", "koi8-r")
# How many of charset-normalizer's candidates are checked.
CANDIDATES = 6
ODDITY_CHARS = 32768  # characters of a sample looked at for oddities
_ESCAPED = re.compile("[\udc00-\udcff]+")  # undecodable bytes, kept by surrogateescape
_WORD = re.compile(r"[^\W\d_]+")
_C1 = re.compile("[\x80-\x9f]")
_BOX = re.compile("[\u2500-\u259f]")
# Bytes decoded at a time: a megabyte decoded in one call is 2 to 3 times slower
# (0.12 s against 0.04 to 0.05 s per 100 MB of UTF-8, English text with bullets or
# curly quotes): its output outgrows the cache.
PIECE_BYTES = 1 << 14
# Where str.splitlines() splits besides CR and LF (SPEC: lines end at CRLF, CR and LF only).
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass(frozen=True)
class Guess:
    """The encoding chosen for an input and why: ``how`` is ``given``,
    ``bom``, ``utf-8`` (the head is strict UTF-8), ``mostly-utf-8`` (UTF-8
    with a few bad bytes), ``no-bom`` (UTF-16/32 without a BOM), ``detected``
    (a legacy encoding), or ``binary`` (``encoding`` is None)."""

    encoding: str | None
    how: str

    def note(self, source: str) -> str | None:
        """The one warning that names a guess, or None when nothing was guessed."""
        if self.how == "detected":
            return f"{source}: not UTF-8, read as {self.encoding} (name the encoding with --encoding if wrong)"
        if self.how == "no-bom":
            return f"{source}: no byte-order mark, read as {self.encoding}"
        return None


def decode_pieces(decoder: codecs.IncrementalDecoder, data: bytes, final: bool = False) -> Iterator[str]:
    """``decoder.decode(data, final)`` in pieces of :data:`PIECE_BYTES`
    bytes, each decoded when it is taken (while the consumer reads it, it is
    still in the cache): texts that join to what one decode gives.

    >>> pieces = list(decode_pieces(codecs.getincrementaldecoder("utf-8")(), "añ•".encode() * 9000, True))
    >>> len(pieces), "".join(pieces) == "añ•" * 9000
    (4, True)
    """
    view = memoryview(data)
    size = PIECE_BYTES
    for start in range(0, len(data) or 1, size):
        yield decoder.decode(view[start : start + size], final and start + size >= len(data))


# Codecs whose bytes 0, 10 and 13 are NUL, LF and CR wherever they stand, and no other bytes
# decode to those: UTF-8, ASCII, the single-byte code pages, the ASCII-based CJK codecs. Not
# UTF-16 or UTF-32, nor escape codecs (raw_unicode_escape makes a NUL of "\\u0000"), nor hz
# (its "~" before a line break joins the lines); EBCDIC pages fail the test below.
_PLAIN_CODECS = re.compile(
    r"utf-8(?:-sig)?|ascii|iso8859-\d+|(?:cp|windows-)\d+|koi8-\w+|mac-\w+|kz1048|ptcp154|"
    r"shift_jis(?:_2004|x0213)?|euc_(?:jp|jis_2004|jisx0213|kr)|gbk|gb2312|gb18030|big5(?:hkscs)?|johab"
)


def plain_bytes(encoding: str) -> bool:
    """Whether bytes 0, 10 and 13 of input in ``encoding`` are always NUL, LF
    and CR, and nothing else decodes to them: then NUL bytes and line breaks
    can be looked for in the bytes (:class:`~newsdump.reader.Reader`).

    >>> plain_bytes("utf-8"), plain_bytes("cp1251"), plain_bytes("utf-16-le"), plain_bytes("cp037")
    (True, True, False, False)
    """
    try:
        name = codecs.lookup(encoding).name
        return bool(_PLAIN_CODECS.fullmatch(name)) and "\x00\n\r".encode(encoding).endswith(b"\x00\n\r")
    except (LookupError, UnicodeError, ValueError):
        return False


def check_codec(name: str) -> str:
    """The codec's canonical name; raises LookupError if unknown."""
    return codecs.lookup(name).name


def _printable(text: str) -> bool:
    """Text, not binary: no control characters but tab, line breaks and form feed."""
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\x0c" for c in text)


def _wide(head: bytes, at_eof: bool) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the NUL bytes fall:
    ASCII characters in UTF-16-LE are ``x 00``, in UTF-32-LE ``x 00 00 00``."""
    for width in (4, 2):
        size = len(head) - len(head) % width
        if size < width:
            continue
        columns = [head[i:size:width].count(0) for i in range(width)]
        units = size // width
        for order in ("le", "be"):
            zero, other = (columns[width - 1], columns[0]) if order == "le" else (columns[0], columns[width - 1])
            if width == 4 and zero != units:
                continue  # the top byte of every UTF-32 unit is 0
            if width == 2 and (not zero or other * 10 > zero):
                continue  # ASCII units (line breaks at least) have a NUL high byte; few units a NUL low byte
            name = f"utf-{width * 8}-{order}"
            try:
                text = codecs.getincrementaldecoder(name)("strict").decode(head[:size], at_eof)
            except UnicodeDecodeError:
                continue
            # A line feed in the units' low byte is a line break in the wide text, or part of a
            # character (U+040A, U+4E0A: Chinese text has a few per line): a narrow text with a
            # stray NUL read as wide pairs its line feeds with the bytes beside them, and has
            # next to no line break. One in eight of them breaking lines is wide text.
            feeds = head[width - 1 if order == "be" else 0 : size : width].count(b"\n")
            if _printable(text) and text.count("\n") * 8 >= feeds:
                return name
    return None


def _structure(text: str) -> int:
    """How many lines read as a dump's ticker or result lines."""
    quotes = sum(1 for line in split_lines(text) if "%" in line and parse_quote(line) is not None)
    results = sum(1 for line in split_lines(text) if line[:1].isalpha() and parse_results(normalize(line)))
    return quotes + results


def _script(c: str) -> str:
    return "LATIN" if c < "\x80" else unicodedata.name(c, "?").split(" ", 1)[0]


def _oddities(text: str) -> int:
    """Signs of a wrong code page: C1 control characters and box drawing;
    words that mix scripts (``Јуdџ``: Polish read as cp1251), words of three
    or more Latin letters none of them ASCII (``Ïðåçèäåíò``: Russian read as
    cp1252), a lower-case letter followed by an upper-case one where one is
    not ASCII (``пРЕЗИДЕНТ``: cp1251 read as koi8-r)."""
    text = text[:ODDITY_CHARS]
    bad = 5 * len(_C1.findall(text)) + len(_BOX.findall(text))
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word}
        mixed = len(scripts) > 1
        accents_only = len(word) >= 3 and scripts == {"LATIN"} and not any(c < "\x80" for c in word)
        bad += mixed or accents_only
        if any(a.islower() and b.isupper() and max(a, b) > "\x7f" for a, b in zip(word, word[1:])):
            bad += 1
    return bad


def _candidates(sample: bytes) -> list[str]:
    """charset-normalizer's guesses, best first, then the common legacy encodings."""
    from charset_normalizer import from_bytes  # imported only for files that are not UTF-8

    names = [m.encoding for m in list(from_bytes(sample))[:CANDIDATES]]
    out: list[str] = []
    for name in [*names, *COMMON_LEGACY]:
        try:
            canonical = check_codec(name)
        except LookupError:
            continue
        if canonical not in out and not canonical.startswith(("utf", "ascii")):
            out.append(canonical)
    return out


def detect_legacy(sample: bytes) -> str | None:
    """The legacy (single-byte) encoding of a sample that is not UTF-8, or None.

    A candidate must decode the sample; the one with the most ticker and
    result lines recognised wins, then the one with fewest oddities, then a
    common encoding (cp1252, cp1251, koi8-r) over a rare one (charset-normalizer
    takes Spanish cp1252 for cp1250), then charset-normalizer's order. Candidates that decode to the same text are
    one, named by the most common encoding among them."""
    texts: dict[str, str] = {}  # text -> the name it goes by
    for name in _candidates(sample):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            try:  # the sample may end inside a character of a multi-byte code
                text = codecs.getincrementaldecoder(name)("strict").decode(sample, False)
            except UnicodeDecodeError:
                continue
        if text in texts:
            if name in COMMON_LEGACY and texts[text] not in COMMON_LEGACY:
                texts[text] = name
            continue
        texts[text] = name
    if not texts:
        return None
    ranked = [
        (-_structure(text), _oddities(text), name not in COMMON_LEGACY, rank, name)
        for rank, (text, name) in enumerate(texts.items())
    ]
    return min(ranked)[-1]


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a few bad bytes: more valid multi-byte characters than bad bytes (in a legacy
    encoding, bytes that happen to form UTF-8 are rare)."""
    text = sample.decode("utf-8", "surrogateescape")
    bad = sum(len(m) for m in _ESCAPED.findall(text))
    good = sum(1 for c in text if c > "\x7f") - bad
    return good > 0 and 2 * good >= bad


def guess_encoding(head: bytes, at_eof: bool = True, tail: bytes = b"") -> Guess:
    """The encoding of an input whose first bytes are ``head`` (``at_eof``:
    the whole input). ``tail`` is more of the input where strict UTF-8 fails,
    if that was found past the head; it joins the sample for detection."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return Guess(name, "bom")
    if b"\x00" in head:
        wide = _wide(head, at_eof)
        return Guess(wide, "no-bom") if wide else Guess(None, "binary")
    if not tail:
        try:
            codecs.getincrementaldecoder("utf-8")("strict").decode(head, at_eof)
            return Guess("utf-8", "utf-8")
        except UnicodeDecodeError:
            pass
    sample = head + tail
    if _mostly_utf8(sample):
        return Guess("utf-8", "mostly-utf-8")
    legacy = detect_legacy(sample)
    if legacy is None or _structure(sample.decode("utf-8", "replace")) > _structure(sample.decode(legacy, "replace")):
        return Guess("utf-8", "mostly-utf-8")  # UTF-8 with bad bytes shows more of a dump than any code page
    return Guess(legacy, "detected")


def encode_kept(encoder: codecs.IncrementalEncoder, text: str) -> bytes:
    """``text`` encoded back with ``encoder``, the bad bytes that a
    :class:`LineDecoder` with ``passthrough`` kept as surrogates written as
    they were read (also bytes below 0x80 of UTF-16, which surrogateescape
    cannot carry).

    >>> encode_kept(codecs.getincrementalencoder("utf-16-be")(), "\\t\\udc00")
    b'\\x00\\t\\x00'
    """
    out: list[bytes] = []
    pos = 0
    for m in _ESCAPED.finditer(text):
        out += (encoder.encode(text[pos : m.start()]), bytes(ord(c) - 0xDC00 for c in m.group()))
        pos = m.end()
    out.append(encoder.encode(text[pos:]))
    return b"".join(out)


class LineDecoder:
    """Bytes in, lines with their endings out (split on CRLF, CR and LF only).

    Undecodable bytes are counted in :attr:`replaced`; each run of them
    becomes one U+FFFD, or with ``passthrough`` stays as surrogates, so
    that encoding the text back with ``surrogateescape`` gives the same
    bytes. All state is the instance's own."""

    def __init__(self, encoding: str, passthrough: bool = False) -> None:
        self.encoding = encoding
        self.passthrough = passthrough
        self.replaced = 0
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self.plain_bytes = plain_bytes(encoding)
        self._pending: list[str] = []  # pieces of a line not ended yet
        self._cr = ""  # a CR at the end of a chunk: the next chunk may start with its LF

    def _decode(self, data: bytes, final: bool) -> Iterator[str]:
        """The text in pieces, decoded as they are taken. Strict first (the
        fast path); from a piece with bad bytes on, the rest again in one
        piece, keeping them as surrogates."""
        decoder = self._decoder
        state = decoder.getstate()
        done = 0  # bytes decoded and given
        try:
            for text in decode_pieces(decoder, data, final):
                yield text
                done += PIECE_BYTES
                state = decoder.getstate()
        except UnicodeDecodeError:
            decoder.setstate(state)
            yield self._escaped(data[done:], final)

    def _escaped(self, data: bytes, final: bool) -> str:
        """The text of ``data``, each run of bad bytes one U+FFFD, or with
        ``passthrough`` kept as surrogates; counted in :attr:`replaced`."""
        decoder = self._decoder
        out: list[str] = []
        while True:
            try:
                decoder.errors = "surrogateescape"
                out.append(decoder.decode(data, final))
                break
            except UnicodeDecodeError as err:
                # Only codecs that are not ASCII-compatible (UTF-16, UTF-32) get here:
                # surrogateescape cannot carry a bad byte below 0x80. Keep each bad
                # byte as a surrogate of its own and go on after them.
                data = bytes(err.object)  # what the decoder held back, then ``data``
                decoder.reset()
                out.append(data[: err.start].decode(self.encoding, "surrogateescape"))
                out.append("".join(chr(0xDC00 + b) for b in data[err.start : err.end]))
                data = data[err.end :]
            finally:
                decoder.errors = "strict"
        text = "".join(out)
        escaped = _ESCAPED.findall(text)
        self.replaced += sum(map(len, escaped))
        return text if self.passthrough or not escaped else _ESCAPED.sub("\ufffd", text)

    def feed(self, data: bytes, final: bool = False) -> list[str]:
        """The lines that ``data`` completes; ``final`` ends the input."""
        text = self._cr + "".join(self._decode(data, final))
        self._cr = ""
        if not final and text.endswith("\r"):
            text, self._cr = text[:-1], "\r"
        # splitlines gives the same pieces at C speed, unless the text holds its other line breaks
        pieces = LINE_PIECE.findall(text) if any(c in text for c in _OTHER_BREAKS) else text.splitlines(True)
        if not pieces:
            return self._flush() if final else []
        ended = pieces[-1][-1] in "\r\n"
        if self._pending:
            self._pending.append(pieces[0])
            if len(pieces) == 1 and not ended:
                return self._flush() if final else []
            pieces[0] = "".join(self._pending)
            self._pending = []
        if not ended and not final:
            self._pending = [pieces.pop()]
        return pieces

    def feed_text(self, data: bytes, final: bool = False) -> Iterator[str]:
        """The text of the whole lines that ``data`` completes, in pieces of
        whole lines (endings kept) of about :data:`PIECE_BYTES`, decoded as
        they are taken; with ``final``, the rest of the input too. A CR at
        the end of a piece is held back: the next may start with its LF.
        Pieces keep text compact (a piece of ASCII stays a one-byte string,
        where a megabyte with one bullet in it would take two bytes a
        character) and in the cache while it is read. Take every piece
        before feeding more. Use one decoder for lines (:meth:`feed`) or for
        text, not both.

        >>> d = LineDecoder("utf-8")
        >>> [list(d.feed_text(b"a\\nb\\r")), list(d.feed_text(b"\\nc")), list(d.feed_text(b"", final=True))]
        [['a\\n'], ['b\\r\\n'], ['c']]
        """
        pending = self._pending  # the start of a line not ended yet (a long line is joined once)
        for text in self._decode(data, final):
            end = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
            if end == 0:
                if text:
                    pending.append(text)
                continue
            if pending:
                pending.append(text[:end])
                whole = "".join(pending)
                pending.clear()
                yield whole
            else:
                yield text[:end] if end < len(text) else text
            if end < len(text):
                pending.append(text[end:])
        if final and pending:
            whole = "".join(pending)
            pending.clear()
            yield whole

    @property
    def holds_text(self) -> bool:
        """Whether text of a line not ended yet is held for the next data."""
        return bool(self._pending or self._cr)

    def _flush(self) -> list[str]:
        if not self._pending:
            return []
        line = "".join(self._pending)
        self._pending = []
        return [line]


@dataclass(frozen=True)
class EncodingRules:
    """What ``--encoding`` says: one codec for every input (``cp1251``), or
    per-file rules ``PATTERN=CODEC`` separated by commas, tried in order,
    with an optional bare codec for the inputs no pattern matches
    (``old/*=koi8-r,*.win.txt=cp1251,utf-8``). A pattern is a shell glob
    matched against the path as given and against its file name. An input
    that no rule names has its encoding detected.

    >>> rules = EncodingRules.parse("old/*=koi8-r, *.win.txt=cp1251")
    >>> rules.for_path("old/a.txt"), rules.for_path("x/b.win.txt"), rules.for_path("c.txt")
    ('koi8-r', 'cp1251', None)
    >>> str(rules)
    'old/*=koi8-r,*.win.txt=cp1251'
    """

    rules: tuple[tuple[str, str], ...] = ()
    default: str | None = None

    @classmethod
    def parse(cls, spec: str | None) -> EncodingRules:
        """Raises LookupError naming an unknown codec or a second default."""
        rules: list[tuple[str, str]] = []
        default = None
        for part in (spec or "").split(","):
            part = part.strip()
            if not part:
                continue
            pattern, _, name = part.rpartition("=")
            name = check_codec(name.strip())
            if pattern.strip():
                rules.append((pattern.strip(), name))
            elif default is not None:
                raise LookupError(f"two encodings for every file: {default} and {name}")
            else:
                default = name
        return cls(tuple(rules), default)

    def for_path(self, path: str) -> str | None:
        """The codec the rules give this input, or None (detect it)."""
        base = os.path.basename(path)
        for pattern, name in self.rules:
            if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(base, pattern):
                return name
        return self.default

    def __str__(self) -> str:
        parts = [f"{p}={n}" for p, n in self.rules] + ([self.default] if self.default else [])
        return ",".join(parts)
