"""Article segmentation: a page's text lines in, article drafts out.

Each line is first judged on its own (:mod:`newsdump.lines`): a heading-like
line (short, no sentence-final punctuation), a paragraph, a caption, a note,
a byline, a read-more line. The question left is which heading-like lines
are *titles* and which are *subheadings*, and it is decided article by
article, not once per page:

* A **teaser** (listing or archive style) is a title and one or two
  paragraphs, sometimes cut off (``...``) or closed by a read-more line. A
  **full article** is a title, a lede of two or more paragraphs, then
  paragraphs, subheadings and captions on their own line.
* **Certain titles**: the first text line of the page, the line after a
  read-more line, the line before a byline, a heading-like line after a note
  that follows paragraphs (a note at the end closes its article), a
  heading-like line right before a note (a note before the first paragraph
  follows its article's title), and any heading-like line of more than ``subheading_max_words`` words (profile
  key, 5: a subheading is short). Where a title is certain, a line up to
  ``title_max_words`` words is taken as the title even if it ends with a
  full stop.
* A **short heading-like line** is a subheading only when the article around
  it is a full one. It is a title when the article before it has no
  paragraph yet, when that article's last paragraph is cut off or closed by
  a read-more line (a complete teaser), or when what follows it is a
  complete teaser (one or two paragraphs, then cut off or read more).
* Whether an article is **full**: yes if, up to the next certain title, it
  has a run of three or more paragraphs or a caption on its own line (a
  teaser never has). Else by its lede (the paragraphs after its title): a
  lede of one paragraph is a teaser's; so is a lede of two under a short
  title (a full article's title is longer than a subheading); a lede of two
  under a longer title is a full article's, unless the rest of the page is
  clearly a page of teasers: its signs of teasers (cut-off paragraphs,
  certain titles with a one-paragraph lede) number at least two and more
  than twice its signs of full articles (runs of three paragraphs, captions
  on their own line).
* **The result line's count**: when the page promises more articles than
  these rules find, a headline-case line ending with a full stop that
  stands where a title stands in a page of teasers (after a paragraph,
  before a teaser of one or two paragraphs) is taken as a title, if the
  page then has exactly the promised number, all of them teasers. When it
  promises fewer, a title not in headline case with no paragraph, right
  under an empty article's shorter title, is taken as that article's text
  (a teaser without a closing stop), on the same condition.
* **Notes** stand where they stand: a note before the first paragraph
  belongs to the article whose title precedes it, a note between paragraphs
  does not split the article, a note followed by a heading-like line closes
  its article (the heading is the next title).
* **Known limit**: a full article whose lede and every subheading have one
  paragraph reads exactly like a title followed by teasers. When such an
  article has a long title (it could head a full article) and nothing else
  on the page tells the layout, it is read as a title and teasers and the
  draft is marked ``ambiguous`` (the page warns ``ambiguous-layout``).
  Pages are read independently of each other (a file may be parsed in
  chunks of pages by several processes), so other pages of the input do
  not decide it.

Text before the first title is returned as unassigned; lines the audit
removes with a reason of their own (read-more lines, bylines, shortcode-only
lines) are never unassigned.

>>> drafts, skipped = segment_articles([(5, "Water Wars"), (7, "Rivers run dry..."), (9, "Next One"), (11, "Short.")])
>>> [(d.line, d.title, d.paragraphs) for d in drafts]
[(5, 'Water Wars', ['Rivers run dry...']), (9, 'Next One', ['Short.'])]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdump.lines import REASONS, Kind, bare_byline, ends_truncated, strip_closers, word_count
from newsdump.profile import DEFAULT_RULES, TIMESCA, Rules
from newsdump.shortcodes import extract_shortcodes
from newsdump.ticker import BULLETS

# A heading-like line of more words than a subheading has is a title (the timesca profile's value).
TITLE_MIN_WORDS = TIMESCA.subheading_max_words + 1
# A teaser has one or two paragraphs; a run of this many is a full article's.
FULL_RUN = 3
# The kinds as module constants: ``Kind.HEADING`` is an enum lookup of 80 ns, a constant 15 ns,
# and the functions below test every line of every page several times.
CONTINUE, BYLINE, NOTE, CAPTION, HEADING, PARAGRAPH = (
    Kind.CONTINUE,
    Kind.BYLINE,
    Kind.NOTE,
    Kind.CAPTION,
    Kind.HEADING,
    Kind.PARAGRAPH,
)


@dataclass(slots=True)
class Draft:
    """An article being assembled; :mod:`newsdump.parser` turns it into a record.
    ``ambiguous``: its layout rests on the known limit (see the module)."""

    line: int
    title: str
    paragraphs: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    author: str | None = None
    ambiguous: bool = False


@dataclass(slots=True)
class Item:
    """One text line, classified: its kind, line number, text and captions
    (a caption line keeps its text, and has it as its last caption)."""

    kind: Kind
    line: int
    text: str
    captions: tuple[str, ...]


def classify_lines(lines: Sequence[tuple[int, str]], rules: Rules = DEFAULT_RULES) -> list[Item]:
    """Each text line judged on its own (shortcodes taken out)."""
    classify = rules.classify
    items = []
    for line, raw in lines:  # every text line of every page: the hot path
        text, captions = extract_shortcodes(raw) if "[" in raw else (raw, ())
        if not text and captions:
            items.append(Item(CAPTION, line, "", captions))  # a caption shortcode alone on its line
            continue
        kind, kept = classify(text)
        if kind == CAPTION:
            captions = (*captions, kept)  # its text goes to captions, not the body
        elif kind == HEADING and text[0] == "B" and items and items[-1].kind == HEADING:
            if name := _bare_byline(text, rules):
                kind, kept = BYLINE, name  # "By Name" right under a title
        elif kind == CONTINUE and len(items) > 1 and items[-1].kind == HEADING and items[-2].kind == BYLINE:
            items[-1].kind = PARAGRAPH  # between a byline and "Continue reading": the teaser (without its full stop)
        items.append(Item(kind, line, kept, captions))
    return items


def _bare_byline(text: str, rules: Rules) -> str | None:
    """The name of a byline without a bullet (:func:`newsdump.lines.bare_byline`),
    where the profile takes the same line with a bullet for a byline."""
    if (name := bare_byline(text)) is None or rules.test(BYLINE)(f"{BULLETS[0]} {text[:2]} {name}") is None:
        return None
    return name


_TEXT = (HEADING, PARAGRAPH)


def _could_be_title(item: Item, rules: Rules) -> bool:
    return item.kind == HEADING or (
        item.kind == PARAGRAPH
        and word_count(item.text) <= rules.profile.title_max_words
        and strip_closers(item.text)[-1:] not in (",", ";", ":")
    )


def _certain_titles(items: list[Item], rules: Rules) -> set[int]:
    """Indexes of the lines that must be titles (see the module)."""
    certain: set[int] = set()
    expect = True  # page start, after a read-more line
    closing = False  # after a note that follows a paragraph
    previous: int | None = None  # the last heading or paragraph
    longest = rules.profile.subheading_max_words
    for i, item in enumerate(items):
        kind = item.kind
        if kind == CONTINUE:
            expect = True
        elif kind == NOTE:
            if previous is not None and items[previous].kind == HEADING and _no_text_between(items, previous, i):
                certain.add(previous)  # a note before the first paragraph follows a title
            closing = closing or (
                previous is not None and items[previous].kind == PARAGRAPH and previous not in certain
            )
        elif kind == BYLINE:
            if previous is not None and previous == i - 1 and _could_be_title(items[previous], rules):
                certain.add(previous)
        elif kind in _TEXT:
            if (expect and _could_be_title(item, rules)) or (
                kind == HEADING and (closing or word_count(item.text) > longest)
            ):
                certain.add(i)
            expect = closing = False
            previous = i
    return certain


def _no_text_between(items: list[Item], start: int, end: int) -> bool:
    return all(item.kind not in _TEXT for item in items[start + 1 : end])


@dataclass(slots=True)
class _Run:
    """What follows a heading up to the next one: its paragraphs, whether
    the last is cut off, whether a read-more line closes it, and captions on
    their own line."""

    paragraphs: int = 0
    cut: bool = False
    closed: bool = False
    captions: int = 0
    strong: bool = False  # this run or a later one before the next certain title looks full

    def complete_teaser(self) -> bool:
        return 1 <= self.paragraphs <= 2 and (self.cut or self.closed)


def _runs(items: list[Item], heads: list[int], certain: set[int]) -> dict[int, _Run]:
    runs: dict[int, _Run] = {}
    bounds = [*heads, len(items)]
    for h, end in zip(heads, bounds[1:]):
        paragraphs = captions = 0
        closed = False
        last = None  # the last paragraph: whether it is cut off
        for i in range(h + 1, end):  # local counters: this is every line of every page
            item = items[i]
            kind = item.kind
            if kind == PARAGRAPH:
                paragraphs += 1
                last = item.text
                closed = False
            elif kind == CONTINUE:
                closed = paragraphs > 0
            elif kind == CAPTION and item.text:
                captions += 1  # a caption on its own line
        runs[h] = _Run(paragraphs, last is not None and ends_truncated(last), closed, captions)
    strong = False
    for h, after in zip(reversed(heads), reversed(bounds[1:])):
        run = runs[h]
        strong = run.paragraphs >= FULL_RUN or run.captions > 0 or (strong and after not in certain)
        run.strong = strong
    return runs


def _signs(heads: list[int], certain: set[int], runs: dict[int, _Run]) -> tuple[int, int]:
    """Signs of listing teasers and of full articles on the page (see the
    module). Read-more lines are no sign: a teaser they close is complete
    anyway, and says nothing of the teasers that have none."""
    teasers = full = 0
    for h in heads:
        run = runs[h]
        if not run.closed:
            teasers += run.cut or (h in certain and run.paragraphs == 1)
        full += (run.paragraphs >= FULL_RUN) + run.captions
    return teasers, full


def _titles(items: list[Item], rules: Rules, forced: frozenset[int] = frozenset()) -> tuple[set[int], set[int]]:
    """Indexes of the title lines, and of the titles whose article's layout
    is ambiguous (the known limit). ``forced``: lines taken as certain titles
    (see :func:`_stopped_titles`)."""
    certain = _certain_titles(items, rules) | forced
    heads = [i for i, item in enumerate(items) if item.kind == HEADING or i in certain]
    if not heads:
        return set(), set()
    runs = _runs(items, heads, certain)
    teaser_signs, full_signs = _signs(heads, certain, runs)
    longest = rules.profile.subheading_max_words
    titles: set[int] = set()
    ambiguous: set[int] = set()
    current: int | None = None
    full = doubtful = False
    before: int | None = None  # the previous heading
    for h in heads:
        if h in certain or current is None:
            title = True
        else:
            last = runs[before] if before is not None else _Run()
            if before == current and last.paragraphs == 0:
                title = True  # the article before has no paragraph: a title alone
            elif last.cut or last.closed or runs[h].complete_teaser():
                title = True  # a complete teaser before it, or one after it
            else:
                title = not full
                if title and doubtful:
                    ambiguous.add(current)
        if title:
            titles.add(h)
            current = h
            run = runs[h]
            if run.strong:
                full = True
            elif run.paragraphs >= 2 and word_count(items[h].text) > longest:
                full = not teaser_signs > 2 * full_signs + 1  # clearly a page of teasers
            else:
                full = False
            # One paragraph, nothing else on the page tells teasers, and a
            # title long enough to head a full article: the known limit.
            doubtful = (
                not full
                and run.paragraphs == 1
                and not (run.cut or run.closed)
                and teaser_signs - (h in certain) == 0
                and word_count(items[h].text) > longest
            )
        before = h
    return titles, ambiguous


def _headline_case(text: str) -> bool:
    """Every word of four letters or more capitalised, and two such words at
    least (``Shymkent Cuts Bus Fares.``, not ``They rise later.``)."""
    long = [w for w in text.split() if len(w) >= 4]
    return len(long) >= 2 and all(w[0].isupper() for w in long)


def _stopped_titles(items: list[Item], rules: Rules) -> frozenset[int]:
    """Paragraph lines that stand where a title stands in a page of teasers:
    a line in headline case that could be a title but ends with a full stop,
    between a paragraph and a teaser of one or two paragraphs that a
    heading-like line (or the page's end) follows."""
    text = [i for i, item in enumerate(items) if item.kind in _TEXT]
    found = []
    for at, i in enumerate(text):
        item = items[i]
        if item.kind != PARAGRAPH or not item.text.endswith(".") or not _could_be_title(item, rules):
            continue
        if not _headline_case(item.text):
            continue
        if at == 0 or items[text[at - 1]].kind != PARAGRAPH:
            continue
        after = [items[j].kind for j in text[at + 1 : at + 4]] + [None, None]  # None: the page's end
        end = (None, HEADING)
        if after[0] == PARAGRAPH and (after[1] in end or (after[1] == PARAGRAPH and after[2] in end)):
            found.append(i)
    return frozenset(found)


def _only_teasers(items: list[Item], titles: set[int]) -> bool:
    """Every article is a teaser: a title and one or two paragraphs, no
    subheading (the count's retries are for pages of teasers only: inside a
    full article a credit line or a link would be taken for a title)."""
    text = [i for i, item in enumerate(items) if item.kind in _TEXT]
    bounds = [at for at, i in enumerate(text) if i in titles] + [len(text)]
    return all(
        1 <= end - start - 1 < FULL_RUN and all(items[i].kind == PARAGRAPH for i in text[start + 1 : end])
        for start, end in zip(bounds, bounds[1:])
    )


def _teasers_as_titles(items: list[Item], titles: set[int]) -> set[int]:
    """Titles that may be the teaser of the title just before them: neither
    has a paragraph, and this one has more words and is not in headline case
    (a teaser without a closing full stop reads as a heading)."""
    found = set()
    previous: int | None = None  # the last title, while its article has no paragraph
    for i, item in enumerate(items):
        if i in titles:
            if (
                previous is not None
                and word_count(item.text) > word_count(items[previous].text)
                and not _headline_case(item.text)
            ):
                ends = next((j for j in range(i + 1, len(items)) if j in titles or items[j].kind in _TEXT), None)
                if ends is None or ends in titles:  # no paragraph of its own either
                    found.add(i)
            previous = i
        elif item.kind in _TEXT:
            previous = None
    return found


def assemble(
    items: list[Item], owners: list[int] | None = None, rules: Rules = DEFAULT_RULES, promised: int | None = None
) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Group classified lines into article drafts.

    Returns ``(drafts, unassigned)``: unassigned lines are text that comes
    before the first title and so belongs to no article. When ``owners`` is
    given, it receives, per item, the index of the draft it went to (-1 for
    none).

    ``promised``: how many articles the page's result line promises. When
    fewer are found, lines ending with a full stop that stand where titles
    stand in a page of teasers (:func:`_stopped_titles`) are tried as
    titles, and taken if the page then has exactly the promised articles:
    one such title made a page of teasers read as one full article. (A
    sentence-case site's titles with a full stop are left as they are: its
    short sentences look the same.) When more are found, titles that may be
    the teaser of an empty article before them (:func:`_teasers_as_titles`)
    are tried as its text, and taken if the count then matches: a teaser
    without a closing full stop had become an article of its own."""
    titles, ambiguous = _titles(items, rules)
    if promised is not None and len(titles) < promised and (stopped := _stopped_titles(items, rules)):
        retried = _titles(items, rules, stopped)
        if len(retried[0]) == promised and _only_teasers(items, retried[0]):
            titles, ambiguous = retried
    elif promised is not None and len(titles) > promised and (teasers := _teasers_as_titles(items, titles)):
        as_text = [Item(PARAGRAPH, it.line, it.text, it.captions) if i in teasers else it for i, it in enumerate(items)]
        retried = _titles(as_text, rules)
        if len(retried[0]) == promised and _only_teasers(as_text, retried[0]):
            items, (titles, ambiguous) = as_text, retried
    drafts: list[Draft] = []
    unassigned: list[tuple[int, str]] = []
    cur: Draft | None = None
    for i, item in enumerate(items):
        kind = item.kind
        if owners is not None:
            owners.append(len(drafts) - 1)
        if i in titles:
            cur = Draft(item.line, item.text, ambiguous=i in ambiguous)
            drafts.append(cur)
            if owners is not None:
                owners[-1] += 1
        elif cur is None:
            if REASONS[kind] is None and (item.text or item.captions):
                unassigned.append((item.line, item.text or " ".join(item.captions)))
            continue
        elif kind in _TEXT:
            cur.paragraphs.append(item.text)
            if kind == HEADING and item.text[:1] not in BULLETS:  # "• Samarkand" is an item of a list
                cur.subheadings.append(item.text)
        elif kind == BYLINE:
            cur.author = cur.author or item.text
        elif kind == NOTE:
            cur.notes.append(item.text)
        cur.captions.extend(item.captions)
    return drafts, unassigned


def segment_articles(
    lines: Sequence[tuple[int, str]], rules: Rules = DEFAULT_RULES, promised: int | None = None
) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Split a page's text lines (after the header) into article drafts:
    :func:`classify_lines` then :func:`assemble`."""
    return assemble(classify_lines(lines, rules), None, rules, promised)
