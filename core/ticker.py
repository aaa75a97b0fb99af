"""The currency ticker: a block of short bullet lines ``PAIR = rate change%``.

Recognised by shape, not by currency: a bullet (optional on the first line),
a pair of two upper-case codes with a slash, ``=``, a decimal rate and a
decimal percentage change.

>>> parse_quote("  • KZT/USD = 0.00195 -0%")
Quote(pair='KZT/USD', rate=0.00195, change_pct=-0.0)
>>> split_glued("teaser ends here.• KGS/USD = 0.01144 0%")
('teaser ends here.', '• KGS/USD = 0.01144 0%')
>>> summarize([parse_quote(l) for l in ["• A/B = 1 0%", "• C/B = 2 1%", "• A/B = 1 0%"]])
((Quote(pair='A/B', rate=1.0, change_pct=0.0), Quote(pair='C/B', rate=2.0, change_pct=1.0)), 2)
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdump.records import Quote
from newsdump.text import SPACES, has_text

BULLETS = "•·▪●◦‣∙"
# A decimal: 0.00195, 0,1; a rate of four digits and more may group its thousands (12,845.50, 12.845,50).
_NUMBER = r"[+\-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+,\d+|\d+(?:[.,]\d+)?)"
_S = f"[{SPACES}]*"  # any white space (every Unicode space separator counts)
# One quote line (matched whole); also the line of ticker runs in :func:`newsdump.split.split_blocks`.
# A quote line up to its "=": an optional bullet, the pair of codes (base and quote currency).
_PAIR = rf"[{SPACES}\ufeff]*[{BULLETS}]?{_S}([A-Z]{{1,6}}){_S}/{_S}([A-Z]{{1,6}}){_S}="
QUOTE = rf"{_PAIR}{_S}({_NUMBER})[{SPACES}]+({_NUMBER}){_S}%{_S}"
_QUOTE = re.compile(QUOTE)
_QUOTE_SHAPE = re.compile(re.sub(r"\((?!\?)", "(?:", QUOTE))  # the same without groups: a faster yes or no
# A quote line is short; anything longer is text, whatever it contains.
MAX_QUOTE_LEN = 80
# A quote line the widget left damaged: its pair and "=", then no rate (it did not load), a rate
# without its change (cut off), or "n/a"; no words ("USD/KZT = 540: Why the Tenge Slides" is a
# headline). Inside a ticker block it is ticker noise.
_DAMAGED = re.compile(rf"{_PAIR}[{SPACES}\d.,+\-−–—%]*(?:n/a|N/A)?{_S}")


def _number(text: str) -> float:
    """``0,1`` -> 0.1; with thousands grouped, the last mark is the decimal one:
    ``12,845.50`` and ``12.845,50`` -> 12845.5, ``1,050,000`` -> 1050000.0."""
    text = text.replace("−", "-")
    comma, point = text.rfind(","), text.rfind(".")
    if comma >= 0 and point >= 0:  # thousands grouped, and a decimal mark
        return float(text.replace(".", "").replace(",", ".") if comma > point else text.replace(",", ""))
    if text.count(",") > 1:  # thousands grouped by commas, no decimals
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


@lru_cache(maxsize=4096)  # a pure function; a ticker repeats the same lines many times
def parse_quote(line: str) -> Quote | None:
    """The quote on a ticker line, or None if the line is not one."""
    if len(line) > MAX_QUOTE_LEN or "%" not in line:
        return None
    m = _QUOTE.fullmatch(line)
    if m is None:
        return None
    base, quote, rate, change = m.groups()
    return Quote(f"{base}/{quote}", _number(rate), _number(change))


def is_quote(line: str) -> bool:
    """Whether :func:`parse_quote` finds a quote on the line (without reading it)."""
    return len(line) <= MAX_QUOTE_LEN and "%" in line and _QUOTE_SHAPE.fullmatch(line) is not None


def is_damaged_quote(line: str) -> bool:
    """A line of a quote's shape up to its ``=`` that holds no quote
    (``  • UZS/USD = ``, ``• KZT/USD = 0.00195``). Right after a quote line
    it continues the ticker block: the splitters skip it as a ticker line,
    and it starts no page (:mod:`newsdump.split`, :mod:`newsdump.chunks`).

    >>> is_damaged_quote("  • UZS/USD = "), is_damaged_quote("• UZS/USD = 0.00008 0%")
    (True, False)
    """
    return len(line) <= MAX_QUOTE_LEN and "=" in line and _DAMAGED.fullmatch(line) is not None and not is_quote(line)


def split_glued(line: str) -> tuple[str, str] | None:
    """Split a line whose end is a ticker line glued on by ``cat`` of a file
    without a trailing newline: ``(text before, ticker line)``, or None.

    Only the last bullet is examined, so this is linear in the line length."""
    if "%" not in line[-MAX_QUOTE_LEN:]:
        return None
    cut = max(line.rfind(b) for b in BULLETS)
    if cut <= 0:
        return None
    tail = line[cut:]
    if not has_text(line, 0, cut) or parse_quote(tail) is None:
        return None
    return line[:cut], tail


def summarize(quotes: list[Quote]) -> tuple[tuple[Quote, ...], int]:
    """The cycle (each distinct pair once, first values, in first-cycle order)
    and how many times it repeats (how often the first pair occurs)."""
    if not quotes:
        return (), 0
    cycle: dict[str, Quote] = {}
    for q in quotes:
        cycle.setdefault(q.pair, q)
    first = quotes[0].pair
    return tuple(cycle.values()), sum(1 for q in quotes if q.pair == first)
