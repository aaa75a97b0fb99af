"""Reading every input users have: legacy encodings detected file by file,
UTF-16/32 without a BOM, compressed dumps, and readers that share no state."""

import bz2
import gzip
import io
import lzma
import re
from pathlib import Path

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st
from newsdump.cli.main import build_app
from newsdump.decode import EncodingRules, LineDecoder, guess_encoding
from newsdump.parser import parse_stream
from newsdump.profile import compile_rules, load_profile
from newsdump.reader import InputError, Reader
from typer.testing import CliRunner

from tests.conftest import SAMPLES
from tests.records import as_json

VESTNIK = compile_rules(load_profile((SAMPLES / "vestnik.toml").read_text(encoding="utf-8")))
TIMESCA = compile_rules()


def articles(data: bytes, rules=TIMESCA, warnings=None, **kw) -> list[dict]:
    reader = Reader(io.BytesIO(data), warn=(warnings if warnings is not None else []).append, name="x", **kw)
    return [as_json(a) for page in parse_stream(reader, "x", rules) for a in page.articles]


def _vestnik(bullet: str, koi8: bool = False) -> str:
    """The Russian sample, its bullets made encodable (cp1251 has •, koi8-r has ∙ and no – or …)."""
    text = (SAMPLES / "vestnik.txt").read_text(encoding="utf-8").replace("▪", bullet)
    return text.replace("–", "-").replace("…", "...") if koi8 else text


ORIGINALS = {
    "listing": ((SAMPLES / "listing.txt").read_text(encoding="utf-8"), TIMESCA),
    "archive": ((SAMPLES / "archive.txt").read_text(encoding="utf-8"), TIMESCA),
    "full": ((SAMPLES / "full.txt").read_text(encoding="utf-8"), TIMESCA),
    "vestnik-cp1251": (_vestnik("•"), VESTNIK),
    "vestnik-koi8": (_vestnik("∙", koi8=True), VESTNIK),
}
COMPRESSORS = {
    "gzip": gzip.compress,
    "bzip2": bz2.compress,
    "xz": lzma.compress,
    "zstd": lambda data: zstandard.ZstdCompressor().compress(data),
}
MATRIX = [
    ("listing", "cp1252"),
    ("archive", "cp1252"),
    ("vestnik-cp1251", "cp1251"),
    ("vestnik-koi8", "koi8-r"),
    *((name, wide) for name in ("listing", "full", "vestnik-cp1251") for wide in ("utf-16-le", "utf-16-be")),
    ("full", "utf-32-le"),
    ("vestnik-cp1251", "utf-32-be"),
    *((name, kind) for name in ("listing", "full", "vestnik-cp1251") for kind in COMPRESSORS),
]


@pytest.mark.parametrize("name, form", MATRIX)
def test_every_encoding_and_compression_gives_the_records_of_the_utf8_original(name, form):
    text, rules = ORIGINALS[name]
    want = articles(text.encode("utf-8"), rules)
    data = COMPRESSORS[form](text.encode("utf-8")) if form in COMPRESSORS else text.encode(form)
    warnings: list[str] = []
    assert want and articles(data, rules, warnings) == want
    if form in COMPRESSORS:
        assert warnings == []
    else:  # the guess is named, once
        assert len(warnings) == 1 and form in warnings[0]


def test_cp1251_bullet_is_a_ticker_not_a_replacement_character():
    """The issue's example: 0x95 is the bullet in cp1251."""
    data = "• KGS/USD = 0.01144 0%\n• KZT/USD = 0.00195 -0%\nПрезидент подписал закон\n\nТекст статьи.\n"
    warnings: list[str] = []
    (record,) = articles(data.encode("cp1251"), warnings=warnings)
    assert record["title"] == "Президент подписал закон"
    assert warnings == ["x: not UTF-8, read as cp1251 (name the encoding with --encoding if wrong)"]


SHORT = {
    # Cyrillic
    "ru": ("Президент подписал закон о бюджете\n\nВ среду глава государства подписал закон.\n", "cp1251 koi8-r"),
    "ru-short": ("Новости Бишкека\n\nГород открыл новый парк.\n", "cp1251 koi8-r iso8859-5"),
    "uk": ("Новини Києва\n\nМісто відкрило новий парк, повідомила мерія.\n", "cp1251"),
    "ru-ticker": ("• KGS/USD = 0.01144 0%\nНовости\n\nГород открыл парк.\n", "cp1251"),
    # Latin (charset-normalizer alone says cp1250 or cp852 for some of these)
    "en": ("River “rose” again\n\nThe river’s level rose – officials said… it’s fine.\n", "cp1252"),
    "en-ticker": ("• KGS/USD = 0.01144 0%\n• KZT/USD = 0.00195 -0%\nRiver rose\n\nThe river’s level.\n", "cp1252"),
    "fr": ("Élection à Paris\n\nLe député a déclaré qu’il était prêt – « très content ».\n", "cp1252"),
    "de": ("Über die Brücke\n\nDie Straße wurde gesperrt, sagte der Bürgermeister.\n", "cp1252"),
    "es": ("El niño y la señora\n\nLa reunión terminó sin acuerdo.\n", "cp1252 latin-1"),
    "pl": ("Łódź i Kraków\n\nWładze miasta ogłosiły, że źródło wody jest czyste.\n", "cp1250"),
}


@pytest.mark.parametrize(
    "text, encoding", [(text, enc) for text, encs in SHORT.values() for enc in encs.split()], ids=lambda v: v[:12]
)
def test_short_files_are_detected_in_both_scripts(text, encoding):
    data = text.encode(encoding)
    guess = guess_encoding(data)
    assert guess.how == "detected" and data.decode(guess.encoding) == text


@pytest.mark.parametrize("dump", ["listing.txt", "full.txt"])
def test_a_utf8_file_with_one_stray_nul_is_binary_wherever_the_nul_falls(dump):
    """A single NUL made UTF-8 text read as UTF-16 (the ASCII pairs became
    CJK-looking characters): garbage records and exit 0. Its line feeds,
    paired with the bytes beside them, are no line breaks in that reading."""
    data = (SAMPLES / dump).read_bytes()[:3000]
    for at in range(0, len(data), 7):
        with pytest.raises(InputError, match="binary"):
            list(Reader(io.BytesIO(data[:at] + b"\x00" + data[at:])))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "Title\n\nBody.\n",
        "Новости\nГород\n",
        "新闻标题\n正文。\n",
        "Љубав и Њива\nУлица\n",
        "One line, no break",
        # U+4E0A 上, U+4F0A 伊, U+8C0A 谊 hold a line feed in their low byte (review with fresh eyes)
        "上海合作组织峰会在上海举行，伊朗代表团出席。\n两国友谊上升到新水平，股市上涨。\n" * 20,
    ],
)
def test_utf16_without_bom_in_every_script_is_still_read(text, encoding):
    assert guess_encoding(text.encode(encoding)).encoding == encoding


def test_utf16_without_bom_is_text_and_nul_bytes_are_still_binary():
    text = (SAMPLES / "listing.txt").read_text(encoding="utf-8")
    assert guess_encoding(text.encode("utf-16-le")).encoding == "utf-16-le"
    assert guess_encoding("Новости\nГород\n".encode("utf-16-be")).encoding == "utf-16-be"
    assert guess_encoding(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00").encoding is None
    with pytest.raises(InputError, match="binary"):
        list(Reader(io.BytesIO(b"Title\x00\x00\x01\x02\n" * 100)))


def test_a_legacy_byte_deep_in_a_file_is_found_by_strict_utf8_first(tmp_path):
    """The head is plain ASCII; the first cp1252 byte comes past it."""
    head = "Plain Title\n\nAn ASCII paragraph of text.\n\n" * 3000
    dump = tmp_path / "late.txt"
    dump.write_bytes((head + "Café Opens\n\nThe café serves plov.\n").encode("cp1252"))
    warnings: list[str] = []
    lines = list(Reader(dump, warn=warnings.append))
    assert lines[-3] == "Café Opens\n"
    assert warnings == [f"{dump}: not UTF-8, read as cp1252 (name the encoding with --encoding if wrong)"]


def test_mostly_utf8_keeps_utf8_and_counts_the_bad_bytes():
    data = "Café Opens in Almaty\n\nThe café serves plov".encode() + b" \xff\xfe and tea.\n"
    warnings: list[str] = []
    assert articles(data, warnings=warnings)[0]["title"] == "Café Opens in Almaty"
    assert warnings == ["x: not valid utf-8: 2 byte(s) replaced with U+FFFD (name the real encoding with --encoding)"]


def test_two_readers_read_at_once_keep_their_own_counts(tmp_path):
    """Interleaved batch by batch: today a class-level counter mixes them up."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    line = "Ελληνικά κείμενα και ειδήσεις\n".encode()
    a.write_bytes(line * 5000 + b"bad \xff\n" + line * 5000 + b"bad \xff\xff\n")
    b.write_bytes(line * 3000 + b"bad \xfe\n" + line * 6000)
    warned: dict[str, list[str]] = {"a": [], "b": []}
    ra, rb = Reader(a, warn=warned["a"].append), Reader(b, warn=warned["b"].append)
    ia, ib = ra.batches(), rb.batches()
    got = {"a": [], "b": []}
    for _ in range(100):
        for key, it in (("a", ia), ("b", ib)):
            got[key] += next(it, [])
    assert len(got["a"]) == 10002 and len(got["b"]) == 9001
    hint = "replaced with U+FFFD (name the real encoding with --encoding)"
    assert warned["a"] == [f"{a}: not valid utf-8: 3 byte(s) {hint}"]
    assert warned["b"] == [f"{b}: not valid utf-8: 1 byte(s) {hint}"]


def test_reader_takes_paths_pathlikes_and_open_binary_files(tmp_path):
    dump = tmp_path / "d.txt"
    dump.write_bytes(b"Title\r\n\r\nBody.\n")
    want = ["Title\r\n", "\r\n", "Body.\n"]
    assert list(Reader(str(dump))) == want and Reader(str(dump)).source == str(dump)
    assert list(Reader(dump)) == want and Reader(dump).source == str(dump)
    with open(dump, "rb") as f:
        reader = Reader(f)
        assert list(reader) == want and reader.source == str(dump) and not f.closed  # the caller's file stays open
    stream = Reader(io.BytesIO(gzip.compress(dump.read_bytes())), name="feed.gz")
    assert list(stream) == want and stream.source == "feed.gz"
    assert Reader(io.BytesIO(b"")).source == "-"


def test_compression_is_known_by_magic_bytes_not_by_suffix(tmp_path):
    text = (SAMPLES / "listing.txt").read_bytes()
    disguised, plain = tmp_path / "looks-plain.txt", tmp_path / "not-really.gz"
    disguised.write_bytes(gzip.compress(text))
    plain.write_bytes(text)
    assert list(Reader(disguised)) == list(Reader(plain)) == list(Reader(io.BytesIO(text)))
    assert list(Reader(io.BytesIO(b"BZh not bzip2\n"))) == ["BZh not bzip2\n"]


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
def test_a_corrupt_or_truncated_archive_is_an_input_error(kind):
    data = COMPRESSORS[kind]((SAMPLES / "listing.txt").read_bytes() * 50)
    for broken in (data[: len(data) // 2], data[:40] + bytes(b ^ 0x55 for b in data[40:200]) + data[200:]):
        with pytest.raises(InputError, match=f"corrupt {kind} data"):
            list(Reader(io.BytesIO(broken)))


class CountingFile(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, size=-1):
        out = super().read(size)
        self.taken += len(out)
        return out


FAST = {
    "gzip": lambda data: gzip.compress(data, 1),
    "bzip2": lambda data: bz2.compress(data, 1),
    "xz": lambda data: lzma.compress(data, preset=0),
    "zstd": lambda data: zstandard.ZstdCompressor(level=1).compress(data),
}


@pytest.mark.parametrize("kind", sorted(FAST))
def test_decompression_streams(kind):
    """The first lines come before the archive is read: memory stays flat."""
    rng = __import__("random").Random(7)
    text = "".join(f"Title {rng.random()}\n\nBody {rng.random()} text.\n\n" for _ in range(30_000)).encode()
    source = CountingFile(FAST[kind](text))
    batches = Reader(source).batches()
    first = next(batches)
    assert source.taken < len(source.getvalue()) / 4
    assert len(first) + sum(len(b) for b in batches) == text.count(b"\n")


def test_encoding_rules():
    rules = EncodingRules.parse("old/*=koi8-r, *.win.txt=cp1251, utf-8")
    assert [rules.for_path(p) for p in ("old/a.txt", "new/b.win.txt", "c.txt")] == ["koi8-r", "cp1251", "utf-8"]
    assert EncodingRules.parse(None).for_path("a.txt") is None and EncodingRules.parse("latin-1").default == "iso8859-1"
    with pytest.raises(LookupError):
        EncodingRules.parse("*.txt=klingon")
    with pytest.raises(LookupError):
        EncodingRules.parse("cp1251,koi8-r")


def run_cli(*args):
    return CliRunner().invoke(build_app(), list(args), catch_exceptions=False)


def test_mixed_directory_each_file_in_its_own_encoding(tmp_path):
    """--encoding used to apply to every file, turning the UTF-8 ones into mojibake;
    a PATTERN=CODEC rule names the encoding of some files and the others are detected."""
    text = _vestnik("∙", koi8=True)
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.koi").write_bytes(text.encode("koi8-r"))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(text.replace("∙", "•").encode("cp1251")))
    paths = [str(tmp_path / n) for n in ("a.txt", "b.koi", "c.txt.gz")]
    profile = str(SAMPLES / "vestnik.toml")
    out = run_cli("parse", "-p", profile, "-e", "*.koi=koi8-r", *paths)
    assert out.exit_code == 0, out.stderr
    titles = {}
    for line in out.stdout.splitlines():
        record = __import__("json").loads(line)
        titles.setdefault(record["source"], []).append(record["title"])
    assert titles[paths[0]] == titles[paths[1]] == titles[paths[2]] and len(titles[paths[0]]) == 8
    assert "b.koi" not in out.stderr and "c.txt.gz: not UTF-8, read as cp1251" in out.stderr
    forced = run_cli("parse", "-p", profile, "-e", "koi8-r", paths[0])  # a bare codec still overrides for every file
    assert "Новый паром" not in forced.stdout
    assert run_cli("parse", "-e", "*.koi=klingon", paths[0]).exit_code == 2


def test_a_corrupt_archive_fails_that_file_only(tmp_path):
    good, bad = tmp_path / "good.txt.xz", tmp_path / "bad.txt.gz"
    good.write_bytes(lzma.compress((SAMPLES / "listing.txt").read_bytes()))
    bad.write_bytes(gzip.compress((SAMPLES / "listing.txt").read_bytes())[:-30])
    out = run_cli("parse", str(bad), str(good))
    assert out.exit_code == 1 and len(out.stdout.splitlines()) == 6
    assert re.search(rf"{re.escape(str(bad))}: corrupt gzip data", out.stderr)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab é\r\n\x0c\u2028•Ж")), max_size=60),
    cuts=st.lists(st.integers(0, 200), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-16-le", "utf-32-be", "cp1251"]),
)
def test_lines_do_not_depend_on_where_the_chunks_are_cut(text, cuts, encoding):
    data = text.encode(encoding, "replace")
    decoder = LineDecoder(encoding)
    lines: list[str] = []
    start = 0
    for cut in sorted(min(c, len(data)) for c in cuts):
        lines += decoder.feed(data[start:cut])
        start = cut
    lines += decoder.feed(data[start:], final=True)
    whole = data.decode(encoding)
    assert "".join(lines) == whole
    assert lines == re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+", whole)  # split on CRLF, CR and LF only


def test_stdin_dash_and_source_names():
    assert Reader("-").source == "-"
    assert Reader(Path("a") / "b.txt").source == str(Path("a") / "b.txt")


def test_convert_takes_compressed_files_from_a_directory(tmp_path):
    from newsdump.batch import expand_inputs

    for name in ("a.txt", "b.txt.gz", "c.txt.bz2", "d.txt.xz", "sub/e.txt.zst", "notes.md", "f.gz"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    tasks, missing = expand_inputs([str(tmp_path)])
    assert [t.relative for t in tasks] == ["a.txt", "b.txt.gz", "c.txt.bz2", "d.txt.xz", "sub/e.txt.zst"]
    assert missing == []
