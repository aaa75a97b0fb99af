"""Hypothesis strategies that compose dumps in the variants of SPEC.md
section 1 together with the records they must parse to.

Titles, paragraphs and subheadings are drawn from invented word lists and
follow the structural rules the parser documents: titles in full-article
pages have at least ``TITLE_MIN_WORDS`` words, subheadings fewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st
from newsdump.articles import TITLE_MIN_WORDS

WORDS = [
    "Almaty",
    "Water",
    "Railway",
    "Summit",
    "Grain",
    "Border",
    "Budget",
    "Energy",
    "Students",
    "Cotton",
    "Glacier",
    "Airport",
    "Mayor",
    "Market",
    "Tenge",
    "Harvest",
    "Steppe",
    "Bazaar",
    "Caravan",
    "Pipeline",
]
SMALL = ["of", "to", "in", "and", "for", "on"]
SENTENCE_WORDS = [
    "the",
    "city",
    "council",
    "approved",
    "new",
    "rules",
    "for",
    "traders",
    "on",
    "Monday",
    "officials",
    "said",
    "prices",
    "rose",
    "sharply",
    "after",
    "a",
    "dry",
    "summer",
    "farmers",
]
CURRENCIES = ["KGS", "KZT", "TJS", "UZS", "TMT", "AMD", "GEL", "AZN", "MNT", "RUB"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass
class Expected:
    line: int
    title: str
    body: str
    subheadings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    author: str | None = None
    truncated: bool = False


@dataclass
class Page:
    lines: list[str]  # without line endings; line numbers are filled in by the dump
    articles: list[tuple[int, Expected]]  # (index into lines of the title, expected)
    date: str | None
    results: tuple[int, int, int | None] | None
    quotes: list[tuple[str, float, float]]
    repeats: int


def title_words(min_words: int, max_words: int):
    return st.lists(st.sampled_from(WORDS + SMALL), min_size=min_words, max_size=max_words).map(
        lambda ws: " ".join([ws[0].capitalize()] + ws[1:])
    )


@st.composite
def titles(draw, min_words=2, max_words=12):
    title = draw(title_words(min_words, max_words))
    return title + "?" if draw(st.booleans()) and draw(st.booleans()) else title


@st.composite
def sentences(draw):
    words = draw(st.lists(st.sampled_from(SENTENCE_WORDS), min_size=3, max_size=25))
    return " ".join([words[0].capitalize()] + words[1:]) + "."


@st.composite
def paragraphs(draw):
    return " ".join(draw(st.lists(sentences(), min_size=1, max_size=6)))


@st.composite
def captions(draw):
    return draw(sentences()).rstrip(".") + "; image: " + draw(st.sampled_from(["TCA", "Japan MOFA", "TCA, A. Lee."]))


@st.composite
def ticker(draw):
    n = draw(st.sampled_from([4, 5]))
    codes = draw(st.permutations(CURRENCIES))[:n]
    quote = draw(st.sampled_from(["USD", "EUR"]))
    quotes = [
        (
            f"{c}/{quote}",
            draw(st.sampled_from([0.01144, 0.00008, 0.2857, 1.5])),
            draw(st.sampled_from([0.0, -0.0, 0.18, -1.05])),
        )
        for c in codes
    ]
    repeats = draw(st.integers(1, 10))
    return quotes, repeats


def quote_line(pair, rate, change, indent):
    change_text = "-0" if str(change) == "-0.0" else f"{change:g}"
    return f"{indent}• {pair} = {rate:.5f} {change_text}%"


@st.composite
def page_date(draw):
    y, m, d = draw(st.integers(2015, 2030)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    form = draw(st.sampled_from(["dmy", "0dmy", "mdy", "iso"]))
    text = {
        "dmy": f"{d} {MONTHS[m - 1]} {y}",
        "0dmy": f"{d:02d} {MONTHS[m - 1]} {y}",
        "mdy": f"{MONTHS[m - 1]} {d}, {y}",
        "iso": f"{y}-{m:02d}-{d:02d}",
    }[form]
    return text, f"{y}-{m:02d}-{d:02d}"


@st.composite
def listing_article(draw):
    title = draw(titles())
    sents = draw(st.lists(sentences(), min_size=1, max_size=6))
    truncated = draw(st.booleans())
    if truncated:
        sents[-1] = sents[-1].rstrip(".")
    caps: list[str] = []
    text = " ".join(sents)
    if draw(st.booleans()):  # an inline caption shortcode after the first sentence
        caps.append(draw(captions()))
        shortcode = f'[caption id="attachment_{len(caps[0])}" align="aligncenter" width="2560"] {caps[0]}[/caption]'
        text = " ".join([sents[0], shortcode, *sents[1:]])
    if truncated:
        text += draw(st.sampled_from(["...", "…"]))
    return [title, "", text, ""], Expected(0, title, " ".join(sents), captions=caps, truncated=truncated)


@st.composite
def full_article(draw):
    title = draw(titles(min_words=TITLE_MIN_WORDS, max_words=12))
    lines = [title, ""]
    body: list[str] = []
    exp = Expected(0, title, "")
    # A lede of two paragraphs: two paragraphs side by side are what tells a
    # full-article page from a listing (see core.articles).
    for _ in range(2):
        p = draw(paragraphs())
        lines += [p, ""]
        body.append(p)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["para", "para", "sub", "caption", "nbsp"]))
        if kind == "para":
            p = draw(paragraphs())
            lines += [p, ""]
            body.append(p)
        elif kind == "sub":
            sub = draw(title_words(2, TITLE_MIN_WORDS - 1))
            p = draw(paragraphs())
            lines += [sub, "", p, ""]
            body += [sub, p]
            exp.subheadings.append(sub)
        elif kind == "caption":
            cap = draw(captions())
            lines += [cap, ""]
            exp.captions.append(cap)
        else:
            lines += ["\u00a0", ""]
    if draw(st.booleans()):
        note = "The views expressed in this article are those of the author and do not reflect the publication."
        lines += ["\u00a0", "", note, ""]
        exp.notes.append(note)
    exp.body = "\n\n".join(body)
    return lines, exp


@st.composite
def archive_article(draw):
    title = draw(titles())
    teaser = draw(paragraphs())
    author = draw(st.one_of(st.none(), st.sampled_from(["Aigerim Sadykova", "Timur Asanov", "Ann Lee"])))
    lines = [title, ""]
    if author:
        lines += [f"  • Written by {author}", ""]
    text = teaser
    if draw(st.booleans()):
        text = teaser + ' [video width="640" mp4="https://example.org/v.mp4"][/video]'
    lines += [text, "", "Continue reading", ""]
    return lines, Expected(0, title, teaser, author=author)


@st.composite
def pages(draw, first=True):
    """One page; only the first may lack a ticker (SPEC: only a ticker starts a page)."""
    layout = draw(st.sampled_from(["listing", "full", "archive"]))
    article = {"listing": listing_article, "full": full_article, "archive": archive_article}[layout]
    has_ticker = not first or layout != "archive" or draw(st.booleans())
    quotes, repeats = draw(ticker()) if has_ticker else ([], 0)
    lines = [quote_line(p, r, c, "" if i == 0 else "  ") for i, (p, r, c) in enumerate(quotes * repeats)]
    date_text, date_iso = draw(page_date()) if draw(st.booleans()) else (None, None)
    if date_text:
        lines += [date_text, ""] if draw(st.booleans()) else [date_text, "", ""]
    n = draw(st.integers(1, 6))
    results = None
    if draw(st.booleans()):
        start = draw(st.integers(1, 500))
        total = draw(st.one_of(st.none(), st.integers(start, 2000)))
        results = (start, start + n - 1, total)
        lines += [
            f"Viewing results {start} - {start + n - 1} of" + (f" {total}" if total is not None else ""),
            "",
        ]
    arts = []
    for _ in range(n):
        more, exp = draw(article())
        arts.append((len(lines), exp))
        lines += more
    return Page(lines, arts, date_iso, results, quotes, repeats)


@st.composite
def dumps(draw):
    """``(text, pages)``: several pages joined as `cat` would, with noise."""
    ps = [draw(pages())] + draw(st.lists(pages(first=False), max_size=2))
    crlf = draw(st.booleans())
    parts = []
    for i, page in enumerate(ps):
        # a file without a trailing newline glues the next ticker onto its last line
        glue = i + 1 < len(ps) and ps[i + 1].quotes and draw(st.booleans())
        lines = list(page.lines)
        while glue and lines and lines[-1] == "":
            lines.pop()
        parts.append("\n".join(lines) + ("" if glue else "\n"))
    text = "".join(parts)
    # line numbers of the titles in the joined text
    n = 1
    for page, part in zip(ps, parts):
        for idx, exp in page.articles:
            exp.line = n + idx
        n += part.count("\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    return text, ps
