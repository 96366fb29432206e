"""`python -m bench.folded FILE...`: summarises py-spy's folded stacks (`--format raw`, as
`python -m bench.compare --spy` writes them): the share of samples by area (inclusive: a sample
counts for every area on its stack), then the top functions by self and by inclusive time."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

# Checked in order against each frame's file; a sample counts once per area on its stack.
AREAS = [
    ("json (PTB's encode/decode)", re.compile(r"(^|/)json/")),
    ("httpx/httpcore/h11 (HTTP client)", re.compile(r"(^|/)(httpx|httpcore|h11|anyio)/")),
    ("PTB request layer", re.compile(r"(^|/)telegram/request/")),
    ("PTB objects (de_json, to_dict)", re.compile(r"(^|/)telegram/_(?!bot\.py)")),
    ("PTB Bot methods", re.compile(r"(^|/)telegram/(_bot|ext/_extbot)\.py")),
    ("PTB ext (dispatch, updater)", re.compile(r"(^|/)telegram/ext/")),
    ("aiosqlite", re.compile(r"(^|/)aiosqlite/")),
    ("jinja2 (templates)", re.compile(r"(^|/)jinja2/|<template>|\.html$")),
    ("bot/listening", re.compile(r"(^|/)bot/listening/")),
    ("bot/storage", re.compile(r"(^|/)bot/storage/")),
    ("bot/ui", re.compile(r"(^|/)bot/ui/")),
    ("bot/core", re.compile(r"(^|/)bot/core/")),
    ("bot/features", re.compile(r"(^|/)bot/features/")),
    ("bot/delivery", re.compile(r"(^|/)bot/delivery/")),
    ("logging", re.compile(r"(^|/)logging/")),
    ("asyncio", re.compile(r"(^|/)asyncio/")),
    ("ssl/socket/selectors", re.compile(r"(^|/)(ssl|socket|selectors)\.py")),
    ("threading (aiosqlite's worker and others)", re.compile(r"(^|/)threading\.py")),
]
FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^:()]*)(?::(?P<line>\d+))?\)$")


def parse(paths: list[Path]) -> list[tuple[list[str], int]]:
    stacks = []
    for path in paths:
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                stacks.append((stack.split(";"), int(count)))
    return stacks


def name(frame: str) -> str:
    """"func (path/to/module.py:12)" -> "func (path/to/module.py)": one name per function."""
    match = FRAME.match(frame)
    if match is None:
        return frame
    file = match["file"]
    return f"{match['func']} ({file})"


def summarise(stacks: list[tuple[list[str], int]], top: int) -> str:
    total = sum(count for _, count in stacks) or 1
    areas: Counter[str] = Counter()
    selfs: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in stacks:
        seen = set()
        for frame in frames:
            match = FRAME.match(frame)
            file = match["file"] if match else frame
            for area, pattern in AREAS:
                if area not in seen and pattern.search(file):
                    seen.add(area)
        for area in seen:
            areas[area] += count
        selfs[name(frames[-1])] += count
        for label in {name(f) for f in frames}:
            inclusive[label] += count
    lines = [f"{total} samples", "", "area (inclusive)"]
    lines += [f"  {100 * n / total:5.1f}%  {area}" for area, n in areas.most_common()]
    lines += ["", f"top {top} by self time"]
    lines += [f"  {100 * n / total:5.1f}%  {label}" for label, n in selfs.most_common(top)]
    lines += ["", f"top {top} by inclusive time"]
    lines += [f"  {100 * n / total:5.1f}%  {label}" for label, n in inclusive.most_common(top)]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(summarise(parse(args.files), args.top))
