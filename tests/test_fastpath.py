"""The fast paths give exactly what the general code gives: pages split
from blocks of text (cut anywhere) equal pages split from lines, the
one-function line classifier equals the table of tests, blocks read from a
file are its text, and parsing from blocks prints the same records."""

import codecs
import io
import sys
from dataclasses import replace
from unittest.mock import patch

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsdump import decode, split
from newsdump.decode import PIECE_BYTES, LineDecoder, decode_pieces
from newsdump.jsonl import page_records
from newsdump.lines import _CLOSERS, _NOT_CLOSERS, KINDS, kind_of, line_classifier, line_tests, strip_closers
from newsdump.parser import parse_blocks, parse_stream
from newsdump.profile import TIMESCA, builtin_profile, compile_rules, load_profile
from newsdump.reader import TAIL_BYTES, InputError, Reader
from newsdump.split import split_blocks, split_pages
from newsdump.text import split_lines
from newsdump.ticker import is_quote, parse_quote

from tests.dumpgen import dumps
from tests.records import as_json
from tests.test_properties import NOISY_TEXT

# Noise with every kind of white space and line break the rules treat apart.
WHITE_NOISE = st.lists(
    st.sampled_from(
        list("ab .…%\n\r\t\x0b\x0c\x1c\x1f\x85\u2028\u2029\u3000\u00a0\ufeff•·")
        + ["  ", "\r\n", "• A/B = 1 0%", " • KZT/USD = 0.1 -0%  ", "Body.• C/D = 2,5 +1%", "x" * 81 + "%"]
    ),
    max_size=120,
).map("".join)
TEXTS = st.one_of(NOISY_TEXT, WHITE_NOISE, dumps().map(lambda case: case[0]))


def cut(text: str, points: list[int]) -> list[str]:
    """``text`` cut at ``points`` (any places, even inside a CRLF)."""
    edges = sorted({min(p, len(text)) for p in points})
    return [text[a:b] for a, b in zip([0, *edges], [*edges, len(text)])]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.lists(st.integers(0, 3000), max_size=6), st.integers(1, 50))
def test_split_blocks_gives_the_pages_split_pages_gives(text, points, first_line):
    want = list(split_pages(split_lines(text), first_line=first_line))
    assert list(split_blocks(cut(text, points), first_line=first_line)) == want
    unquoted = list(split_blocks(cut(text, points), first_line=first_line, quotes=False))
    assert unquoted == [replace(page, quotes=()) for page in want]


def test_split_blocks_cases():
    glued = "• A/B = 1 0%\nT1\n\nB1.• A/B = 1 0%\n  • C/B = 2 0%\n\nT2\r\nB2.\r"
    for text in (glued, "", "\n\n", "%\n", "a%b\n• A/B = 1 0%", " \ufeff \n• A/B = 1 0%\n\n• A/B = 1 0%\nT\n"):
        for size in range(1, len(text) + 2):
            blocks = [text[i : i + size] for i in range(0, len(text), size)]
            assert list(split_blocks(blocks)) == list(split_pages(split_lines(text))), (text, size)


def test_a_quote_line_over_80_characters_is_text_in_both():
    long_quote = "• A/B = 1" + " " * 80 + "0%"
    text = f"• A/B = 1 0%\n{long_quote}\n• A/B = 1 0%\nT\n"
    pages = list(split_blocks([text]))
    assert pages == list(split_pages(split_lines(text)))
    assert [p.line for p in pages] == [1, 3]


def test_split_blocks_is_lazy():
    def blocks():
        yield "• A/B = 1 0%\nT1\nB1.\n• A/B = 1 0%\n"
        raise AssertionError("read past the first page")

    first = next(split_blocks(blocks()))
    assert first.lines == ((2, "T1"), (3, "B1."))


LINES = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(
            ["Written by", "By", "•", " ", "Jane Doe", "Continue reading", "Read more", "→", ":", ".", "...", "…"]
            + ["Editor's note", "; image: TCA", "(Photo: AP)", " – фото: ТАСС", "Title", "Words", "Дом", "x" * 150]
            + ["Автор:", "Подробнее", "“", "”", ")", "U.S.", "and"]
        ),
        max_size=12,
    ).map("".join),
)
PROFILES = [TIMESCA, builtin_profile("vestnik")]


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_line_classifier_equals_the_table(line):
    line = " ".join(line.split())
    for profile in PROFILES:
        tests = line_tests(profile)
        assert line_classifier(tests)(line) == kind_of(line, tests)


def test_line_classifier_with_a_profile_without_patterns():
    empty = load_profile("[bylines]\nopenings = []\n[read_more]\nlines = []\n[notes]\nopenings = []\n")
    tests = compile_rules(empty).lines
    for line in ("", "By Jane", "Continue reading", "Editor's note: x", "Title Words", "A sentence."):
        assert line_classifier(tests)(line) == kind_of(line, tests)
    assert len(KINDS) == len(tests)


def test_strip_closers_shortcut_never_skips_a_closer():
    closer = regex.compile(_CLOSERS.pattern.removesuffix("+$"))
    skipped = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isalnum() or c in _NOT_CLOSERS)
    assert closer.search(skipped) is None
    assert strip_closers("He said: “We will win.”") == "He said: “We will win."
    assert strip_closers("Plain end.") == "Plain end."


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(NOISY_TEXT, WHITE_NOISE),
    st.sampled_from(["utf-8", "utf-16-le", "cp1251"]),
    st.integers(1, 64),
    st.integers(1, 16),
)
def test_decoded_blocks_are_the_text_cut_after_line_breaks(text, encoding, size, piece):
    """Blocks of whole lines from reads of ``size`` bytes, each decoded in
    pieces of ``piece`` bytes (cut anywhere, even inside a character or a CRLF)."""
    data = text.replace("\x00", "").encode(encoding, "replace")  # NUL bytes stop a Reader (tested below)
    decoder = LineDecoder(encoding)
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    with patch.object(decode, "PIECE_BYTES", piece):
        blocks = [block for part in [*pieces, b""] for block in decoder.feed_text(part, final=not part)]
    whole = data.decode(encoding)
    assert "".join(blocks) == whole
    end = 0
    for block in blocks[:-1]:
        end += len(block)
        assert block == "" or block.endswith(("\n", "\r"))
        assert not block.endswith("\r") or whole[end : end + 1] != "\n"  # a CRLF is never cut
    reader = Reader(io.BytesIO(data), encoding)
    assert "".join(reader.blocks()) == "".join(Reader(io.BytesIO(data), encoding))


def test_reader_blocks_stop_before_a_nul_line():
    head = b"T1\r\nB1.\n" + b"Text.\n" * 20_000  # past the head that decides the encoding
    reader = Reader(io.BytesIO(head + b"bad\x00line\nmore\n"))
    got: list[str] = []
    try:
        for block in reader.blocks():
            got.append(block)
    except InputError as err:
        assert str(err).startswith("-:20003: binary data")
    else:
        raise AssertionError("no error")
    assert "".join(got) == head.decode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(dumps().map(lambda case: case[0]), NOISY_TEXT, WHITE_NOISE))
def test_parse_from_blocks_prints_what_parse_from_lines_prints(text):
    rules = compile_rules()
    want = [(as_json(p.record), [as_json(a) for a in p.articles]) for p in parse_stream(split_lines(text), "s", rules)]
    got = [(as_json(p.record), [as_json(a) for a in p.articles]) for p in parse_blocks([text], "s", rules)]
    assert got == want
    lines = split_lines(text)
    for kind in ("articles", "pages"):
        fast = [data for _, _, data in page_records(kind, cut(text, [7, 300]), "s", rules, blocks=True)]
        general = [data for _, _, data in page_records(kind, lines, "s", rules)]
        assert fast == general
    assert b"".join(fast).count(b"\n") == len(want)  # one page record per page


@given(st.lists(st.sampled_from(["A.", "B.", "U.S.", "Inc.", "Co.", "x", " ", "No.", "Ы.", "ab", "."]), max_size=40))
def test_abbreviations_are_found_in_the_tail_as_in_the_whole_text(parts):
    from newsdump.lines import _ABBREVIATION

    text = "".join(parts)
    tail = _ABBREVIATION.search(text, len(text) - 20 if len(text) > 20 else 0)
    assert (tail is None) == (_ABBREVIATION.search(text) is None)


def test_a_long_line_in_many_blocks_is_split_in_linear_time():
    import time

    def seconds(n: int) -> float:
        blocks = ["x" * 1000] * n + ["%\n• A/B = 1 0%\nT\n"]
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            pages = list(split_blocks(blocks))
            best = min(best, time.perf_counter() - t)
        assert [p.line for p in pages] == [1, 2] and len(pages[0].lines[0][1]) == 1000 * n + 1
        return best

    small, large = seconds(1000), seconds(4000)
    assert large < 8 * small + 0.05  # 4x the input; quadratic would be 16x


def test_a_long_ticker_run_is_read_in_flat_memory(tmp_path):
    """Peak memory of parse on one run of 2,000 and of 400,000 quote lines.
    (A run was one regex match: its backtracking state grew with the run,
    to 160 MB on a million lines.) The peak is the child's own high-water
    mark (VmHWM starts anew at exec; ru_maxrss would count this test's
    process, which the child was forked from)."""
    import subprocess

    code = (
        "import sys\nfrom newsdump.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "status = open('/proc/self/status').read()\n"
        "sys.stderr.write(status.split('VmHWM:')[1].split()[0])\n"
    )

    def peak(lines: int) -> int:
        path = tmp_path / f"t{lines}.txt"
        path.write_text("• KGS/USD = 0.11912 0%\n" * lines + "Title\n\nBody.\n", encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-c", code, "parse", "-j", "1", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        return int(run.stderr)

    small, large = peak(2_000), peak(400_000)  # 50 KB, and 9 MB in blocks of 1 MB
    assert large < small * 1.3, (small, large)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.lists(st.integers(0, 3000), max_size=4), st.integers(1, 40))
def test_ticker_runs_read_in_small_windows_give_the_same_pages(text, points, window):
    """_run_end reads a run in windows of text: with windows of a few
    characters, every run spans many of them (a window's edge falls on
    quote lines, blank lines and the line that ends the run)."""
    with patch.object(split, "_RUN_WINDOW", window):
        got = list(split_blocks(cut(text, points)))
    assert got == list(split_pages(split_lines(text)))


def test_a_run_of_quote_and_blank_lines_longer_than_the_windows():
    run = "".join(f"• {'ABCDEFG'[i % 7]}X/USD = 0.{i} -1%\n" + "\n \ufeff\n" * (i % 3) for i in range(3000))
    text = "Intro\n" + run + "\nTitle\nBody 5%.\n" + run
    pages = list(split_blocks([text]))
    assert pages == list(split_pages(split_lines(text)))
    assert [p.line for p in pages] == [1, 2, pages[1].lines[-1][0] + 1]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(NOISY_TEXT, WHITE_NOISE),
    st.sampled_from(["utf-8", "utf-16-le", "utf-32", "cp1251", "koi8-r"]),
    st.integers(1, 16),
    st.booleans(),
    st.integers(0, 3),
)
def test_decoding_in_pieces_equals_one_decode(text, encoding, piece, final, cut_off):
    """decode_pieces, with pieces that cut characters anywhere, gives what one
    decode gives, and leaves the decoder in the same state (bytes held back)."""
    data = text.encode(encoding, "replace")
    data = data[: len(data) - cut_off] if cut_off < len(data) else data  # maybe half a character at the end
    one = codecs.getincrementaldecoder(encoding)()
    pieces = codecs.getincrementaldecoder(encoding)()
    try:
        want = one.decode(data, final)
    except UnicodeDecodeError:
        with pytest.raises(UnicodeDecodeError), patch.object(decode, "PIECE_BYTES", piece):
            "".join(decode_pieces(pieces, data, final))
        return
    with patch.object(decode, "PIECE_BYTES", piece):
        assert "".join(decode_pieces(pieces, data, final)) == want
    assert pieces.getstate() == one.getstate()


def test_the_bytes_around_a_late_non_utf8_byte_are_those_of_its_megabyte(tmp_path):
    """The search for the first non-UTF-8 byte decodes in pieces, and gives the
    bytes around it as one decode of its megabyte did: 256 before it, and
    TAIL_BYTES from it, even where they cross pieces."""
    line = "Plain text, with “curly quotes”.\n".encode()
    data = bytearray(line * 40_000)
    for at in (PIECE_BYTES * 70 + 3, (1 << 20) + PIECE_BYTES - 2):
        data[at] = 0xE9  # é in cp1252
        path = tmp_path / "late.txt"
        path.write_bytes(bytes(data))
        got = Reader(str(path))._first_non_utf8()
        base = at // (1 << 20) * (1 << 20)  # the megabyte read
        assert got == bytes(data[max(base, at - 256) : min(base + (1 << 20), at + TAIL_BYTES)])
        data[at] = line[at % len(line)]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        LINES,
        st.lists(
            st.sampled_from(["•", " ", "\u00a0", "\ufeff", "KZT", "/", "USD", "=", "0.5", "-1", "%", "x", "\t"]),
            max_size=12,
        ).map("".join),
    )
)
def test_is_quote_says_whether_parse_quote_finds_one(line):
    assert is_quote(line) == (parse_quote(line) is not None)


def _read_all(parts):
    """The text a Reader's generator gives, and the error it ends with."""
    got: list[str] = []
    try:
        for part in parts:
            got.append(part if isinstance(part, str) else "".join(part))
    except InputError as err:
        return "".join(got), str(err)
    return "".join(got), None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(["a", "b ", "é", "•", "\n", "\r", "\r\n", "\x00", "\n\n", "x" * 30]), max_size=80).map(
        "".join
    ),
    st.integers(1, 40),
    st.integers(1, 9),
)
def test_blocks_and_lines_give_the_same_text_and_error_line(text, read, piece):
    """Reads of a few bytes put NUL bytes, CRs and CRLFs at every place
    around a read's edges: blocks (their lines counted on the bytes where a
    read has no NUL or CR) and lists of lines give the same text, and the
    same line number for the first NUL."""
    data = b"T\n" * 10 + text.encode()
    with (
        patch("newsdump.reader.SNIFF_BYTES", 4),
        patch("newsdump.reader.BLOCK_BYTES", read),
        patch("newsdump.reader.CHUNK_BYTES", read),
        patch.object(decode, "PIECE_BYTES", piece),
    ):
        blocks = _read_all(Reader(io.BytesIO(data), "utf-8").blocks())
        lines = _read_all(Reader(io.BytesIO(data), "utf-8").batches())
    assert blocks == lines


MONTH_WORDS = ["December", "december", "DECEMBER", "May", "Sept", "September", "Feb", "February", "Decembre", "Mai"]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.tuples(st.integers(0, 40), st.sampled_from(MONTH_WORDS), st.integers(900, 10_100)).map(
            lambda t: f"{t[0]} {t[1]} {t[2]}"
        ),
        st.tuples(st.sampled_from(MONTH_WORDS), st.integers(0, 40), st.integers(900, 10_100)).map(
            lambda t: f"{t[0]} {t[1]}, {t[2]}"
        ),
        st.from_regex(r"0?[0-9]{1,2} [A-Za-z]{3,9},? 0?[0-9]{3,4}", fullmatch=True),
    )
)
def test_english_dates_read_at_once_are_what_dateutil_reads(line):
    """The fast reading of "18 December 2025" and "December 18, 2025" gives
    what the general reading (the shape, then dateutil) gives, when it gives anything."""
    from newsdump.dates import _english, date_parser

    general = date_parser(months=[[]] * 12)  # a profile's (empty) month names: the general reading only
    if (fast := _english(line)) is not None:
        assert fast == general(line)
    assert date_parser()(line) == general(line)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", ".", "…", "[", "]", "...", " [...]", "[ … ]", "x" * 9, "\u00a0"]), max_size=14)
)
def test_the_truncation_marker_is_cut_as_from_the_last_twelve_characters(parts):
    """cut_tail finds the marker in the text's last 12 characters and cuts
    once: as removing it from a copy of those 12 characters did."""
    from newsdump.lines import _TRUNCATION, cut_tail

    text = "".join(parts)
    kept = cut_tail(text, lambda t: t)[0]
    if text.endswith(("...", "…", "]")):
        assert kept == (text[:-12] + _TRUNCATION.sub("", text[-12:])).rstrip()
    else:
        assert kept == text


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["•", " ", "\u00a0", "\ufeff", "KZT", "/", "USD", "=", "0.5", "-1", "%", "x", "\t", "7", "١"]),
        max_size=12,
    ).map("".join),
    st.randoms(use_true_random=False),
)
def test_a_quote_line_is_one_whatever_its_ascii_digits(line, rnd):
    """_run_end remembers the shapes of quote lines (ASCII digits made 0): a
    line of a known shape is a quote line, so this must hold for any digits."""
    other = "".join(rnd.choice("0123456789") if c in "0123456789" else c for c in line)
    assert is_quote(other) == is_quote(line)


def test_a_ticker_whose_digits_change_from_page_to_page_is_read_as_split_pages_reads_it():
    pages = [f"• A/B = {i}.{i * 7 % 10} -0.{i}%\n  • C/B = 1{i} {i}%\nTitle {i}\n\nBody {i}.\n" for i in range(30)]
    text = "".join(pages) + "• A/B = 1,5 0%\n• A/B = 1.5 x0%\nT\n"  # a comma, then a line of another shape
    assert list(split_blocks([text])) == list(split_pages(split_lines(text)))


def test_a_line_with_a_percent_that_is_no_quote_costs_no_window():
    """_run_end tests the first line before it cuts a window of text for the
    run: 80,000 lines like "a 5%" once took 50 times as long as "a 5"."""
    import time

    def seconds(line: str) -> float:
        text = (line + "\n") * 80_000
        blocks = [text[i : i + 16384] for i in range(0, len(text), 16384)]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            list(split_blocks(blocks))
            best = min(best, time.perf_counter() - start)
        return best

    assert seconds("a 5%") < 25 * seconds("a 5") + 0.01


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("raw_unicode_escape", b"T\n\nBody text \\u0000 here.\nT2\n\nB2.\n"),  # a NUL written as an escape
        ("hz", b"T\n\nBody a~\nb\n" * 3 + b"B\x00.\n"),  # "~" then a line break joins two lines
        ("utf-7", b"T\n\nBody +AAA- here.\n"),  # a NUL in base64
    ],
)
def test_codecs_whose_bytes_are_not_their_characters_take_the_general_reading(encoding, data):
    """Where byte 0 or 10 is not (only) NUL or LF, blocks are searched on the
    text, not the bytes: same text and same error line as lists of lines."""
    assert not decode.plain_bytes(encoding)
    blocks = _read_all(Reader(io.BytesIO(data), encoding).blocks())
    lines = _read_all(Reader(io.BytesIO(data), encoding).batches())
    assert blocks == lines
