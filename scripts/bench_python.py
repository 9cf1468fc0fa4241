"""Articles per second of whosaid.extract_many against the `whosaid` binary, in the same run,
by wall time and by CPU time (which a busy machine disturbs less).

Called by scripts/bench-python.sh, which builds both in release mode. Runs each RUNS times in
turn (the machine is shared; compare figures of one run) and prints the best of each.
"""

import json
import os
import resource
import subprocess
import sys
import time

import whosaid

corpus, binary = sys.argv[1], sys.argv[2]
runs = int(os.environ.get("RUNS", "3"))
threads = int(os.environ.get("THREADS", "2"))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli() -> tuple:
    """Runs the binary; returns (wall seconds, CPU seconds)."""
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run(
        [binary, "extract", "-q", f"-j{threads}", "--format", "jsonl", corpus, "-o", os.devnull],
        check=True,
    )
    return time.perf_counter() - start, children_cpu() - cpu


def from_file() -> tuple:
    """Reads the JSONL with the json module and streams it through extract_many: what a user
    with a file does. Returns (seconds, articles, records)."""
    start, cpu = time.perf_counter(), time.process_time()
    articles = 0

    def read():
        nonlocal articles
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                articles += 1
                yield json.loads(line)

    records = sum(1 for _ in whosaid.extract_many(read(), threads=threads))
    return time.perf_counter() - start, time.process_time() - cpu, articles, records


def in_memory(loaded: list) -> tuple:
    """extract_many on articles already in memory: the package's own cost."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in whosaid.extract_many(loaded, threads=threads):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


with open(corpus, encoding="utf-8") as f:
    loaded = [json.loads(line) for line in f]
# Best wall time and best CPU time of each, over the runs.
best = {key: [float("inf"), float("inf")] for key in ("cli", "file", "memory")}


def keep(key: str, wall: float, cpu: float) -> None:
    best[key] = [min(best[key][0], wall), min(best[key][1], cpu)]


for _ in range(runs):
    keep("cli", *cli())
    wall, cpu, articles, records = from_file()
    keep("file", wall, cpu)
    keep("memory", *in_memory(loaded))

n = len(loaded)
print(f"{n} articles, {records} records, -j{threads} / threads={threads}, best of {runs}")
for label, key in [
    ("whosaid extract --format jsonl (CLI)", "cli"),
    ("extract_many, reading the file with json", "file"),
    ("extract_many, articles already in memory", "memory"),
]:
    wall, cpu = best[key]
    print(
        f"{label:42} {wall:5.2f} s {n / wall:7.0f} articles/s {best['cli'][0] / wall:5.2f} of the CLI;"
        f" CPU {cpu:5.2f} s, {best['cli'][1] / cpu:4.2f} of the CLI's articles per CPU second"
    )
