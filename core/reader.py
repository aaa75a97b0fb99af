"""Input for the library and the command line: a file, standard input or an
open binary file, decompressed and decoded, as lines with endings.

Owns every input concern but the choice of encoding (:mod:`newsdump.decode`):
opening, compressed input (gzip, bzip2, xz, zstd, known by their magic
bytes and decompressed as they stream), binary input, and the one-line
message for an input that cannot be read. Each :class:`Reader` keeps its
own state: two readers can be read at the same time, interleaved.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import IO, Any, BinaryIO

import zstandard
from newsdump.decode import BOMS, EncodingRules, Guess, LineDecoder, decode_pieces, guess_encoding
from newsdump.text import line_count

SNIFF_BYTES = 1 << 16  # the head that decides the encoding
CHUNK_BYTES = 1 << 16  # bytes decoded at a time: lines come in lists of about this size
BLOCK_BYTES = 1 << 20  # bytes read at a time for blocks of text
TAIL_BYTES = 1 << 14  # bytes around the first non-UTF-8 byte past the head, for detection
# Magic bytes -> compression (bzip2: "BZh", a block size, then a block or the end-of-stream magic).
MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    *((b"BZh" + bytes([level]) + block, "bzip2") for level in b"123456789" for block in (b"1AY&SY", b"\x17rE8P\x90")),
)
# What a damaged compressed stream raises while it is read.
_CORRUPT = (OSError, EOFError, zlib.error, lzma.LZMAError, zstandard.ZstdError)


def source_name(path: str) -> str:
    """A path as records and messages show it (the ``source`` field): as
    given, except that bytes which are not UTF-8 (which Python keeps as
    surrogates, ``surrogateescape``) are written ``\\xHH``.

    >>> source_name("dumps/bad\\udcff.txt")
    'dumps/bad\\\\xff.txt'
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that stands for no byte
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")


class InputError(Exception):
    """An input that cannot be read. ``str(err)`` is the one-line reason."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        source = source_name(source)
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {reason}")
        self.source = source


def check_encoding(spec: str | None) -> str | None:
    """An ``--encoding`` value checked and in canonical form (codec names as
    :mod:`codecs` spells them; see :class:`~newsdump.decode.EncodingRules`
    for ``PATTERN=CODEC``), or None; raises LookupError if a codec is unknown."""
    return str(EncodingRules.parse(spec)) or None


def _open_path(path: str) -> BinaryIO:
    try:
        return open(path, "rb")  # noqa: SIM115 (closed by Reader.batches)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None


def _whole_reads(stream: Any) -> bool:
    """Whether ``stream.read(n)`` gives n bytes unless the input has ended
    (buffered files, BytesIO, the decompressors), so that a short read is
    the end: asking again would wait for a second Ctrl-D on a terminal."""
    return isinstance(stream, io.BufferedIOBase) or getattr(stream, "whole_reads", False)


class _Prefixed:
    """A stream that gives ``head`` first, then the rest of ``stream``;
    ``ended``: the input ended within the head (``stream`` is not read again)."""

    def __init__(self, head: bytes, stream: Any, ended: bool) -> None:
        self.head = head
        self.stream = stream
        self.ended = ended
        self.whole_reads = ended or _whole_reads(stream)
        self.mode = "rb"

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return b"" if self.ended else self.stream.read(size)
        if size < 0:
            out, self.head = self.head + (b"" if self.ended else self.stream.read()), b""
            return out
        out, self.head = self.head[:size], self.head[size:]
        if len(out) < size and not self.ended:
            out += self.stream.read(size - len(out))
        return out


class _Zstd:
    """The content of zstd frames as a stream. zstandard's own reader ends
    quietly at a truncated frame; this one raises EOFError there."""

    whole_reads = True

    def __init__(self, source: Any) -> None:
        self.source = source
        self.context = zstandard.ZstdDecompressor()
        self.frame = self.context.decompressobj()
        self.out = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.out) < size:
            data = self.source.read(1 << 14)  # small steps: the output of one step is held at once
            if not data:
                if not self.frame.eof:
                    raise EOFError("Compressed file ended before the end-of-stream marker was reached")
                break
            while data:
                if self.frame.eof:  # the next frame
                    self.frame = self.context.decompressobj()
                self.out += self.frame.decompress(data)
                data = self.frame.unused_data if self.frame.eof else b""
        if size < 0:
            size = len(self.out)
        out, self.out = self.out[:size], self.out[size:]
        return out


def _read_up_to(stream: Any, size: int) -> bytes:
    """``size`` bytes of ``stream``, fewer only at its end."""
    first = stream.read(size)
    if len(first) == size or not first or _whole_reads(stream):
        return first
    parts: list[bytes] = [first]
    got = len(first)
    while got < size and (part := stream.read(size - got)):
        parts.append(part)
        got += len(part)
    return b"".join(parts)


_MAGIC_FIRST = frozenset(magic[0] for magic, _ in MAGIC)


def compression(head: bytes) -> str | None:
    """The compression the first bytes of an input announce, or None."""
    if not head or head[0] not in _MAGIC_FIRST:  # most inputs: one look, not one per magic
        return None
    return next((name for magic, name in MAGIC if head.startswith(magic)), None)


def _decompressed(raw: Any, head: bytes, kind: str | None) -> tuple[Any, bytes]:
    """``(stream of the content, its first bytes)`` of an input whose first
    bytes ``head`` (up to SNIFF_BYTES) were read from ``raw``; the stream
    gives those first bytes again."""
    if kind is None:
        return _Prefixed(head, raw, len(head) < SNIFF_BYTES), head
    source: Any = _Prefixed(head, raw, len(head) < SNIFF_BYTES)
    stream: Any
    if kind == "gzip":
        stream = gzip.GzipFile(fileobj=source, mode="rb")  # noqa: SIM115
    elif kind == "bzip2":
        stream = bz2.BZ2File(source)  # noqa: SIM115
    elif kind == "xz":
        stream = lzma.LZMAFile(source)  # noqa: SIM115 (closed with the input)
    else:
        stream = _Zstd(source)
    head = _read_up_to(stream, SNIFF_BYTES)
    return _Prefixed(head, stream, len(head) < SNIFF_BYTES), head


def _before_nul(batch: str | list[str]) -> tuple[str | list[str], int] | None:
    """For a batch (a block of text or a list of lines) that holds a NUL:
    its whole lines before the NUL's line, and how many; else None."""
    if isinstance(batch, str):
        if "\x00" not in batch:
            return None
        head = batch[: batch.index("\x00")]
        before = head[: max(head.rfind("\n"), head.rfind("\r")) + 1]
        return before, line_count(before)
    if "\x00" not in "".join(batch):
        return None
    at = next(i for i, line in enumerate(batch) if "\x00" in line)
    return batch[:at], at


class Reader:
    """The lines of one input, with their endings, split on CRLF, CR and LF only.

    ``source`` is a path (``str`` or ``os.PathLike``; ``"-"`` is standard
    input) or an open binary file, which is read but not closed; ``name`` is
    what :attr:`source` then says (default: the file's ``name``, else ``-``).
    Compressed input is decompressed as it is read.

    ``encoding`` is a codec name, or ``--encoding`` rules
    (:class:`~newsdump.decode.EncodingRules`); when it names none for this
    input, the encoding is detected (:func:`~newsdump.decode.guess_encoding`)
    and a guess is named once through ``warn``. Iterating raises
    :class:`InputError` for an input that cannot be read. Undecodable bytes
    become U+FFFD and ``warn`` is called once for the input; with
    ``passthrough`` they are kept as surrogates instead, so that writing the
    text back with :attr:`encoding` and ``surrogateescape`` gives the same
    bytes. :attr:`encoding` is the one used (known once reading starts).
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | IO[bytes],
        encoding: str | EncodingRules | None = None,
        warn: Callable[[str], object] = lambda message: None,
        passthrough: bool = False,
        name: str | None = None,
    ) -> None:
        self._file: IO[bytes] | None = None
        self._path: str | None = None
        if isinstance(source, str | os.PathLike):
            path = os.fspath(source)
            self._path = None if path == "-" else path
            self.source = source_name(name or path)  # what records and messages show
        else:
            self._file = source
            given = getattr(source, "name", None)
            self.source = source_name(name or (given if isinstance(given, str) else "-"))
        rules = encoding if isinstance(encoding, EncodingRules) else EncodingRules.parse(encoding)
        self.encoding: str | None = rules.for_path(self.source)
        self.warn = warn
        self.passthrough = passthrough

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self.batches())

    def _open(self) -> tuple[IO[bytes], bool]:
        """The binary input and whether this reader closes it."""
        if self._file is not None:
            return self._file, False
        if self._path is None:
            return sys.stdin.buffer, False
        return _open_path(self._path), True

    def batches(self) -> Iterator[list[str]]:
        """The lines in lists of about 64 KB: iterating them is C-speed."""
        return self._read(text=False)

    def blocks(self) -> Iterator[str]:
        """The text in blocks of whole lines (about 16 KB, line endings kept,
        see :meth:`~newsdump.decode.LineDecoder.feed_text`): each block ends
        with a line break, but the last may not. For
        :func:`newsdump.split.split_blocks`, which splits them into lines
        only where it must."""
        return self._read(text=True)

    def _read(self, text: bool) -> Iterator[Any]:
        """The input opened when reading starts, decoded, and closed when it ends (if it is ours)."""
        raw, owned = self._open()
        try:
            yield from self._decoded(raw, text)
        finally:
            if owned:
                raw.close()

    def _decoded(self, raw: IO[bytes], text: bool) -> Iterator[Any]:
        """Lists of lines, or blocks of text when ``text``."""
        source = self.source
        kind = None
        n = 0
        try:
            head = _read_up_to(raw, SNIFF_BYTES)
            kind = compression(head)
            stream, head = _decompressed(raw, head, kind)
            guess = self._guess(head, len(head) < SNIFF_BYTES)
            if guess.encoding is None:
                raise InputError(source, "binary file (NUL bytes), skipped")
            self.encoding = guess.encoding
            if note := guess.note(source):
                self.warn(note)
            decoder = LineDecoder(guess.encoding, self.passthrough)
            size = BLOCK_BYTES if text else CHUNK_BYTES
            whole = _whole_reads(stream)
            held_plain = True  # the text of an unended line held by the decoder has no NUL or CR
            while True:
                data = stream.read(size)
                final = not data or (whole and len(data) < size)  # a short read was the end
                if text and decoder.plain_bytes and held_plain and b"\x00" not in data and b"\r" not in data:
                    # No NUL and no CR in these bytes nor in the text held (so none in the blocks),
                    # and LF bytes are its line breaks: the blocks go as they are, lines counted on the bytes.
                    yield from decoder.feed_text(data, final=final)
                    n += data.count(b"\n")
                    if final:
                        break
                    continue
                held_plain = False
                batches: Iterable[str] | list[list[str]] = (
                    decoder.feed_text(data, final=final) if text else [decoder.feed(data, final=final)]
                )
                for batch in batches:
                    if not batch:
                        continue
                    if (cut := _before_nul(batch)) is not None:
                        yield cut[0]
                        raise InputError(source, "binary data (NUL bytes), rest of the file skipped", n + cut[1] + 1)
                    n += line_count(batch) if isinstance(batch, str) else len(batch)
                    yield batch
                held_plain = not decoder.holds_text
                if final:
                    break
        except _CORRUPT as err:
            if kind is None and isinstance(err, OSError):
                raise InputError(source, err.strerror or str(err)) from None
            where = f" after line {n}" if n else ""
            raise InputError(source, f"corrupt {kind} data{where} ({err}), rest of the file skipped") from None
        if decoder.replaced:
            self.warn(
                f"{source}: not valid {self.encoding}: {decoder.replaced} byte(s) replaced "
                f"with U+FFFD (name the real encoding with --encoding)"
            )

    def _guess(self, head: bytes, at_eof: bool) -> Guess:
        if self.encoding is not None:
            family = self.encoding.replace("_", "-")[:6]
            for bom, name in BOMS:  # a BOM tells the byte order of the UTF-16 or UTF-32 asked for
                if head.startswith(bom) and name.startswith(family) and family in ("utf-16", "utf-32"):
                    return Guess(name, "bom")
            return Guess(self.encoding, "given")
        guess = guess_encoding(head, at_eof)
        if guess.how == "utf-8" and not at_eof and self._path is not None:
            tail = self._first_non_utf8()
            if tail:
                guess = guess_encoding(head, at_eof, tail)
        return guess

    def _first_non_utf8(self) -> bytes:
        """Past the head of a file that can be read twice: the bytes around the
        first that is not UTF-8, or b"" if it is all UTF-8 (strict UTF-8
        first: a legacy character may first appear deep in a file)."""
        assert self._path is not None
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        try:
            if not stat.S_ISREG(os.stat(self._path).st_mode):  # a named pipe, a device: read once only
                return b""
            with open(self._path, "rb") as raw:
                head = _read_up_to(raw, SNIFF_BYTES)
                stream, _ = _decompressed(raw, head, compression(head))
                while chunk := stream.read(1 << 20):
                    state = decoder.getstate()
                    try:
                        for _ in decode_pieces(decoder, chunk):
                            pass
                    except UnicodeDecodeError:
                        decoder.setstate(state)  # again in one piece, for the bytes around the error
                        try:
                            decoder.decode(chunk)
                        except UnicodeDecodeError as err:
                            return bytes(err.object[max(0, err.start - 256) : err.start + TAIL_BYTES])
        except _CORRUPT:
            pass  # reported when the file is read
        return b""


_BOM_STARTS = tuple(bom for bom, _ in BOMS)


def plain_blocks(data: bytes, source: str, encoding: EncodingRules) -> list[str] | None:
    """The blocks :meth:`Reader.blocks` gives for the whole input ``data``
    (named ``source``) in the common case where it has nothing to find out:
    not compressed, no encoding named for it, no byte-order mark, no NUL,
    valid UTF-8 (then it warns of nothing). None otherwise: read the input
    with a :class:`Reader` then. For many small files (``convert``): a
    Reader's set-up costs more than a one-page file's decoding."""
    if (
        b"\x00" in data
        or compression(data) is not None
        or data.startswith(_BOM_STARTS)
        or encoding.for_path(source) is not None
    ):
        return None
    try:
        text = data.decode("utf-8")  # what a LineDecoder's strict first try gives for a whole input
    except UnicodeDecodeError:
        return None
    return [text] if text else []
