"""The audit invariant, checked from the outside: only the input text, the
article records and the audit spans are used, never the parser's internals.

1. Every audit span is well formed, and a span that covers whole lines
   holds exactly their normalised text.
2. Every non-blank input line is in exactly one whole-line span, or its text,
   less the pieces the audit lists for it (shortcodes, a glued ticker, a
   trailing ``Continue reading`` and truncation marker), is the title, a body
   paragraph, a caption or a note of the article it falls under (the nearest
   article above it). Blank lines are in exactly one span too.
3. Nothing is invented: every title, paragraph and note of every article is
   used up by exactly one input line, and every caption is text of a line
   under its article.

A parser change that silently drops a paragraph, or an audit that misses or
double-counts a line, fails here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsdump.auditing import REASONS, audit_text
from newsdump.parser import parse_text
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.shortcodes import join_kept
from newsdump.text import normalize, split_lines

_TAIL_REASONS = ("continue", "truncation")
_HTML = re.compile(r"<[^<>]{0,500}>")


def _residual(text: str, pieces: list) -> str:
    """The line's text less the pieces the audit lists for it."""
    out: list[str] = []
    pos = 0
    tails = []
    for span in pieces:
        if span.reason == "ticker":  # a quote glued onto the end of the line
            assert text.endswith(span.text), f"glued quote {span.text!r} does not end {text!r}"
            text = text[: len(text) - len(span.text)]
            continue
        if span.reason in _TAIL_REASONS:
            tails.append(span.text)
            continue
        at = text.find(span.text, pos)
        assert at >= 0, f"audit piece {span.text!r} not in line {text!r}"
        out.append(text[pos:at])
        pos = at + len(span.text)
    out.append(text[pos:])
    rest = normalize(join_kept(out))  # one space where the two sides of a removed piece would touch
    for tail in tails:
        assert rest.endswith(tail), f"{tail!r} does not end {rest!r}"
        rest = rest[: len(rest) - len(tail)].rstrip()
    return rest


def check_accounting(text: str, source: str = "x", rules: Rules = DEFAULT_RULES) -> None:
    pages = parse_text(text, source, rules)
    spans = audit_text(text, source, rules)
    lines = [normalize(line) for line in split_lines(text)]
    articles = sorted((a for p in pages for a in p.articles), key=lambda a: a.line)
    starts = [a.line for a in articles]

    covered: Counter[int] = Counter()
    pieces: dict[int, list] = defaultdict(list)
    for span in spans:
        assert span.source == source and span.reason in REASONS
        assert 1 <= span.page <= len(pages) and 1 <= span.start <= span.end <= len(lines), span
        whole = "\n".join(lines[span.start - 1 : span.end])
        if span.text == whole:
            covered.update(range(span.start, span.end + 1))
            if span.reason == "blank":
                assert not whole.strip(), span
        else:
            assert span.start == span.end and span.text, span
            pieces[span.start].append(span)
    assert all(count == 1 for count in covered.values()), [n for n, c in covered.items() if c > 1]

    pools = [Counter([a.title, *(a.body.split("\n\n") if a.body else ()), *a.notes]) for a in articles]
    standalone = [Counter(a.captions) for a in articles]
    for n, line in enumerate(lines, 1):
        if not line:
            assert covered[n] == 1 or not pages, f"blank line {n} not in one blank span"
            continue
        if covered[n]:
            assert n not in pieces, f"line {n} is whole in a span and has pieces too"
            continue
        rest = _residual(line, pieces.get(n, []))
        if not rest:
            continue
        owner = _owner(starts, n)
        assert owner is not None, f"line {n} {line!r}: in no span and under no article"
        if pools[owner][rest] > 0:
            pools[owner][rest] -= 1
        elif standalone[owner][rest] > 0:
            standalone[owner][rest] -= 1
        else:
            raise AssertionError(f"line {n} {line!r} (less audit pieces: {rest!r}) is not in its article")
    for i, article in enumerate(articles):
        leftover = +pools[i]
        assert not leftover, f"article at line {article.line}: text from no input line {list(leftover)}"
        assert all(s in article.body.split("\n\n") for s in article.subheadings)
        end = starts[i + 1] if i + 1 < len(starts) else len(lines) + 1
        region = [normalize(_HTML.sub(" ", line)) for line in lines[article.line - 1 : end - 1]]
        for caption in +standalone[i]:
            assert any(caption in line for line in region), f"caption {caption!r} not under its article"


def _owner(starts: list[int], n: int) -> int | None:
    """Index of the nearest article whose title is on line n or above."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= n:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1 if lo else None
