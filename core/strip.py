"""The dump without its ticker: every other byte kept as it was.

Lines come in with their endings and go out with them, so
``newsdump strip a.txt | diff - a.txt`` shows only the ticker lines. With
``header=True`` the page date and result lines of each page go too (blank
lines around them stay).

>>> list(strip_ticker(["• A/B = 1 0%\\n", "9 May 2025\\n", "\\n", "Title\\n"]))
['9 May 2025\\n', '\\n', 'Title\\n']
>>> list(strip_ticker(["• A/B = 1 0%\\n", "9 May 2025\\n", "\\n", "Title\\n"], header=True))
['\\n', 'Title\\n']
>>> "".join(strip_ticker(["Last line.• A/B = 1 0%\\r\\n", "Next\\r\\n"]))
'Last line.\\r\\nNext\\r\\n'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdump.pages import HEADER_LINES, scan_lines
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.text import BOM, normalize


def strip_ticker(lines: Iterable[str], header: bool = False, rules: Rules = DEFAULT_RULES) -> Iterator[str]:
    """Yield the lines (with endings) of a dump, ticker lines left out."""
    header_left = HEADER_LINES  # how many header lines may still come on this page
    held: list[str] = []  # a date line inside a page (and blanks after it): it goes if a result line follows
    open_line = 0  # number of a line yielded without its ending (a ticker was glued onto it)
    for n, line, ending, quote in scan_lines(lines):
        if quote is not None:
            yield from held
            held.clear()
            if line.startswith(BOM):  # the file's byte-order mark is not part of the ticker
                yield BOM
            if n == open_line:
                yield ending
            header_left = HEADER_LINES
            continue
        raw = line + ending
        open_line = 0 if ending else n
        if header:
            text = normalize(line)
            if not text:
                if held:
                    held.append(raw)
                    continue
            else:
                is_date = rules.date(text) is not None
                is_results = not is_date and rules.results(text) is not None
                if header_left and (is_date or is_results):
                    header_left -= 1
                    continue
                header_left = 0
                if is_results:  # a page without a ticker starts here, with the date before it
                    header_left = HEADER_LINES - 1 - bool(held)
                    yield from held[1:]
                    held.clear()
                    continue
                yield from held
                held.clear()
                if is_date:
                    held.append(raw)
                    continue
        yield raw
    yield from held
