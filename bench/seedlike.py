"""A stream of pages shaped like the real site's (invented text): a ticker of
8 cycles of 5 quotes (40 lines), a date, a result line, then six articles,
each a listing teaser (title + one paragraph of 1,200-3,500 characters cut
with ``...``, as the site flattens whole articles into teasers) or, one page
in four, two full articles (20-32 paragraphs, subheadings, a caption, a note).
Line lengths follow the real site's pages.

Usage: python bench/seedlike.py MEGABYTES > stream.txt   (deterministic)
"""

from __future__ import annotations

import calendar
import random
import sys
from datetime import date, timedelta

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "by",
    "at",
    "from",
    "officials",
    "said",
    "government",
    "regional",
    "water",
    "river",
    "border",
    "trade",
    "energy",
    "project",
    "minister",
    "president",
    "agreement",
    "talks",
    "cooperation",
    "investment",
    "railway",
    "road",
    "market",
    "prices",
    "farmers",
    "season",
    "council",
    "district",
    "capital",
    "report",
    "week",
    "year",
    "month",
    "new",
    "first",
    "according",
    "development",
    "security",
    "region",
    "central",
    "plans",
    "export",
    "import",
    "growth",
    "bank",
    "national",
    "program",
]
PAIRS = ("KGS/USD", "KZT/USD", "TJS/USD", "UZS/USD", "TMT/USD")
MONTHS = list(calendar.month_name)[1:]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(12, 28)) for _ in range(sentences))


def title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(6, 11)))


def page(rng: random.Random, n: int) -> str:
    lines = []
    quotes = [f"• {pair} = {rng.random():.5f} {rng.choice(('0', '-0', '0.18', '-0.11'))}%" for pair in PAIRS]
    for cycle in range(8):  # the same cycle, repeated, as on the site
        lines += [quote if cycle == 0 and k == 0 else "  " + quote for k, quote in enumerate(quotes)]
    day = date(2025, 12, 18) - timedelta(days=n // 10)  # a crawl: ten listing pages a day, going back
    lines.append(f"{day.day} {MONTHS[day.month - 1]} {day.year}")
    full = n % 4 == 3
    count = 2 if full else 6
    first = 6 * (n % 150) + 1
    lines.append(f"Viewing results {first} - {first + count - 1} of 1066")
    for _ in range(count):
        lines += ["", title(rng)]
        if not full:
            lines += ["", paragraph(rng, 30)[: rng.randint(1200, 3500)].rstrip() + "..."]
            continue
        for k in range(rng.randint(20, 32)):
            if k and k % 4 == 0:
                lines += ["", " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(2, 4)))]
            if k == 2:
                lines += ["", f"{sentence(rng, 9)[:-1]}; image: {rng.choice(('TCA', 'Reuters', 'MFA'))}"]
            lines += ["", paragraph(rng, rng.randint(2, 5))]
        lines += ["", "The views expressed in this article are those of the author and do not reflect the editors'."]
    return "\n".join(lines) + "\n"


def main(megabytes: float) -> None:
    rng = random.Random(2026)
    out = sys.stdout
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        text = page(rng, n)
        out.write(text)
        size += len(text.encode())
        n += 1


if __name__ == "__main__":
    main(float(sys.argv[1]))
