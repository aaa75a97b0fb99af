"""Exact-article rate of the segmenter on generated dumps (tests/dumpgen.py).

For each variant (``ordinary``: one layout per page, notes at the end;
``mixed``: layouts mixed within a page, notes anywhere, two-paragraph
teasers; ``teasers``: listing pages only, with notes anywhere and
two-paragraph teasers; ``strict``: mixed, without the pages whose layout
only the rest of the page decides) it generates BENCH_DUMPS dumps (default 2000, the same ones on
every run: derandomised) and counts the expected articles that come out
exactly (line, title, body, subheadings, captions, notes, author,
truncated), and the pages whose articles are all exact.

    .venv/bin/python bench/segmentation.py          # both variants
    BENCH_DUMPS=500 .venv/bin/python bench/segmentation.py mixed
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdump.parser import parse_text  # noqa: E402

from tests.dumpgen import dumps  # noqa: E402

N = int(os.environ.get("BENCH_DUMPS", "2000"))


def _key(a) -> tuple:
    return (a.line, a.title, a.body, list(a.subheadings), list(a.captions), list(a.notes), a.author, a.truncated)


VARIANTS = {
    "ordinary": {},
    "mixed": {"mixed": True},
    "teasers": {"mixed": True, "layouts": ("listing",)},
    "strict": {"mixed": True, "strict": True},
}


def measure(variant: str) -> dict[str, int]:
    counts = {"articles": 0, "exact": 0, "pages": 0, "exact_pages": 0}
    failures: list[tuple[str, object, object]] = []

    @settings(
        max_examples=N,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(dumps(**VARIANTS[variant]))
    def run(case):
        text, expected_pages = case
        got_pages = parse_text(text, "gen.txt")
        for i, want in enumerate(expected_pages):
            got = [_key(a) for a in got_pages[i].articles] if i < len(got_pages) else []
            exact = 0
            for _, exp in want.articles:
                key = (exp.line, exp.title, exp.body, exp.subheadings, exp.captions, exp.notes, exp.author)
                key = (*key, exp.truncated)
                hit = any(g == key for g in got)
                exact += hit
                if (
                    not hit
                    and len(failures) < int(os.environ.get("BENCH_SHOW", "0"))
                    and all(f[0] != text for f in failures)
                ):
                    failures.append((text, exp, got_pages[i].articles if i < len(got_pages) else None))
            counts["articles"] += len(want.articles)
            counts["exact"] += exact
            counts["pages"] += 1
            counts["exact_pages"] += exact == len(want.articles) and len(got_pages[i].articles) == exact

    run()
    if os.environ.get("BENCH_SHOW"):
        for text, exp, got in failures:
            lines = [f"{n:3} {line[:70]}" for n, line in enumerate(text.splitlines(), 1) if line.strip()]
            lines = [line for line in lines if abs(int(line[:3]) - exp.line) < 16 and " = " not in line]
            print("----\n" + "\n".join(lines))
            same = [a for a in got or () if a.line == exp.line]
            if same:
                fields = ("title", "body", "subheadings", "captions", "notes", "author", "truncated")
                want = {
                    "subheadings": tuple(exp.subheadings),
                    "captions": tuple(exp.captions),
                    "notes": tuple(exp.notes),
                }
                for f in fields:
                    w = want.get(f, getattr(exp, f))
                    if getattr(same[0], f) != w:
                        print(f"== {f}: expected {w!r:.300}\n   got      {getattr(same[0], f)!r:.300}")
            else:
                print("== expected", exp.line, exp.title, "; got", [(a.line, a.title) for a in got or ()])
    return counts


def main() -> None:
    variants = sys.argv[1:] or list(VARIANTS)
    print(f"{'variant':10} {'dumps':>6} {'articles':>9} {'exact':>8} {'pages exact':>12}")
    for variant in variants:
        c = measure(variant)
        print(
            f"{variant:10} {N:6d} {c['articles']:9d} {100 * c['exact'] / c['articles']:7.2f}% "
            f"{100 * c['exact_pages'] / c['pages']:11.2f}%"
        )


if __name__ == "__main__":
    main()
