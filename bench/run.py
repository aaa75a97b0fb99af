"""make bench: newsdump against a plain script and the floor, measured in
one run, alternating, medians of several rounds. Prints a Markdown table.

Two streams of BENCH_MB megabytes (default 200): the samples joined as `cat`
joins them (short pages, half their lines ticker lines), and seed-like pages
from bench/seedlike.py (the real site's line lengths: long teasers and full
articles). Each is parsed with -j 1 and -j 2 beside the plain script and the
floor; peak memory on 10 MB and on BENCH_MB shows it stays flat. BENCH_ROUNDS
(default 3) rounds, alternating. The data goes to bench/data/ (not committed).
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
SMALL_FILES = (10_000, 40_000)  # one-page files: a day's crawl saved one page per file


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


def build_small_files(folder: Path, count: int) -> None:
    """``count`` one-page files of about 200 bytes, each with its own article, 1,000 per folder."""
    for i in range(count):
        sub = folder / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"p{i:06d}.txt").write_text(
            f"3 March 2026\n\nViewing results 1 - 1 of 240\n\nCanal Section {i} Opens in the Valley\n\n"
            f"The water board opened canal section {i} on Monday, farmers said the water came on time.\n"
        )


CPU: dict[str, list[float]] = {}  # each command's CPU seconds (its processes and their workers), round by round


def timed(args: list[str], name: str = "") -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run, output thrown away; its
    CPU seconds (user and system, with the processes it waited for) go to
    ``CPU[name]``."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed")
    CPU.setdefault(name, []).append(usage.ru_utime + usage.ru_stime)
    return seconds, usage.ru_maxrss


SPREAD: dict[str, tuple[float, float]] = {}  # each command's fastest and slowest run, to show the noise
ROUND_TIMES: dict[str, list[float]] = {}  # each command's times, round by round (the last median_runs)


def wait_for_idle(limit: float = 90.0) -> None:
    """With BENCH_WAIT_IDLE set (a shared machine): wait, up to ``limit``
    seconds, for a second in which the cores are at least 90% idle
    (``/proc/stat``), so that a round runs when nothing else does."""
    if not os.environ.get("BENCH_WAIT_IDLE") or not os.path.exists("/proc/stat"):
        return

    def ticks() -> tuple[int, int]:
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        return sum(values), values[3] + values[4]  # all, idle and waiting for I/O

    end = time.monotonic() + limit
    while time.monotonic() < end:
        total, idle = ticks()
        time.sleep(1)
        total2, idle2 = ticks()
        if (idle2 - idle) >= 0.9 * max(1, total2 - total):
            return


def median_runs(commands: dict[str, list[str]]) -> dict[str, tuple[float, int]]:
    """Each command ROUNDS times, interleaved; the median time and the peak memory."""
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for name in commands:
        CPU[name] = []
    for _ in range(ROUNDS):
        wait_for_idle()
        for name, args in commands.items():
            seconds, rss = timed(args, name)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], rss)
    SPREAD.update({k: (min(v), max(v)) for k, v in times.items()})
    ROUND_TIMES.update(times)
    return {k: (statistics.median(v), peaks[k]) for k, v in times.items()}


def build_all(samples: Path, seedlike: Path, small: Path, folder: Path) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    if not samples.exists():
        build_stream(samples, MB * 1_000_000)
    if not seedlike.exists():
        with seedlike.open("w", encoding="utf-8") as f:
            subprocess.run([sys.executable, str(ROOT / "bench" / "seedlike.py"), str(MB)], stdout=f, check=True)
    if not small.exists():
        build_stream(small, 10_000_000)
    if not folder.exists():
        build_files(folder, samples)
    for count in SMALL_FILES:
        if not (DATA / f"small-{count}").exists():
            build_small_files(DATA / f"small-{count}", count)


def paths() -> tuple[Path, Path, Path, Path]:
    return (
        DATA / f"stream-{MB}mb.txt",
        DATA / f"seedlike-{MB}mb.txt",
        DATA / "stream-10mb.txt",
        DATA / f"files-{MB}mb",
    )


def stream_rows(name: str, path: Path) -> dict[str, float]:
    """parse -j1, parse -j2, the plain script and the floor on one stream."""
    size = path.stat().st_size / 1e6
    runs = median_runs(
        {
            "newsdump parse -j 1": [NEWSDUMP, "parse", "-j", "1", str(path)],
            "newsdump parse -j 2": [NEWSDUMP, "parse", "-j", "2", str(path)],
            "plain script (bench/plain.py)": [sys.executable, str(ROOT / "bench" / "plain.py"), str(path)],
            "floor (bench/floor.py)": [sys.executable, str(ROOT / "bench" / "floor.py"), str(path)],
        }
    )
    for run, (seconds, rss) in runs.items():
        print(f"| {name}, {size:.0f} MB | {run} | {seconds:.2f} s | {size / seconds:.1f} | {rss / 1024:.0f} MB |")
    return {run: seconds for run, (seconds, _) in runs.items()}


def small_files_rows(out: Path) -> dict[int, dict[str, tuple[float, int]]]:
    """convert -j 1, -j 2 and the default on the folders of one-page files, beside cat | parse."""
    many = {}
    for count in SMALL_FILES:
        where = DATA / f"small-{count}"
        commands = {
            f"convert --jobs {j}": [NEWSDUMP, "convert", str(where), "-o", str(out), "-j", str(j), "-q"] for j in (1, 2)
        }
        commands["convert (default --jobs)"] = [NEWSDUMP, "convert", str(where), "-o", str(out), "-q"]
        commands["cat of all files into newsdump parse"] = [
            "sh",
            "-c",
            f'find "{where}" -name "*.txt" | sort | xargs cat | "{NEWSDUMP}" parse',
        ]
        many[count] = median_runs(commands)
        for run, (seconds, rss) in many[count].items():
            low, high = SPREAD[run]
            cpu = statistics.median(CPU[run])
            print(
                f"| {count:,} one-page files | {run} | {seconds:.2f} s ({low:.2f}–{high:.2f}; CPU {cpu:.2f} s) "
                f"| | {rss / 1024:.0f} MB |"
            )
    return many


def small_files_summary(many: dict[int, dict[str, tuple[float, int]]]) -> None:
    small_n, large_n = SMALL_FILES
    big = many[large_n]
    one, two, cat = big["convert --jobs 1"], big["convert --jobs 2"], big["cat of all files into newsdump parse"]
    print(
        f"- {large_n:,} one-page files: convert --jobs 2 vs --jobs 1: {one[0] / two[0]:.2f}x (goal 1.6x); "
        f"--jobs 1 at {one[0] / cat[0]:.2f}x the time of cat | parse (goal 1.5x)"
    )
    rounds = {
        k: ROUND_TIMES[k] for k in ("convert --jobs 1", "convert --jobs 2", "cat of all files into newsdump parse")
    }
    speedups = [a / b for a, b in zip(rounds["convert --jobs 1"], rounds["convert --jobs 2"], strict=True)]
    slowdowns = [
        a / b for a, b in zip(rounds["convert --jobs 1"], rounds["cat of all files into newsdump parse"], strict=True)
    ]
    print(
        f"- the same ratios round by round (median, fastest–slowest): --jobs 2 vs --jobs 1 "
        f"{statistics.median(speedups):.2f}x ({min(speedups):.2f}–{max(speedups):.2f}); --jobs 1 vs cat | parse "
        f"{statistics.median(slowdowns):.2f}x ({min(slowdowns):.2f}–{max(slowdowns):.2f})"
    )
    for j in (1, 2):
        run = f"convert --jobs {j}"
        print(f"- {run} peak memory, {large_n:,} vs {small_n:,} files: {big[run][1] / many[small_n][run][1]:.2f}x")


def main() -> None:
    samples, seedlike, small, folder = paths()
    # Built in a child process: Linux counts a forked child's pre-exec memory in
    # its peak RSS, so this process must stay small for the figures to be true.
    subprocess.run([sys.executable, __file__, "--build"], check=True)
    print(f"# newsdump bench: {MB} MB streams, {ROUNDS} rounds, median times", file=sys.stderr)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"`make bench` (BENCH_MB={MB}, BENCH_ROUNDS={ROUNDS})\n"
    )
    print("| stream | run | time | MB/s | peak memory |")
    print("| --- | --- | ---: | ---: | ---: |")
    ratios = {}
    for name, path in (("samples stream", samples), ("seed-like pages", seedlike)):
        times = stream_rows(name, path)
        plain = times["plain script (bench/plain.py)"]
        ratios[name] = (plain / times["newsdump parse -j 1"], plain / times["newsdump parse -j 2"])
    small_runs = median_runs({j: [NEWSDUMP, "parse", "-j", j, str(small)] for j in ("1", "2")})
    for j, (seconds, rss) in small_runs.items():
        print(
            f"| samples stream, 10 MB | newsdump parse -j {j} | {seconds:.2f} s | {10 / seconds:.1f} "
            f"| {rss / 1024:.0f} MB |"
        )
    out = DATA / "convert.jsonl"
    conv = median_runs(
        {f"convert --jobs {j}": [NEWSDUMP, "convert", str(folder), "-o", str(out), "-j", str(j)] for j in (1, 2)}
    )
    for run, (seconds, rss) in conv.items():
        print(
            f"| {FILES} files, {MB} MB | {run} | {seconds:.2f} s | {MB / seconds:.1f} | {rss / 1024:.0f} MB (parent) |"
        )
    many = small_files_rows(out)
    version = statistics.median(timed([NEWSDUMP, "--version"])[0] for _ in range(10))
    print(f"| | newsdump --version | {version * 1000:.0f} ms | | |")
    print()
    for name, (one, two) in ratios.items():
        print(f"- {name}: parse -j 1 at {one:.2f}x the plain script (goal 0.65x), parse -j 2 at {two:.2f}x (goal 1.0x)")
    print(f"- convert --jobs 2 vs --jobs 1: {conv['convert --jobs 1'][0] / conv['convert --jobs 2'][0]:.2f}x")
    small_files_summary(many)
    out.unlink(missing_ok=True)
    if os.environ.get("BENCH_CLEAN"):
        shutil.rmtree(DATA)


def small_main() -> None:
    """``bench/run.py --small``: only the many-small-files rows (BENCH_ROUNDS rounds)."""
    subprocess.run([sys.executable, __file__, "--build-small"], check=True)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"`bench/run.py --small` (BENCH_ROUNDS={ROUNDS}, BENCH_WAIT_IDLE={os.environ.get('BENCH_WAIT_IDLE', '')}); "
        "median time (fastest–slowest; median CPU time)\n"
    )
    print("| files | run | time | | peak memory |")
    print("| --- | --- | ---: | ---: | ---: |")
    out = DATA / "convert.jsonl"
    small_files_summary(small_files_rows(out))
    out.unlink(missing_ok=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--build"]:
        build_all(*paths())
    elif sys.argv[1:] == ["--build-small"]:
        for count in SMALL_FILES:
            if not (DATA / f"small-{count}").exists():
                build_small_files(DATA / f"small-{count}", count)
    elif sys.argv[1:] == ["--small"]:
        small_main()
    else:
        main()
