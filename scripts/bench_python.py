"""Articles per second of whosaid.extract_many against the `whosaid` binary, in the same run.

Called by scripts/bench-python.sh, which builds both in release mode. Runs each RUNS times in
turn (the machine is shared; compare figures of one run) and prints the best of each.
"""

import json
import os
import subprocess
import sys
import time

import whosaid

corpus, binary = sys.argv[1], sys.argv[2]
runs = int(os.environ.get("RUNS", "3"))
threads = int(os.environ.get("THREADS", "2"))


def cli() -> float:
    start = time.perf_counter()
    subprocess.run(
        [binary, "extract", "-q", f"-j{threads}", "--format", "jsonl", corpus, "-o", os.devnull],
        check=True,
    )
    return time.perf_counter() - start


def from_file() -> tuple:
    """Reads the JSONL with the json module and streams it through extract_many: what a user
    with a file does. Returns (seconds, articles, records)."""
    start = time.perf_counter()
    articles = 0

    def read():
        nonlocal articles
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                articles += 1
                yield json.loads(line)

    records = sum(1 for _ in whosaid.extract_many(read(), threads=threads))
    return time.perf_counter() - start, articles, records


def in_memory(loaded: list) -> float:
    """extract_many on articles already in memory: the package's own cost."""
    start = time.perf_counter()
    for _ in whosaid.extract_many(loaded, threads=threads):
        pass
    return time.perf_counter() - start


with open(corpus, encoding="utf-8") as f:
    loaded = [json.loads(line) for line in f]
best = {"cli": float("inf"), "file": float("inf"), "memory": float("inf")}
for _ in range(runs):
    best["cli"] = min(best["cli"], cli())
    seconds, articles, records = from_file()
    best["file"] = min(best["file"], seconds)
    best["memory"] = min(best["memory"], in_memory(loaded))

n = len(loaded)
print(f"{n} articles, {records} records, -j{threads} / threads={threads}, best of {runs}")
for label, key in [
    ("whosaid extract --format jsonl (CLI)", "cli"),
    ("extract_many, reading the file with json", "file"),
    ("extract_many, articles already in memory", "memory"),
]:
    ratio = best["cli"] / best[key]
    print(f"{label:44} {best[key]:6.2f} s  {n / best[key]:8.0f} articles/s  {ratio:5.2f} of the CLI")
