"""Hypothesis strategies that compose dumps in the variants of SPEC.md
section 1 together with the records they must parse to.

Titles, paragraphs and subheadings are drawn from invented word lists and
follow the structural rules the parser documents: titles of full articles
have at least ``TITLE_MIN_WORDS`` words, subheadings fewer; a full article
opens with two paragraphs, a teaser has one or two.
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


NOTES_AT_TOP = [
    "Editor's note: This article was first published by Eurasianet and is republished with permission.",
    "This story has been updated with comments from the ministry.",
    "Editor’s note: the figures below were corrected on Monday.",
]
NOTES_AT_END = [
    "The views expressed in this article are those of the author and do not reflect the publication.",
    "This article was produced with the support of a regional media fund.",
    "Correction: an earlier version of this article gave the wrong date.",
]


@st.composite
def listing_article(draw, mixed=False, long_title=False, strict=False):
    """A title and a teaser: one paragraph, or in ``mixed`` pages sometimes
    two, and sometimes an editorial note before or after it. ``strict``: a
    teaser of two paragraphs is cut off (else the rest of the page decides
    whether it reads as a teaser, see core.articles)."""
    title = draw(titles(min_words=TITLE_MIN_WORDS if long_title else 2))
    paras = [draw(st.lists(sentences(), min_size=1, max_size=6))]
    if mixed and draw(st.integers(0, 3)) == 0:
        paras.append(draw(st.lists(sentences(), min_size=1, max_size=4)))
    truncated = (strict and len(paras) == 2) or draw(st.booleans())
    if truncated:
        paras[-1][-1] = paras[-1][-1].rstrip(".")
    caps: list[str] = []
    texts = [" ".join(sents) for sents in paras]
    if draw(st.booleans()):  # an inline caption shortcode after the first sentence
        caps.append(draw(captions()))
        shortcode = f'[caption id="attachment_{len(caps[0])}" align="aligncenter" width="2560"] {caps[0]}[/caption]'
        texts[0] = " ".join([paras[0][0], shortcode, *paras[0][1:]])
    if truncated:
        texts[-1] += draw(st.sampled_from(["...", "…", " […]"] if mixed else ["...", "…"]))
    notes: list[str] = []
    lines = [title, ""]
    where = draw(st.sampled_from(["none", "none", "top", "end"])) if mixed else "none"
    if where == "top":
        notes.append(draw(st.sampled_from(NOTES_AT_TOP)))
        lines += [notes[0], ""]
    for text in texts:
        lines += [text, ""]
    if where == "end":
        notes.append(draw(st.sampled_from(NOTES_AT_END)))
        lines += [notes[0], ""]
    body = "\n\n".join(" ".join(sents) for sents in paras)
    return lines, Expected(0, title, body, captions=caps, notes=notes, truncated=truncated)


@st.composite
def full_article(draw, mixed=False, strict=False):
    """A title of at least ``TITLE_MIN_WORDS`` words, a lede of two
    paragraphs, then paragraphs, subheadings (fewer words) with their
    paragraphs, and captions; a note at the end, or in ``mixed`` pages
    anywhere: at the top, between two paragraphs, at the end. ``strict``: it
    has a caption on its own line (else, without a run of three paragraphs,
    the rest of the page decides whether it reads as a full article)."""
    title = draw(titles(min_words=TITLE_MIN_WORDS, max_words=12))
    lines = [title, ""]
    body: list[str] = []
    exp = Expected(0, title, "")
    where = draw(st.sampled_from(["top", "middle", "end", "end", "none"])) if mixed else "end"
    if where == "top" and draw(st.booleans()):
        note = draw(st.sampled_from(NOTES_AT_TOP))
        lines += [note, ""]
        exp.notes.append(note)
    # A lede of two paragraphs: two paragraphs side by side are what tells a
    # full article from a teaser (see core.articles).
    for i in range(2):
        p = draw(paragraphs())
        lines += [p, ""]
        body.append(p)
        if i == 0 and where == "middle" and draw(st.booleans()):
            note = draw(st.sampled_from(NOTES_AT_TOP + NOTES_AT_END))
            lines += [note, ""]
            exp.notes.append(note)
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
    if strict and not exp.captions:
        exp.captions.append(draw(captions()))
        lines += [exp.captions[-1], ""]
    if where == "end" and draw(st.booleans()):
        note = draw(st.sampled_from(NOTES_AT_END))
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
def pages(draw, first=True, mixed=False, layouts=("listing", "full", "archive"), strict=False):
    """One page; only the first may lack a ticker (SPEC: only a ticker starts a page).

    An ordinary page has one layout; a ``mixed`` one draws the layout of
    each article (teasers next to full articles), places notes anywhere and
    gives some teasers two paragraphs (``strict``: see the articles). The structural rule of
    core.articles holds: a teaser that follows a full article has a title
    of at least ``TITLE_MIN_WORDS`` words (a shorter one reads as a
    subheading)."""
    n = draw(st.integers(1, 6))
    one = draw(st.sampled_from(layouts))
    chosen = [draw(st.sampled_from(layouts)) for _ in range(n)] if mixed else [one] * n
    has_ticker = not first or chosen[0] != "archive" or draw(st.booleans())
    quotes, repeats = draw(ticker()) if has_ticker else ([], 0)
    lines = [quote_line(p, r, c, "" if i == 0 else "  ") for i, (p, r, c) in enumerate(quotes * repeats)]
    date_text, date_iso = draw(page_date()) if draw(st.booleans()) else (None, None)
    if date_text:
        lines += [date_text, ""] if draw(st.booleans()) else [date_text, "", ""]
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
    previous = None
    for layout in chosen:
        if layout == "listing":
            more, exp = draw(listing_article(mixed, long_title=previous == "full", strict=strict))
        elif layout == "full":
            more, exp = draw(full_article(mixed, strict=strict))
        else:
            more, exp = draw(archive_article())
        arts.append((len(lines), exp))
        lines += more
        previous = layout
    return Page(lines, arts, date_iso, results, quotes, repeats)


@st.composite
def dumps(draw, mixed=False, layouts=("listing", "full", "archive"), strict=False):
    """``(text, pages)``: several pages joined as `cat` would, with noise;
    ``mixed``: pages that mix layouts and place notes anywhere (see :func:`pages`);
    ``layouts``: those to draw from; ``strict``: no page the rest of whose
    text decides its layout (see :func:`full_article`, :func:`listing_article`)."""
    ps = [draw(pages(mixed=mixed, layouts=layouts, strict=strict))]
    ps += draw(st.lists(pages(first=False, mixed=mixed, layouts=layouts, strict=strict), max_size=2))
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
