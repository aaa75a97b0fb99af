"""--seen at scale (issue 16): a million new ids checked against and added
to a store that already holds a million, the way ``convert`` does it (per
run of 500 results: one lookup of their ids, then one insert of the new
ones, committed once). Prints the seconds (wall and CPU) of each step."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from newsdump.batch import SeenStore

N = 1_000_000
RUN = 500  # ids per convert result batch


def fill(store: SeenStore, start: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for first in range(start, start + N, RUN):
        ids = [f"{i:016x}" for i in range(first, first + RUN)]
        known = store.known(ids)
        store.add([i for i in ids if i not in known], "bench")
    store.commit()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "seen.db")
        store = SeenStore(path)
        first = fill(store, 0)
        second = fill(store, N)
        store.close()
    print(f"first million ids into an empty store: {first[0]:.1f} s ({first[1]:.1f} s CPU)")
    print(f"a million new ids checked and added to a store of a million: {second[0]:.1f} s ({second[1]:.1f} s CPU)")


if __name__ == "__main__":
    sys.exit(main())
