"""Where the time of ``newsdump parse`` goes, stage by stage, in one process
(CPU seconds, the best of three). Part of ``make bench``.

Usage: python bench/stages.py FILE

Stages: reading (decoding the file into blocks, with the whole-file UTF-8
check), splitting into pages, the page steps of the parser (cleaning,
header, classification of lines, assembly into articles, bodies and ids),
JSON, and the start-up of the command (imports), measured apart.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import defaultdict

import newsdump.articles as articles
import newsdump.jsonl as jsonl
import newsdump.parser as parser
from newsdump.profile import DEFAULT_RULES
from newsdump.reader import Reader
from newsdump.split import split_blocks

STEPS = (
    (parser, "clean_page", "clean boilerplate and copies"),
    (parser, "read_header", "page date and result line"),
    (articles, "classify_lines", "classify lines"),
    (articles, "assemble", "assemble articles"),
    (parser, "_finish_body", "bodies (read-more, truncation)"),
    (parser, "article_id", "article ids (SHA-256)"),
)


def timed_steps() -> dict[str, float]:
    """Wrap each step so that its CPU time adds up (a wrapper costs well under a microsecond a call)."""
    spent: dict[str, float] = defaultdict(float)
    for module, name, label in STEPS:
        step = getattr(module, name)

        def wrapper(*args, _step=step, _label=label, **kwargs):
            t = time.process_time()
            try:
                return _step(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - t

        setattr(module, name, wrapper)
    return spent


def once(path: str, spent: dict[str, float]) -> dict[str, float]:
    spent.clear()
    out: dict[str, float] = {}
    t = time.process_time()
    blocks = list(Reader(path).blocks())
    out["read and decode (UTF-8 checked first)"] = time.process_time() - t
    t = time.process_time()
    raws = list(split_blocks(blocks, quotes=False))
    out["split into pages"] = time.process_time() - t
    t = time.process_time()
    pages = [parser.page_articles(raw, path, i, DEFAULT_RULES) for i, raw in enumerate(raws, 1)]
    whole = time.process_time() - t
    out.update(spent)
    out["the rest of parsing a page"] = whole - sum(spent.values())
    t = time.process_time()
    for page in pages:
        jsonl.jsonl(page)
    out["JSON"] = time.process_time() - t
    return out


def main(path: str) -> None:
    spent = timed_steps()
    runs = [once(path, spent) for _ in range(3)]
    best = {stage: min(run[stage] for run in runs) for stage in runs[0]}
    start = [
        float(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import time; t = time.process_time(); "
                    "import sys; sys.argv = ['newsdump', 'parse', '-j', '1', '/dev/null']; "
                    "from newsdump.cli.main import main\ntry: main()\nexcept SystemExit: pass\n"
                    "print(time.process_time() - t)",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(3)
    ]
    best["start-up (imports, once per run)"] = min(start)
    total = sum(best.values())
    print(f"Stages of newsdump parse on {path} (CPU seconds, best of 3):")
    for stage, seconds in best.items():
        print(f"  {stage:40s} {seconds:6.3f}  {seconds / total:4.0%}")
    print(f"  {'total':40s} {total:6.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
