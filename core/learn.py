"""Learning a site's profile from its own dumps (``newsdump learn``).

A site's boilerplate repeats: the same menu, widget or footer line is on
most of its pages, article text is not. One pass over the pages counts, for
every short line, on how many pages its *shape* (numbers masked, see
:func:`newsdump.boilerplate.shape`) occurs; shapes on at least ``share`` of
the pages (and on two pages at least) are the site's ``[boilerplate] lines``.

* Only lines of at most :data:`MAX_SHAPE_CHARS` characters are counted: a
  menu item, a widget or a footer line is shorter, while a sentence of
  article text quoted on several pages is usually longer, and never a
  boilerplate candidate.
* Lines that have a meaning of their own are left to it: result lines,
  ``Continue reading``, bylines and editorial notes. The ticker is never
  seen (pages are split at it first), so a learned profile cannot stop it
  from starting a page.
* Memory is flat: shapes are counted with lossy counting (Manku and Motwani)
  in buckets of :data:`BUCKET_PAGES` pages, which forgets shapes seen on
  fewer than one page in a bucket; a shape on half the pages is never
  forgotten. The first :data:`SAMPLE_PAGES` pages (their first lines only)
  are kept to learn the header.
* The header: on the sampled pages, the first lines that are not digit-free
  boilerplate are looked at for a date line that the base profile cannot
  read but Russian month names can, and for a recurring line holding two or
  three numbers that count results (first <= last <= total), from which a
  ``[results]`` pattern is made.

* Read-more lines and byline openings, from where they stand: a short
  line of one to four words (a few marks after them: ``Подробнее →``) that
  is at least twice on a page, each time right after a paragraph (a line
  that is not heading-like, of six words or more), on ``share`` of the
  pages, is a read-more line (one a page would be a label after a teaser);
  the first words of a line right under a heading, followed by a name of
  one to four capitalised words, on ``share`` of the pages, with two
  names at least (a fixed text is a menu) and under two different titles
  at least (its title: the nearest of the three lines above it that does
  not recur on the pages, a time or a section label may stand between; it
  must be heading-like: under share buttons and a result line, the line is
  a headline with a kicker, ``Analysis: Banks Keep Rising``), are a byline opening (``Автор:
  Ирина Осмонова`` -> ``Автор``; the shortest opening wins over ``Автор
  Ирина``). Both are written as escaped patterns after the base profile's
  own (which the key replaces), and their lines are not boilerplate: a
  read-more line is audited ``continue`` and also cut from the end of a
  teaser, a byline gives the article's author. Lines the base profile
  already reads as such are left to it.

Every learned entry carries its evidence as a TOML comment
(``# on 37 of 40 pages``), so a person can review the file.

>>> one = ["Home | News | Sport", "Weather: +3 °C", "A Title", "Its text."]
>>> two = ["Home | News | Sport", "Weather: -12 °C", "Other", "Its text."]
>>> [(b.shape, b.pages) for b in learn([one, two, ["Third"]]).boilerplate]
[('Home | News | Sport', 2), ('Its text.', 2), ('Weather: # °C', 2)]
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsdump.boilerplate import _NUMBER, shape
from newsdump.dates import date_parser
from newsdump.lines import MAX_READ_MORE_CHARS, Kind
from newsdump.profile import TIMESCA, Profile, compile_rules, load_profile
from newsdump.split import split_pages

MAX_SHAPE_CHARS = 100
MIN_SHARE = 0.5
MIN_PAGES = 2
BUCKET_PAGES = 100
SAMPLE_PAGES = 50
SAMPLE_LINES = 40
TOP_LINES = 6
# Russian month and weekday names, and the words a Russian date may end with.
RU_MONTHS = (
    ("января", "январь", "янв"),
    ("февраля", "февраль", "фев"),
    ("марта", "март", "мар"),
    ("апреля", "апрель", "апр"),
    ("мая", "май"),
    ("июня", "июнь", "июн"),
    ("июля", "июль", "июл"),
    ("августа", "август", "авг"),
    ("сентября", "сентябрь", "сен"),
    ("октября", "октябрь", "окт"),
    ("ноября", "ноябрь", "ноя"),
    ("декабря", "декабрь", "дек"),
)
RU_WEEKDAYS = (
    ("понедельник", "пн"),
    ("вторник", "вт"),
    ("среда", "ср"),
    ("четверг", "чт"),
    ("пятница", "пт"),
    ("суббота", "сб"),
    ("воскресенье", "вс"),
)
RU_SKIP = ("г.", "года")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
# A read-more line: one to four words of letters, then a few marks ("Подробнее →").
_READ_MORE_LINE = re.compile(r"(?P<words>[^\W\d_]+(?: [^\W\d_]+){0,3})\W{0,6}")
# A word of a name: a capital letter first, then letters, hyphens, apostrophes, dots ("O'Neil", "A.").
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’\-]*")
MAX_OPENING_WORDS = 3
MAX_NAME_WORDS = 4
# A paragraph (what a read-more line follows): not heading-like, and this many words at least.
MIN_PARAGRAPH_WORDS = 6
# Distinct names an opening needs to be a byline opening (a fixed text after it is a menu or a label).
MIN_NAMES = 2
# Lines above a byline candidate kept to find its title (a time, a section label may stand between).
ABOVE_LINES = 3
_DASH = re.compile(r"\\-|–|—")


class ShapeCounter:
    """On how many pages each shape occurs, in bounded memory (lossy
    counting over pages, one bucket per ``width`` pages). A count is exact
    when its ``delta`` is 0; otherwise it is at most ``delta`` too low."""

    def __init__(self, width: int = BUCKET_PAGES) -> None:
        self.width = width
        self.pages = 0
        self.counts: dict[str, list] = {}  # shape -> [pages, delta, example line]
        self.peak = 0  # the most shapes held at once

    def add_page(self, lines: dict[str, str]) -> None:
        """One page's shapes (each with an example line)."""
        self.pages += 1
        bucket = math.ceil(self.pages / self.width)
        counts = self.counts
        for s, example in lines.items():
            entry = counts.get(s)
            if entry is None:
                counts[s] = [1, bucket - 1, example]
            else:
                entry[0] += 1
        self.peak = max(self.peak, len(counts))
        if self.pages % self.width == 0:
            for s in [s for s, (n, delta, _) in counts.items() if n + delta <= bucket]:
                del counts[s]

    def frequent(self, least: int) -> list[tuple[str, int, bool, str]]:
        """``(shape, pages, exact, example)`` for the shapes on ``least`` pages or more."""
        found = [(s, n, delta == 0, ex) for s, (n, delta, ex) in self.counts.items() if n >= least]
        return sorted(found, key=lambda f: (-f[1], f[0]))


@dataclass(frozen=True)
class Entry:
    """A learned boilerplate shape and its evidence."""

    shape: str
    pages: int
    exact: bool


@dataclass(frozen=True)
class Marker:
    """A learned read-more line or byline opening (an escaped regular
    expression) and its evidence."""

    pattern: str
    pages: int
    exact: bool
    example: str


@dataclass
class Learned:
    """What :func:`learn` found, and the profile it makes."""

    pages: int
    share: float
    boilerplate: list[Entry] = field(default_factory=list)
    results: str | None = None  # a results pattern
    results_evidence: str = ""
    russian_dates: bool = False
    dates_evidence: str = ""
    sampled: int = 0
    peak_shapes: int = 0
    read_more: list[Marker] = field(default_factory=list)
    bylines: list[Marker] = field(default_factory=list)
    base: Profile = TIMESCA  # the profile learned over: its read-more lines and byline openings are kept

    def toml(self, name: str = "learned") -> str:
        """The profile as TOML, each entry with its evidence as a comment."""
        out = [
            f"# Learned by `newsdump learn` from {self.pages} page(s): lines on at least",
            f"# {self.share:.0%} of the pages are boilerplate. Review it: delete what is article text.",
            f"name = {_quote(name)}",
        ]
        if self.results is not None:
            out += ["", "[results]", f"# {self.results_evidence}", f"patterns = [{_quote(self.results, raw=True)}]"]
        if self.russian_dates:
            out += ["", "[dates]", f"# Russian month names: {self.dates_evidence}"]
            out.append("months = [" + ", ".join(_strings(m) for m in RU_MONTHS) + "]")
            out.append("weekdays = [" + ", ".join(_strings(w) for w in RU_WEEKDAYS) + "]")
            out.append(f"skip_words = {_strings(RU_SKIP)}")
        for table, key, learned, builtin, what in (
            ("read_more", "lines", self.read_more, self.base.read_more, "read-more lines: after a teaser"),
            ("bylines", "openings", self.bylines, self.base.bylines, "byline openings: under a title, before a name"),
        ):
            if not learned:
                continue
            out += ["", f"[{table}]", f"# The {what}; the first {len(builtin)} are the base profile's.", f"{key} = ["]
            out += [f"    {_quote(p, raw=True)}," for p in builtin]
            for m in learned:
                evidence = f"{self._evidence(m.pages, m.exact)}, e.g. {_quote(m.example)}"
                out.append(f"    {_quote(m.pattern, raw=True)},  # {evidence}")
            out.append("]")
        out += [
            "",
            "[boilerplate]",
            "# Whole lines removed before the articles are found; # stands for a number.",
            "lines = [",
        ]
        for e in self.boilerplate:
            out.append(f"    {_quote(e.shape)},  # {self._evidence(e.pages, e.exact)}")
        out.append("]")
        return "\n".join(out) + "\n"

    def _evidence(self, pages: int, exact: bool) -> str:
        return f"on {pages} of {self.pages} pages" if exact else f"on at least {pages} of {self.pages} pages"

    def profile(self, base: Profile = TIMESCA, name: str = "learned") -> Profile:
        """The learned profile, over ``base``."""
        return load_profile(self.toml(name), base)


def _quote(text: str, raw: bool = False) -> str:
    """A TOML string: literal ('...') for patterns when possible, else basic."""
    if raw and "'" not in text and "\n" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def _strings(words: Iterable[str]) -> str:
    return "[" + ", ".join(_quote(w) for w in words) + "]"


def _numbers(text: str) -> list[int]:
    return [int(re.sub(r"\D", "", m)) for m in _NUMBER.findall(text)]


def results_pattern(example_shape: str) -> str:
    """A result-line pattern from a shape with two or three numbers:
    ``Показано # – # из #`` -> groups first, last and an optional total.

    >>> import re
    >>> p = results_pattern("Shown # – # of #")
    >>> re.fullmatch(p, "Shown 1 - 10 of 1 066").groupdict()
    {'first': '1', 'last': '10', 'total': '1 066'}
    """
    num = r"\d{1,3}(?:[ ,]\d{3})+|\d+"
    parts = [_DASH.sub("[-–—]", re.sub(r"(?:\\ )+", r"\\s*", re.escape(p))) for p in example_shape.split("#")]
    pattern = f"{parts[0]}(?P<first>{num}){parts[1]}(?P<last>{num})"
    if len(parts) == 4:
        joint = re.sub(r"^(?:\\s\*)+|(?:\\s\*)+$", "", parts[2])
        pattern += rf"(?:\s*{joint}(?:\s*(?P<total>{num}))?)?{parts[3]}"
    else:
        pattern += parts[2]
    return pattern


def read_more_words(text: str) -> str | None:
    """The words of a line that may be a read-more line: one to four words
    of letters, then at most a few marks (``Подробнее →`` -> ``Подробнее``).

    >>> read_more_words("Read more »"), read_more_words("Share: Facebook | X"), read_more_words("3 comments")
    ('Read more', None, None)
    """
    if len(text) > MAX_READ_MORE_CHARS:
        return None
    m = _READ_MORE_LINE.fullmatch(text)
    return None if m is None else m.group("words")


def byline_splits(text: str) -> list[tuple[str, str]]:
    """The ways to read a line as a byline: ``(opening, name)``, the name
    being one to four capitalised words. With a colon among the first words
    it ends the opening (``Текст и фото: Анна Ли``); else the opening is
    one to three words.

    >>> byline_splits("Автор: Ирина Осмонова")
    [('Автор', 'Ирина Осмонова')]
    >>> byline_splits("Written by Jane Doe"), byline_splits("Talks resume.")
    ([('Written by', 'Jane Doe'), ('Written by Jane', 'Doe')], [])
    """
    if len(text) > MAX_SHAPE_CHARS or _DIGIT.search(text) or text[-1:] in ".!?…" and not text[-2:-1].isupper():
        return []
    head, colon, tail = text.partition(":")
    if colon and 1 <= head.count(" ") + 1 <= MAX_OPENING_WORDS:
        name = tail.split()
        if 1 <= len(name) <= MAX_NAME_WORDS and all(_is_name_word(w) for w in name) and _LETTER.search(head):
            return [(head.strip(), " ".join(name))]
        return []
    words = text.split()
    if not 2 <= len(words) <= MAX_OPENING_WORDS + MAX_NAME_WORDS:
        return []
    out = []
    k = len(words)  # words[k:] is a name: find the first k
    while k > 1 and len(words) - k < MAX_NAME_WORDS and _is_name_word(words[k - 1]):
        k -= 1
    for start in range(max(k, 1), len(words)):
        if start <= MAX_OPENING_WORDS and _LETTER.search(words[0]):
            out.append((" ".join(words[:start]), " ".join(words[start:])))
    return out


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and _NAME_WORD.fullmatch(word) is not None


class Learner:
    """Feed it pages (:meth:`add_lines` per source), then :meth:`result`."""

    def __init__(self, share: float = MIN_SHARE, base: Profile = TIMESCA, width: int = BUCKET_PAGES) -> None:
        self.share = share
        self.rules = compile_rules(base)
        self.base = base
        self.counter = ShapeCounter(width)
        self.read_more = ShapeCounter(width)  # read-more candidates (their words) -> pages
        self.openings = ShapeCounter(width)  # byline openings -> pages
        self.names: dict[str, set[str]] = {}  # byline opening -> up to MIN_NAMES names seen after it
        self.titles: dict[str, set[tuple[tuple[str, bool], ...]]] = {}  # byline opening -> lines above (see above)
        self.sample: list[list[str]] = []

    def add_lines(self, lines: Iterable[str]) -> None:
        """All pages of one source."""
        for raw in split_pages(lines):
            self.add_page([text for _, text in raw.lines])

    def add_page(self, texts: list[str]) -> None:
        """One page's text lines (normalised, no ticker, no blank lines)."""
        rules = self.rules
        shapes: dict[str, str] = {}
        for text in texts:
            if len(text) > MAX_SHAPE_CHARS:
                continue
            s = shape(text)
            if s not in shapes:
                shapes[s] = text
        is_continue, byline = rules.test(Kind.CONTINUE), rules.test(Kind.BYLINE)
        self.counter.add_page(
            {
                s: text
                for s, text in shapes.items()
                if not (is_continue(text) is not None or byline(text) is not None or rules.is_note(text))
            }
        )
        self._add_markers(texts)
        if len(self.sample) < SAMPLE_PAGES:
            self.sample.append([t for t in texts[:SAMPLE_LINES] if len(t) <= MAX_SHAPE_CHARS])

    def _add_markers(self, texts: list[str]) -> None:
        """Count this page's read-more candidates (a short line of words,
        at least twice on the page and each time right after a paragraph)
        and byline openings (the first words of a line right under a
        heading, followed by a capitalised name)."""
        rules = self.rules
        heading, is_continue, byline = rules.test(Kind.HEADING), rules.test(Kind.CONTINUE), rules.test(Kind.BYLINE)
        seen: Counter[str] = Counter()
        after_paragraph: Counter[str] = Counter()
        examples: dict[str, str] = {}
        openings: dict[str, str] = {}  # opening -> its first line on the page
        above = ""
        for at, text in enumerate(texts):  # is the line above a heading? asked only above candidates (a cost)
            words = read_more_words(text)
            if words is not None and is_continue(text) is None:
                seen[words] += 1
                examples.setdefault(words, text)
                after_paragraph[words] += above.count(" ") + 1 >= MIN_PARAGRAPH_WORDS and heading(above) is None
            splits = byline_splits(text)
            if splits and above and heading(above) is not None and byline(text) is None:
                # The lines above it, nearest first, as shapes, and whether each is heading-like: which
                # of them is its title is told when the result knows which lines recur (see result).
                chain = tuple((shape(t), heading(t) is not None) for t in texts[max(0, at - ABOVE_LINES) : at][::-1])
                for opening, name in splits:
                    openings.setdefault(opening, text)
                    if len(names := self.names.setdefault(opening, set())) < MIN_NAMES:
                        names.add(name)
                    if len(chains := self.titles.setdefault(opening, set())) < 4 * MIN_NAMES:
                        chains.add(chain)
            above = text
        self.read_more.add_page({w: examples[w] for w, n in seen.items() if n >= 2 and after_paragraph[w] == n})
        self.openings.add_page(openings)
        if self.openings.pages % self.openings.width == 0:  # the counter forgot rare openings: so do these
            self.names = {o: n for o, n in self.names.items() if o in self.openings.counts}
            self.titles = {o: n for o, n in self.titles.items() if o in self.openings.counts}

    def _need(self, pages: int) -> int:
        return max(MIN_PAGES, math.ceil(self.share * pages - 1e-9))

    def result(self) -> Learned:
        pages = self.counter.pages
        learned = Learned(pages, self.share, sampled=len(self.sample), peak_shapes=self.counter.peak)
        frequent = self.counter.frequent(self._need(pages))
        digit_free = {s for s, *_ in frequent if "#" not in s}
        tops = [[t for t in page if t not in digit_free][:TOP_LINES] for page in self.sample]
        self._learn_dates(learned, tops)
        date = compile_rules(learned.profile(self.base)).date if learned.russian_dates else self.rules.date
        self._learn_results(learned, tops, date)
        need = self._need(pages)
        learned.base = self.base
        learned.read_more = [
            Marker(r"\s+".join(re.escape(w) for w in words.split()), n, exact, example)
            for words, n, exact, example in self.read_more.frequent(need)
        ]
        # Two names after it at least (a fixed text is a menu), under two titles at least: its title
        # is the nearest line above it that does not recur on the pages (a time or a section label
        # may stand between), and must be heading-like. Under share buttons and a result line, the
        # line is a headline with a kicker ("Analysis: Banks Keep Rising").
        recurring = {s for s, *_ in frequent}

        def titles(opening: str) -> set[str]:
            nearest = (next(((s, h) for s, h in chain if s not in recurring), None) for chain in self.titles[opening])
            return {s for s, is_heading in filter(None, nearest) if is_heading}

        found = [
            o
            for o, *_ in self.openings.frequent(need)
            if len(self.names.get(o, ())) >= MIN_NAMES and len(titles(o)) >= MIN_NAMES
        ]
        learned.bylines = [
            Marker(r"\s+".join(re.escape(w) for w in opening.split()), n, exact, example)
            for opening, n, exact, example in self.openings.frequent(need)
            if opening in found and not any(opening.startswith(f"{o} ") for o in found)  # the shortest opening
        ]
        learned.bylines = [m for m in learned.bylines if m.pattern not in self.base.bylines]
        learned.read_more = [m for m in learned.read_more if m.pattern not in self.base.read_more]
        rules = compile_rules(learned.profile(self.base))
        results, is_continue, byline = rules.results, rules.test(Kind.CONTINUE), rules.test(Kind.BYLINE)
        # a learned read-more line or byline keeps its meaning (and audit reason): it is not boilerplate
        learned.boilerplate = [
            Entry(s, n, exact)
            for s, n, exact, example in frequent
            if results(example) is None and is_continue(example) is None and byline(example) is None
        ]
        return learned

    def _learn_dates(self, learned: Learned, tops: list[list[str]]) -> None:
        russian = date_parser(months=RU_MONTHS, weekdays=RU_WEEKDAYS, skip_words=RU_SKIP)
        base = sum(any(self.rules.date(t) for t in top) for top in tops)
        found = [next((t for t in top if russian(t)), None) for top in tops]
        read = sum(f is not None for f in found)
        if read > base and read >= self._need(len(tops)):
            learned.russian_dates = True
            example = next(f for f in found if f is not None)
            learned.dates_evidence = f"a date line on {read} of {len(tops)} sampled pages, e.g. {_quote(example)}"

    def _learn_results(self, learned: Learned, tops: list[list[str]], date) -> None:
        """A result line: at the top of most pages, once per page, two or
        three numbers that count (first <= last <= total) and page through
        the results (first - 1 a multiple of the page size, but on a short
        last page)."""
        seen: Counter[str] = Counter()
        paging: Counter[str] = Counter()
        examples: dict[str, str] = {}
        rejected: set[str] = set()
        for page, top in zip(self.sample, tops):
            on_page = Counter(shape(t) for t in page)
            for s, t in {shape(t): t for t in reversed(top)}.items():
                numbers = _numbers(t)
                if len(numbers) not in (2, 3) or not _LETTER.search(t) or date(t) is not None:
                    continue
                if self.rules.results(t) is not None:
                    continue
                first, last = numbers[0], numbers[1]
                if on_page[s] > 1 or not 1 <= first <= last or (len(numbers) == 3 and last > numbers[2] * 2):
                    rejected.add(s)
                    continue
                seen[s] += 1
                paging[s] += (first - 1) % (last - first + 1) == 0
                examples.setdefault(s, t)
        need = self._need(len(tops))
        candidates = [s for s, n in seen.most_common() if n >= need and s not in rejected and paging[s] * 2 >= n]
        for s in candidates:
            pattern = results_pattern(s)
            if re.fullmatch(pattern, examples[s], re.IGNORECASE) is None:
                continue
            learned.results = pattern
            learned.results_evidence = f"on {seen[s]} of {len(tops)} sampled pages, e.g. {_quote(examples[s])}"
            return


def learn(sources: Iterable[Iterable[str]], share: float = MIN_SHARE, base: Profile = TIMESCA) -> Learned:
    """Learn a profile from the line streams of one site's dumps."""
    learner = Learner(share, base)
    for lines in sources:
        learner.add_lines(lines)
    return learner.result()
