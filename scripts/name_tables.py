"""Prints BENCHMARKS.md's "Names beside the gold labels" table for one set.

Usage: python3 scripts/name_tables.py LABELLED.jsonl CLUSTERED.jsonl

LABELLED is a `{id,text,label}` set (testdata/clustering), CLUSTERED what `klustra cluster`
wrote for it. Every theme, largest first, then the largest needs (ten, or more to make 20
names in all), each with its notes and the most common gold label among them. Standard
library only.
"""

import collections
import json
import sys


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def most_common_label(ids, label):
    top, count = collections.Counter(label[i] for i in ids).most_common(1)[0]
    return f"{top} ({count}/{len(ids)})"


def main():
    labelled, clustered = sys.argv[1], sys.argv[2]
    label = {r["id"]: r["label"] for r in rows(labelled)}
    themes, needs = collections.defaultdict(list), collections.defaultdict(list)
    need_theme = {}
    for r in rows(clustered):
        if not r.get("theme"):
            continue  # the unsorted notes
        themes[r["theme"]].append(r["id"])
        needs[r["need"]].append(r["id"])
        need_theme[r["need"]] = (r["need_name"], r["theme"])
    print("| grain | name Klustra gives | notes | most common gold label (share) |")
    print("|---|---|---|---|")
    for name, ids in sorted(themes.items(), key=lambda t: (-len(t[1]), t[0])):
        print(f"| theme | {name} | {len(ids)} | {most_common_label(ids, label)} |")
    largest_needs = max(10, 20 - len(themes))
    biggest = sorted(needs.items(), key=lambda n: (-len(n[1]), str(n[0])))[:largest_needs]
    for need, ids in biggest:
        name, theme = need_theme[need]
        print(f"| need (in “{theme}”) | {name} | {len(ids)} | {most_common_label(ids, label)} |")


if __name__ == "__main__":
    main()
