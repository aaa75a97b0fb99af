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

from newsdump.header import read_header
from newsdump.profile import DEFAULT_RULES, Rules
from newsdump.split import scan_lines
from newsdump.text import BOM, has_text, normalize
from newsdump.ticker import is_damaged_quote


def strip_ticker(lines: Iterable[str], header: bool = False, rules: Rules = DEFAULT_RULES) -> Iterator[str]:
    """Yield the lines (with endings) of a dump, ticker lines left out.

    With ``header``, a page's lines are held until the page ends (as the
    parser holds them) so that :func:`newsdump.header.read_header` decides
    which of them are header lines."""
    page: list[tuple[str, str]] = []  # the page so far: (line with its ending, its text normalised)
    open_line = 0  # number of a line yielded without its ending (a ticker was glued onto it)
    in_ticker = False  # no text since the last quote: a damaged quote line is ticker noise
    for n, line, ending, quote in scan_lines(lines):
        if quote is not None:
            yield from _without_header(page, rules)
            page.clear()
            if line.startswith(BOM):  # the file's byte-order mark is not part of the ticker
                yield BOM
            if n == open_line:
                yield ending
            in_ticker = True
            continue
        if in_ticker and has_text(line):
            if is_damaged_quote(line):  # as the splitters skip it (newsdump.split)
                continue
            in_ticker = False
        open_line = 0 if ending else n
        if header:
            page.append((line + ending, normalize(line)))
        else:
            yield line + ending
    yield from _without_header(page, rules)


def _without_header(page: list[tuple[str, str]], rules: Rules) -> Iterator[str]:
    if not page:
        return
    texts = [i for i, (_, text) in enumerate(page) if text]  # where each non-blank line stands
    dropped = {texts[i] for i, _ in read_header([page[i][1] for i in texts], rules).lines}
    for i, (raw, _) in enumerate(page):
        if i not in dropped:
            yield raw
