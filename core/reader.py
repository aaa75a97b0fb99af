"""Input for the library and the command line: files or standard input,
decoded, as lines with endings.

Owns every input concern: which bytes are text (NUL bytes mean binary,
UTF-16 is known by its BOM), how undecodable bytes are replaced and
counted, and the one-line message for an input that cannot be read.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Iterator
from itertools import chain
from typing import BinaryIO

SNIFF_BYTES = 8192
BATCH_CHARS = 1 << 16  # lines are read in lists of about this many characters


class InputError(Exception):
    """An input that cannot be read. ``str(err)`` is the one-line reason."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {reason}")
        self.source = source


class _Replacements:
    """Counts bytes replaced by the decoder for the input being read."""

    count = 0


def _replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _Replacements.count += exc.end - exc.start
    return "\ufffd", exc.end


codecs.register_error("newsdump.replace", _replace)


def check_encoding(name: str | None) -> str | None:
    """The codec's canonical name; raises LookupError if unknown."""
    return None if name is None else codecs.lookup(name).name


def _open_binary(source: str) -> BinaryIO:
    if source == "-":
        return sys.stdin.buffer
    try:
        return open(source, "rb")  # noqa: SIM115 (closed by Reader.__iter__)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as err:
        raise InputError(source, err.strerror or str(err)) from None


def _sniff(binary: BinaryIO) -> bytes:
    peek = getattr(binary, "peek", None)
    return peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek else b""


class _Borrowed(io.RawIOBase):
    """A caller's open binary file seen through a buffer (for ``peek``):
    closing this view leaves the caller's file open."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self.file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _peekable(file: BinaryIO) -> BinaryIO:
    """The caller's file, able to show its first bytes without consuming them."""
    return file if hasattr(file, "peek") else io.BufferedReader(_Borrowed(file))  # type: ignore[return-value]


class Reader:
    """The lines of one input (a path, or ``-`` for stdin) with their endings,
    split on CRLF, CR and LF only.

    Iterating raises :class:`InputError` for an input that cannot be read.
    Undecodable bytes become U+FFFD and ``warn`` is called once for the input;
    with ``passthrough`` they are kept as surrogates instead, so that writing
    the text back with :attr:`encoding` and ``surrogateescape`` gives the
    same bytes. :attr:`encoding` is the one used (known once reading starts).
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | BinaryIO,
        encoding: str | None = None,
        warn=lambda message: None,
        passthrough: bool = False,
        name: str | None = None,
    ) -> None:
        self.file: BinaryIO | None = None  # an open binary file: read, never closed here
        if isinstance(source, (str, os.PathLike)):
            self.path = os.fspath(source)
            self.source = name or self.path
        else:
            self.file, self.path = source, ""
            self.source = name or str(getattr(source, "name", "-"))
        self.encoding = encoding
        self.warn = warn
        self.errors = "surrogateescape" if passthrough else "newsdump.replace"

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self.batches())

    def batches(self) -> Iterator[list[str]]:
        """The lines in lists of about 64 KB: iterating them is C-speed."""
        source = self.source
        binary = _peekable(self.file) if self.file is not None else _open_binary(self.path)
        try:
            head = _sniff(binary)
            utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            if self.encoding is None or (utf16 and self.encoding.startswith("utf-16")):
                self.encoding = "utf-16" if utf16 else "utf-8"  # the BOM tells the byte order
            if self.encoding == "utf-8" and b"\x00" in head:
                raise InputError(source, "binary file (NUL bytes), skipped")
            _Replacements.count = 0
            text = io.TextIOWrapper(binary, encoding=self.encoding, errors=self.errors, newline="")
            try:
                n = 0
                while batch := text.readlines(BATCH_CHARS):
                    chars = "".join(batch)
                    if "\x00" in chars:
                        at = next(i for i, line in enumerate(batch) if "\x00" in line)
                        yield batch[:at]
                        raise InputError(source, "binary data (NUL bytes), rest of the file skipped", n + at + 1)
                    n += len(batch)
                    yield batch
                    # readlines(hint) stops past `hint` characters or at the end: a shorter list
                    # was the end. Asking again would wait for a second Ctrl-D on a terminal.
                    if len(chars) <= BATCH_CHARS:
                        break
            except OSError as err:
                raise InputError(source, err.strerror or str(err)) from None
            finally:
                text.detach()
            if _Replacements.count:
                self.warn(
                    f"{source}: not valid {self.encoding}: {_Replacements.count} byte(s) replaced "
                    f"with U+FFFD (name the real encoding with --encoding)"
                )
        finally:
            if self.file is None and binary is not sys.stdin.buffer:
                binary.close()
