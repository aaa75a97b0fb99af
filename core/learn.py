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
from newsdump.lines import byline, is_continue
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
        out += [
            "",
            "[boilerplate]",
            "# Whole lines removed before the articles are found; # stands for a number.",
            "lines = [",
        ]
        for e in self.boilerplate:
            evidence = (
                f"on {e.pages} of {self.pages} pages" if e.exact else f"on at least {e.pages} of {self.pages} pages"
            )
            out.append(f"    {_quote(e.shape)},  # {evidence}")
        out.append("]")
        return "\n".join(out) + "\n"

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


class Learner:
    """Feed it pages (:meth:`add_lines` per source), then :meth:`result`."""

    def __init__(self, share: float = MIN_SHARE, base: Profile = TIMESCA, width: int = BUCKET_PAGES) -> None:
        self.share = share
        self.rules = compile_rules(base)
        self.base = base
        self.counter = ShapeCounter(width)
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
        self.counter.add_page(
            {
                s: text
                for s, text in shapes.items()
                if not (is_continue(text) or byline(text) is not None or rules.is_note(text))
            }
        )
        if len(self.sample) < SAMPLE_PAGES:
            self.sample.append([t for t in texts[:SAMPLE_LINES] if len(t) <= MAX_SHAPE_CHARS])

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
        results = compile_rules(learned.profile(self.base)).results
        learned.boilerplate = [Entry(s, n, exact) for s, n, exact, example in frequent if results(example) is None]
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
