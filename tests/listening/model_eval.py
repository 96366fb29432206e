"""Scores the phrase tables alone ("before") and the tables plus the learned backstop ("after",
i.e. `listen()`) on the backstop's validation split (tests/data/listening_model_check.jsonl,
written by tools/train_listening.py; the shipped model never saw these rows).

    .venv/bin/python -m tests.listening.model_eval      # prints the table
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from bot.listening import listen
from bot.listening.detectors import abuse, contact, crisis, urge
from bot.listening.normalise import Normalised
from tests.listening import listening_eval as ev

FAMILIES = ("crisis", "abuse", "contact_out", "contact_in", "urge")


def patterns_only(norm: Normalised) -> dict[str, bool]:
    """What the phrase tables alone find (the "before")."""
    return {"crisis": crisis.detect(norm) is not None, "abuse": abuse.detect(norm) is not None,
            "contact_out": contact.outgoing(norm), "contact_in": contact.incoming(norm),
            "urge": urge.detect(norm) is not None}


def owner(label: str) -> str | None:
    return "crisis" if label.startswith("crisis_") else label if label in FAMILIES else None


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hits += ok

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.hits:4d}/{self.total:<4d} {self.rate:6.1%}"


@dataclass
class ModelReport:
    """Rates before and after, keyed by a row name ("recall crisis en", "FP figures->crisis")."""

    before: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    after: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    clear_wrong: list[str] = field(default_factory=list)  # backstop said clear on a non-clear row
    # False positives per distinct phrasing (a hand-written line and its chat/embedded variants
    # are one group): key -> group -> (fired before, fired after) on any of its rows.
    phrasings: dict[str, dict[str, tuple[bool, bool]]] = field(
        default_factory=lambda: defaultdict(dict))

    def add(self, key: str, before: bool, after: bool) -> None:
        self.before[key].add(before)
        self.after[key].add(after)

    def add_fp(self, key: str, group: str, before: bool, after: bool) -> None:
        """A false-positive count, kept per row and per distinct phrasing."""
        self.add(key, before, after)
        was = self.phrasings[key].get(group, (False, False))
        self.phrasings[key][group] = (was[0] or before, was[1] or after)

    def per_phrasing(self, key: str) -> tuple[Rate, Rate]:
        before, after = Rate(), Rate()
        for fired_before, fired_after in self.phrasings[key].values():
            before.add(fired_before)
            after.add(fired_after)
        return before, after

    def table(self) -> str:
        lines = [f"{'':34} {'patterns only':>18} {'patterns + backstop':>20}"]
        lines.extend(f"{key:34} {self.before[key]!s:>18} {self.after[key]!s:>20}"
                     for key in sorted(self.after))
        for key in sorted(self.phrasings):
            before, after = self.per_phrasing(key)
            lines.append(f"{key + ' (phrasings)':34} {before!s:>18} {after!s:>20}")
        lines.append(f"backstop 'clear' on a row not labelled clear: {len(self.clear_wrong)}")
        return "\n".join(lines)


def evaluate(rows: list[dict[str, Any]]) -> ModelReport:
    report = ModelReport()
    for row in rows:
        label, lang = row["label"], row.get("lang", "en")
        heard = listen(row["text"], nickname=ev.NICKNAME)
        before = patterns_only(heard.norm)
        after = {"crisis": heard.crisis is not None, "abuse": heard.abuse is not None,
                 "contact_out": heard.contact_out, "contact_in": heard.contact_in,
                 "urge": heard.urge is not None}
        fam = owner(label)
        if fam:
            report.add(f"recall {fam}", before[fam], after[fam])
            if fam in ("crisis", "abuse"):
                report.add(f"recall {fam} {lang}", before[fam], after[fam])
            if fam == "crisis":
                report.add(f"recall {label}", before[fam], after[fam])
                if row.get("direct"):
                    report.add("recall crisis direct", before[fam], after[fam])
        if ("crisis" in heard.learned and heard.crisis is not None
                and heard.crisis.tier == "clear" and label != "crisis_clear"):
            report.clear_wrong.append(row["text"])
        group = row.get("group", row["text"])
        if label == "figure_of_speech":
            report.add_fp("FP figures -> crisis", group, before["crisis"], after["crisis"])
        if label == "neutral":
            report.add_fp("FP neutral -> any", group, any(before.values()), any(after.values()))
        for name in FAMILIES:
            if fam is not None and fam != name:
                report.add_fp(f"FP other labels -> {name}", group, before[name], after[name])
    return report


def main() -> None:
    print(evaluate(ev.load("listening_model_check.jsonl")).table())


if __name__ == "__main__":
    main()
