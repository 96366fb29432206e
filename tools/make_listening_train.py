"""Builds tests/data/listening_train.jsonl (the learned backstop's own training set) from the
hand-written lines in tools/listening_train/<label>.<lang>[.<batch>].txt (a batch name lets
several writers add lines to one label and language without touching each other's files).

    python3 tools/make_listening_train.py

Every hand-written line is kept as written ("base"), and, with a fixed seed, some are also
typed the way people chat ("chat": no apostrophes or capitals, a typo, u/rn/gonna) or buried
in the middle of a long rambling message made of that language's filler lines ("embedded").
Variants of one line share a `group`, so the train/validation split can keep them together:
a variant of a validation line in the training half would make validation dishonest.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "listening_train"
OUT = ROOT / "tests" / "data" / "listening_train.jsonl"
SEED = 20261130
LABELS = ("crisis_clear", "crisis_possible", "figure_of_speech", "abuse", "contact_out",
          "contact_in", "urge", "neutral")
CHAT_SWAPS = {"you": "u", "are": "r", "really": "rly", "right now": "rn", "going to": "gonna",
              "want to": "wanna", "because": "bc", "tonight": "tonite", "please": "pls",
              "to be honest": "tbh", "i am": "im", "okay": "ok", "about": "abt",
              "something": "smth", "people": "ppl", "though": "tho"}
JOINERS = (". ", ", ", " ", " & ", "... ", "\n", " - ", ". ")  # "&": the language's "and"
AND = {"en": "and", "es": "y", "pt": "e", "de": "und", "fr": "et", "it": "e", "nl": "en"}


def typo(word: str, rng: random.Random) -> str:
    """One slip of the thumb: a letter dropped, doubled or swapped with its neighbour."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def chat(text: str, rng: random.Random) -> str:
    """The line as typed in a hurry on a phone."""
    out = text.lower().replace("'", "").replace("\u2019", "")
    for full, short in CHAT_SWAPS.items():
        if rng.random() < 0.6:
            out = re.sub(rf"\b{full}\b", short, out)
    if rng.random() < 0.5:
        out = re.sub(r"[.,!?]", "", out)
    words = out.split()
    if words and rng.random() < 0.6:
        k = rng.randrange(len(words))
        words[k] = typo(words[k], rng)
    out = " ".join(words)
    if rng.random() < 0.2:
        out += rng.choice((" 😭", " 💔", " idk", " lol", "...", " ugh", " 😔"))
    return out


def embed(text: str, fillers: list[str], lang: str, rng: random.Random) -> str:
    """The line in the middle of a long message about the day and the breakup."""
    before = rng.sample(fillers, rng.randint(1, 3))
    after = rng.sample([f for f in fillers if f not in before], rng.randint(0, 2))
    parts = [*before, text, *after]
    out = parts[0]
    for part in parts[1:]:
        out += rng.choice(JOINERS).replace("&", AND[lang]) + part
    return out


def read_lines(path: Path) -> list[tuple[str, bool]]:
    """(text, direct) for each line; '!' marks a direct first-person crisis statement."""
    lines: list[tuple[str, bool]] = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        direct = line.startswith("! ")
        lines.append((line[2:] if direct else line, direct))
    return lines


def main() -> None:
    rng = random.Random(SEED)
    fillers = {p.name.split(".")[1]: [t for t, _ in read_lines(p)]
               for p in sorted(SOURCE.glob("filler.*.txt"))}
    rows: list[dict[str, object]] = []
    for path in sorted(SOURCE.glob("*.txt")):
        label, lang = path.name.split(".")[:2]  # <label>.<lang>[.<batch>].txt
        if label == "filler":
            continue
        assert label in LABELS, path
        for number, (text, direct) in enumerate(read_lines(path), 1):
            meta: dict[str, object] = {"label": label, "lang": lang}
            if label.startswith("crisis_"):
                meta |= {"tier": label.removeprefix("crisis_"), "direct": direct}
            meta |= {"source": "listenml-train", "group": f"{path.stem}:{number}"}
            rows.append({"text": text, **meta, "aug": "base"})
            if rng.random() < 0.45:
                rows.append({"text": chat(text, rng), **meta, "aug": "chat"})
            if rng.random() < 0.4:
                variant = chat(text, rng) if rng.random() < 0.5 else text
                meta_embedded = {**meta, "direct": False} if "direct" in meta else meta
                rows.append({"text": embed(variant, fillers[lang], lang, rng), **meta_embedded,
                             "aug": "embedded"})
    header = ("// The learned backstop's training set, built by tools/make_listening_train.py from "
              "tools/listening_train/*.txt (hand-written; see the SOURCES file for the material "
              "it paraphrases). aug: base | chat | embedded; rows of one group are variants of "
              "one line.")
    body = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    OUT.write_text(header + "\n" + body + "\n", "utf-8")
    print(f"{len(rows)} rows -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
