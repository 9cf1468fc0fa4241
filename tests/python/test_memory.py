"""extract_many holds a bounded part of a long iterable: it pulls articles in batches, and
memory stays flat however many articles pass through."""

import itertools
import os

import whosaid
from whosaid import _native
from conftest import sample_articles


def rss_kb() -> int:
    """Resident memory now (not the peak), from /proc."""
    with open(f"/proc/{os.getpid()}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def test_pulls_a_bounded_number_of_articles_ahead():
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"“Number {i},” Jane Smith said. " * 3

    stream = whosaid.extract_many(endless())
    for _ in itertools.islice(stream, 5000):
        pass
    # Each article has 3 claims. Beyond the articles handed out, the batch being handed out
    # and those ahead of it, and no more.
    handed = 5000 // 3 + 1
    ahead = (_native.BATCHES_AHEAD + 1) * _native.BATCH_ARTICLES
    assert handed < pulled <= handed + ahead, pulled


def test_rss_flat_over_a_long_generator():
    texts = [a["text"] for a in sample_articles()]
    n = int(os.environ.get("WHOSAID_MEMORY_ARTICLES", "6000"))

    def articles():
        # Every article a new str of its own (a long corpus is not five texts): ~30 MB in all.
        for i in range(n):
            yield {"id": f"a{i}", "text": texts[i % len(texts)] + f"\n\nEnd {i}."}

    readings = []
    for i, _ in enumerate(whosaid.extract_many(articles())):
        if i % 2000 == 0:
            readings.append(rss_kb())
    warm = readings[len(readings) // 5]
    growth_mb = (max(readings[len(readings) // 5 :]) - warm) / 1024
    print(f"RSS after warm-up {warm / 1024:.1f} MB, growth over the rest {growth_mb:.1f} MB "
          f"({n} articles, {len(readings)} readings)")
    # Holding the input or the records would grow by tens of MB (30 MB of text alone).
    assert growth_mb < 8, readings
