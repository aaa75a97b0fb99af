"""make bench: newsdump against a plain script and the floor, measured in
one run, alternating, medians of several rounds. Prints a Markdown table.

Environment: BENCH_MB (size of the big stream, default 200), BENCH_ROUNDS (3).
The data is built from samples/ into bench/data/ (not committed).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
BIN = Path(sys.executable).parent
NEWSDUMP = str(BIN / "newsdump")
MB = int(os.environ.get("BENCH_MB", "200"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
FILES = 200


def build_stream(path: Path, size: int) -> None:
    """Samples joined as `cat` would, repeated up to ``size`` bytes."""
    # The default site's samples: one with its own profile (NAME.toml) would need --profile.
    dumps = [p for p in sorted((ROOT / "samples").glob("*.txt")) if not p.with_suffix(".toml").exists()]
    parts = [p.read_bytes() for p in dumps]
    unit = b"".join(p if p.endswith(b"\n") else p + b"\n" for p in parts)
    with path.open("wb") as f:
        for _ in range(size // len(unit) + 1):
            f.write(unit)


def build_files(folder: Path, stream: Path) -> None:
    """The stream cut into FILES files at page starts (a ticker's first line)."""
    folder.mkdir(parents=True)
    data = stream.read_bytes()
    step = len(data) // FILES
    start = 0
    for i in range(FILES):
        end = len(data) if i == FILES - 1 else data.find(b"\n\xe2\x80\xa2 ", start + step) + 1 or len(data)
        (folder / f"dump{i:03d}.txt").write_bytes(data[start:end])
        start = end


def timed(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run, output thrown away."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed")
    return seconds, usage.ru_maxrss


def median_runs(commands: dict[str, list[str]]) -> dict[str, tuple[float, int]]:
    """Each command ROUNDS times, interleaved; the median time and the peak memory."""
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(ROUNDS):
        for name, args in commands.items():
            seconds, rss = timed(args)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], rss)
    return {k: (statistics.median(v), peaks[k]) for k, v in times.items()}


def build_all(big: Path, small: Path, folder: Path) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    if not big.exists():
        build_stream(big, MB * 1_000_000)
    if not small.exists():
        build_stream(small, 10_000_000)
    if not folder.exists():
        build_files(folder, big)


def main() -> None:
    big, small, folder = DATA / f"stream-{MB}mb.txt", DATA / "stream-10mb.txt", DATA / f"files-{MB}mb"
    # Built in a child process: Linux counts a forked child's pre-exec memory in
    # its peak RSS, so this process must stay small for the figures to be true.
    subprocess.run([sys.executable, __file__, "--build"], check=True)
    size = big.stat().st_size / 1e6
    print(f"# newsdump bench: {size:.0f} MB stream, {ROUNDS} rounds, median times", file=sys.stderr)

    runs = median_runs(
        {
            "newsdump parse": [NEWSDUMP, "parse", str(big)],
            "plain script (bench/plain.py)": [sys.executable, str(ROOT / "bench" / "plain.py"), str(big)],
            "floor (bench/floor.py)": [sys.executable, str(ROOT / "bench" / "floor.py"), str(big)],
        }
    )
    small_run = median_runs({"parse 10 MB": [NEWSDUMP, "parse", str(small)]})["parse 10 MB"]
    out = DATA / "convert.jsonl"
    conv = median_runs(
        {f"convert --jobs {j}": [NEWSDUMP, "convert", str(folder), "-o", str(out), "-j", str(j)] for j in (1, 2)}
    )
    version = statistics.median(timed([NEWSDUMP, "--version"])[0] for _ in range(10))

    parse_s = runs["newsdump parse"][0]
    plain_s = runs["plain script (bench/plain.py)"][0]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"`make bench` (BENCH_MB={MB}, BENCH_ROUNDS={ROUNDS})\n"
    )
    print("| run | time | MB/s | peak memory |")
    print("| --- | ---: | ---: | ---: |")
    for name, (seconds, rss) in runs.items():
        print(f"| {name}, {size:.0f} MB | {seconds:.2f} s | {size / seconds:.1f} | {rss / 1024:.0f} MB |")
    print(f"| newsdump parse, 10 MB | {small_run[0]:.2f} s | {10 / small_run[0]:.1f} | {small_run[1] / 1024:.0f} MB |")
    for name, (seconds, rss) in conv.items():
        print(
            f"| {name}, {FILES} files, {size:.0f} MB | {seconds:.2f} s | {size / seconds:.1f} | "
            f"{rss / 1024:.0f} MB (parent) |"
        )
    print(f"| newsdump --version | {version * 1000:.0f} ms | | |")
    print()
    print(f"- parse vs plain script: {plain_s / parse_s:.2f}x (goal 1.5x)")
    print(f"- parse vs floor: {runs['floor (bench/floor.py)'][0] / parse_s:.2f}x")
    print(
        f"- convert --jobs 2 vs --jobs 1: {conv['convert --jobs 1'][0] / conv['convert --jobs 2'][0]:.2f}x (goal 1.7x)"
    )
    print(
        f"- peak memory parse: {small_run[1] / 1024:.0f} MB on 10 MB, "
        f"{runs['newsdump parse'][1] / 1024:.0f} MB on {size:.0f} MB (goal < 100 MB)"
    )
    out.unlink(missing_ok=True)
    if os.environ.get("BENCH_CLEAN"):
        shutil.rmtree(DATA)


if __name__ == "__main__":
    if sys.argv[1:] == ["--build"]:
        build_all(DATA / f"stream-{MB}mb.txt", DATA / "stream-10mb.txt", DATA / f"files-{MB}mb")
    else:
        main()
