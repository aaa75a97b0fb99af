"""`newsdump learn` on 100 and 1,000 pages of the invented sites (one file a
page, as a scrape is saved): time, and peak memory of the learning (Python
allocations, tracemalloc) and of the whole process (max RSS of
`newsdump learn` in a subprocess). Linear in the input, flat in memory.

Run: .venv/bin/python bench/learn.py   (part of `make bench`)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsdump.learn import Learner  # noqa: E402

from tests.sites import random_pages  # noqa: E402


def write_pages(folder: Path, site: str, pages: int) -> int:
    size = 0
    for i, page in enumerate(random_pages(site, pages, seed=pages), 1):
        path = folder / f"{site}-{i:05d}.txt"
        path.write_text(page.text, encoding="utf-8")
        size += path.stat().st_size
    return size


def learn_files(files: list[Path]) -> tuple[float, int, int]:
    """Seconds, peak traced bytes, most shapes held."""
    tracemalloc.start()
    started = time.perf_counter()
    learner = Learner()
    for path in files:
        with path.open(encoding="utf-8") as f:
            learner.add_lines(f)
    learned = learner.result()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, learned.peak_shapes


def max_rss_kb(folder: Path) -> int:
    script = Path(sys.executable).parent / "newsdump"
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(script), "learn", str(folder)], capture_output=True, text=True
    )
    return int(out.stdout.strip() or 0)


def main() -> None:
    head = ("site", "pages", "MB", "seconds", "ms/page", "peak KiB", "shapes", "RSS KiB")
    print("{:6} {:>6} {:>6} {:>8} {:>8} {:>9} {:>7} {:>8}".format(*head))
    for site in ("pamir", "gorny"):
        for pages in (100, 1000):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                size = write_pages(folder, site, pages)
                files = sorted(folder.glob("*.txt"))
                seconds, peak, shapes = learn_files(files)
                rss = max_rss_kb(folder)
                print(
                    f"{site:6} {pages:>6} {size / 1e6:>6.2f} {seconds:>8.3f} {seconds * 1000 / pages:>8.3f} "
                    f"{peak // 1024:>9} {shapes:>7} {rss:>8}"
                )
    sys.stdout.flush()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
