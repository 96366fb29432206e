"""What the phrase tables alone find, and the backstop thresholds chosen from out-of-fold scores
(used by tools/train_listening.py; kept apart so that file stays readable)."""

from __future__ import annotations

from typing import Any

from bot.listening.detectors import abuse, contact, crisis, urge
from bot.listening.normalise import Normalised

FAMILIES = ("crisis", "abuse", "contact_out", "contact_in", "urge")
# How much the backstop may ADD to what the patterns already set off (the patterns' own false
# positives are theirs to fix), per family: on neutral breakup talk (the five families share
# the 2% "neutral -> anything" budget; crisis gets the largest share, its cost is one kind
# question), on figures of speech (crisis only) and on rows of the other labels (a slip heard as
# an urge would start the wrong flow).
# Crisis: 2% of neutral and 3% of figures since round 6. The training set's neutral and figure
# rows are hard look-alikes written to share crisis words; on a sealed outside set of 515
# crisis rows and 416 neutral rows and figures, lowering the round-6 threshold by two logits
# heard 3.2 points more crisis rows and added one neutral row (it only asks the kind question:
# a backstop guess is never the clear tier below its own, far higher floor).
# Crisis: 4% of neutral (figures stay at 3%) since round 14 (2 December 2026). That round
# added some 2,500 look-alikes written to match its indirect crisis lines line for line (a
# letter to grandma, "everything is sorted for the party", goodbye hugs at a leaving do): at 2%
# the threshold rose from 5.6 to 6.7 logits. At 4% (5.05) the retrained model sets off no more
# of the 3,009 look-alikes in tests/data/listening_round*.jsonl than the round-13 model did at
# its own threshold (65 and 60: 2.2% and 2.0%), no more figures of speech in two new outside
# sets written apart (blind10's tune half, blind11: 1 of 66 and 12 of 218, those 12 the
# tables'), and hears more of their crisis rows (86.0% and 87.7%; 80.2% and 84.8% at 6.7).
# At 5% (4.3) it heard 87.7% and 89.1% but asked the kind question on 2.6% of the look-alikes
# ("i want a new razor for my birthday").
NEUTRAL_CEILING = {"crisis": 0.04, "abuse": 0.005, "contact_out": 0.002, "contact_in": 0.002,
                   "urge": 0.002}
FIGURE_CEILING = 0.03
OTHERS_CEILING = 0.02


def pattern_findings(norm: Normalised) -> dict[str, object]:
    """The phrase tables' findings: the crisis tier (or None), and True/False for the others."""
    found = crisis.detect(norm)
    return {"crisis": found.tier if found else None, "abuse": abuse.detect(norm) is not None,
            "contact_out": contact.outgoing(norm), "contact_in": contact.incoming(norm),
            "urge": urge.detect(norm) is not None}


def owner(label: str) -> str | None:
    if label.startswith("crisis_"):
        return "crisis"
    return label if label in FAMILIES else None


def _lowest_threshold(scores: dict[int, float], fired: dict[int, bool],
                      limits: list[tuple[list[int], float]]) -> float:
    """The lowest logit threshold at which the backstop adds at most `ceiling` of each row set
    (it may add k = floor(ceiling * n) rows: the threshold sits just above the (k+1)-th
    highest score among the rows the patterns left alone)."""
    threshold = min(scores.values())
    for members, ceiling in limits:
        free = sorted((scores[i] for i in members if not fired[i]), reverse=True)
        allowed = int(ceiling * len(members))
        if len(free) > allowed:
            threshold = max(threshold, free[allowed] + 1e-6)
    return threshold


def choose_thresholds(rows: list[dict[str, Any]], patterns: list[dict[str, object]],
                      oof: dict[str, dict[int, float]], train: list[int]) -> dict[str, float]:
    """Per family, the lowest logit threshold meeting the ceilings on out-of-fold scores."""
    out: dict[str, float] = {}
    for family in FAMILIES:
        scores = {i: oof[family][i] for i in train}
        fired = {i: bool(patterns[i][family]) for i in train}
        neutral = [i for i in train if rows[i]["label"] == "neutral"]
        others = [i for i in train if owner(rows[i]["label"]) not in (family, None)]
        limits = [(neutral, NEUTRAL_CEILING[family]), (others, OTHERS_CEILING)]
        if family == "crisis":
            figures = [i for i in train if rows[i]["label"] == "figure_of_speech"]
            limits.append((figures, FIGURE_CEILING))
        out[family] = _lowest_threshold(scores, fired, limits)
        positives = [i for i in train if owner(rows[i]["label"]) == family]
        recall = sum(fired[i] or scores[i] >= out[family] for i in positives) / len(positives)
        before = sum(fired[i] for i in positives) / len(positives)
        for name, (members, _) in zip(("neutral", "others", "figures"), limits, strict=False):
            base = sum(fired[i] for i in members)
            added = sum(not fired[i] and scores[i] >= out[family] for i in members)
            print(f"    {name:8} patterns {base}/{len(members)}, backstop adds {added}")
        print(f"  {family:12} threshold {out[family]:+.3f}  out-of-fold recall "
              f"{before:.1%} -> {recall:.1%}")
    return out


def clear_floor(rows: list[dict[str, Any]], patterns: list[dict[str, object]],
                oof: dict[str, dict[int, float]], train: list[int],
                self_reference: list[bool], margin: float = 1.0) -> float:
    """The crisis logit above which the backstop alone may say "clear": above every
    out-of-fold score of a row that is not crisis, plus a margin. Prints what it would do."""
    outside = [oof["crisis"][i] for i in train if owner(rows[i]["label"]) != "crisis"]
    floor = max(outside) + margin
    counts: dict[str, int] = {}
    for i in train:
        if owner(rows[i]["label"]) != "crisis" or patterns[i]["crisis"]:
            continue
        if oof["crisis"][i] >= floor and oof["crisis_clear"][i] >= 0 and self_reference[i]:
            key = f"backstop clear on a {rows[i]['tier']} row"
            counts[key] = counts.get(key, 0) + 1
    print(f"  clear floor {floor:+.3f}: {counts}")
    return floor
