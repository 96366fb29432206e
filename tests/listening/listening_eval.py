"""Scores the pure detectors and parsers on a labelled JSONL corpus (shared by the corpus test,
the holdout report and bench_listening.py). Labels: see tests/data/listening_corpus.SOURCES.md."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bot.listening import answers, listen
from bot.listening.detectors import crisis

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2025, 6, 18)  # a Wednesday; "date:-4d" is counted back from it
ZONE = "Europe/London"
NICKNAME = "Alex"  # the corpus's ex nickname ("I texted Alex last night")
DETECTORS = ("crisis", "abuse", "contact_out", "contact_in", "urge", "control", "meta")
OWNER = {"crisis_clear": "crisis", "crisis_possible": "crisis", "abuse": "abuse",
         "contact_out": "contact_out", "contact_in": "contact_in", "urge": "urge"}


def set_off(texts: list[str]) -> list[str]:
    """The texts that set off crisis, abuse, an urge or a slip (look-alikes that must not)."""
    return [text for text in texts
            if (heard := listen(text, nickname=NICKNAME)).abuse is not None
            or heard.crisis is not None or heard.urge is not None or heard.contact_out]


def crisis_tier(text: str) -> str | None:
    """The crisis tier the whole application's listening gives a text ("clear", "possible"), or
    None when it hears no crisis."""
    found = listen(text, nickname=NICKNAME).crisis
    return None if found is None else found.tier


def disclosure_problem(row: dict[str, Any]) -> str | None:
    """Why an abuse row is not heard as it should be (not heard at all, or also heard as a
    crisis when the row does not say it is one), or None when it is."""
    heard = listen(row["text"], nickname=NICKNAME)
    if heard.abuse is None:
        return f"abuse not heard: {heard}"
    if not row.get("crisis_also") and heard.crisis is not None:
        return f"crisis heard too: {heard.crisis}"
    return None


def beyond_the_kind_question(texts: set[str]) -> list[str]:
    """Of look-alikes the learned backstop is known to ask the kind question on, those the
    tables hear or that get more than the kind question (the clear tier)."""
    return [text for text in texts
            if crisis.detect(text) is not None
            or ((found := listen(text, nickname=NICKNAME).crisis) is not None
                and found.tier != "possible")]


def load(name: str) -> list[dict[str, Any]]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, text: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append(text)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class Report:
    labels: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    groups: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    fired_on_neutral: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    fired_on_others: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))

    def table(self, title: str) -> str:
        rows = [f"== {title} ==", f"{'label':28} {'n':>4} {'recall':>7}"]
        for label in sorted(self.labels):
            score = self.labels[label]
            rows.append(f"{label:28} {score.total:4d} {score.rate:7.1%}")
        rows.append(f"{'group':28} {'n':>4} {'rate':>7}")
        for name in sorted(self.groups):
            score = self.groups[name]
            rows.append(f"{name:28} {score.total:4d} {score.rate:7.1%}")
        rows.append("false positives (detector fired where the label says it should not):")
        rows.append(f"{'detector':14} {'neutral':>16} {'all other labels':>20}")
        for name in DETECTORS:
            neutral, others = self.fired_on_neutral[name], self.fired_on_others[name]
            rows.append(f"{name:14} {neutral.hits:4d}/{neutral.total:<4d} {neutral.rate:6.1%} "
                        f"{others.hits:6d}/{others.total:<5d} {others.rate:6.1%}")
        return "\n".join(rows)


def expected_date(spec: str) -> date:
    if spec.endswith("d") and spec[0] == "-":
        return TODAY - timedelta(days=int(spec[1:-1]))
    return date.fromisoformat(spec)


def _answer_ok(label: str, text: str) -> bool | None:
    kind, _, value = label.partition(":")
    if kind == "scale":
        return answers.parse_scale(text, 1, 10) == int(value)
    if kind == "date":
        return answers.parse_date(text, TODAY, ZONE) == expected_date(value)
    if kind == "city":
        found = answers.parse_city(text)
        return found is not None and found.zone == value
    if kind == "yesno":
        return answers.parse_yes_no(text) == value
    if kind == "pronoun":
        return answers.parse_pronoun(text) == value
    if label == "name":
        return answers.parse_name(text).name is not None
    if label == "non_name":
        return answers.parse_name(text).name is None
    return None


def evaluate(rows: list[dict[str, Any]]) -> Report:
    report = Report()
    for row in rows:
        text, label = row["text"], row["label"]
        heard = listen(text, nickname=NICKNAME)
        fired = {"crisis": heard.crisis is not None, "abuse": heard.abuse is not None,
                 "contact_out": heard.contact_out, "contact_in": heard.contact_in,
                 "urge": heard.urge is not None, "control": heard.control is not None,
                 "meta": heard.meta is not None}
        owner = OWNER.get(label) or ("meta" if label.startswith("meta:") else None)
        if owner == "meta":
            ok = heard.meta == label.removeprefix("meta:")
            report.labels[label].add(ok, text)
            report.groups["meta: all"].add(ok, text)
        elif owner:
            report.labels[label].add(fired[owner], text)
        if label.startswith("crisis_"):
            lang = row.get("lang", "en")
            report.groups["crisis: all"].add(fired["crisis"], text)
            report.groups[f"crisis: lang {lang}"].add(fired["crisis"], text)
            tier_ok = heard.crisis is not None and heard.crisis.tier == row["tier"]
            report.groups[f"crisis: tier exact ({row['tier']})"].add(tier_ok, text)
            if row.get("direct"):
                report.groups["crisis: direct statements"].add(fired["crisis"], text)
        elif label == "figure_of_speech":
            report.labels[label].add(not fired["crisis"], text)
            report.groups["figure of speech -> crisis"].add(fired["crisis"], text)
            report.groups["figure of speech -> crisis clear"].add(
                heard.crisis is not None and heard.crisis.tier == "clear", text)
        elif label.startswith("control_"):
            word = label.removeprefix("control_")
            # "stop" is a word of its own, and in an open question it cancels it
            # (bot/features/menu/control.py), so it counts as cancel here
            report.labels[label].add(heard.control == word
                                     or (word == "cancel" and heard.control == "stop"), text)
        elif label == "neutral":
            report.groups["neutral -> crisis clear"].add(
                heard.crisis is not None and heard.crisis.tier == "clear", text)
            report.labels[label].add(not any(fired.values()), text)
        elif (ok := _answer_ok(label, text)) is not None:
            group = label.split(":")[0]
            report.labels[label].add(ok, text)
            report.groups[f"answers: {group}"].add(ok, text)
        for name, did in fired.items():
            if label == "neutral":
                report.fired_on_neutral[name].add(did, text)
            elif owner != name and not (name == "control" and label.startswith("control_")):
                report.fired_on_others[name].add(did, text)
    return report


# -- typed answers by kind (the answer rounds: round 18's and round 20's r*answers files) ------

ANSWER_KINDS = ("control", "name", "scale", "yesno", "pronoun", "date", "city")


def read_answer(row: dict[str, Any], today: date) -> object:
    """What the bot reads from a row's text as an answer of the row's kind: the control word,
    the name, the number, yes/no, the pronoun, the date (ISO) or the city's time zone."""
    kind, text = row["kind"], row["text"]
    if kind == "control":
        return listen(text, nickname=NICKNAME).control
    if kind == "name":
        return answers.parse_name(text).name
    if kind == "scale":
        read = answers.parse_rating if row.get("rating") else answers.parse_scale
        return read(text, row.get("lo", 1), row.get("hi", 10))
    if kind == "yesno":
        return answers.parse_yes_no(text)
    if kind == "pronoun":
        return answers.parse_pronoun(text)
    if kind == "date":
        found = answers.parse_date(text, today, row.get("tz", ZONE))
        return None if found is None else found.isoformat()
    found_city = answers.parse_city(text)
    return None if found_city is None else found_city.zone


def answer_fits(row: dict[str, Any], got: object) -> bool:
    """Whether `got` is what the row wants: None, one value, any of a list, or for a date a
    [first, last] range of ISO dates."""
    want = row["want"]
    if want is None:
        return got is None
    if row["kind"] == "date" and isinstance(want, list):
        return isinstance(got, str) and want[0] <= got <= want[1]
    return got in want if isinstance(want, list) else got == want
