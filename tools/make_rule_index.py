"""Writes bot/listening/data/rule_index.tsv: per phrase rule of the tables, the trigger words and
needed word sets that bot/listening/triggers.py reads out of it, so that a start of the bot looks
them up instead of reading some 4,800 rules again (bot/listening/ruleindex.py).

Run it after changing the phrase tables, their macros, or phrases.py, triggers.py, normalise.py
(tests/listening/test_rule_index.py says when it is due). A stale index is never wrong, only slow:
a rule without an entry is read at start-up as before.

    .venv/bin/python tools/make_rule_index.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot.listening  # noqa: E402, F401  (builds every rule set of the tables)
from bot.listening import phrases, ruleindex  # noqa: E402


def main() -> None:
    readings: dict[str, ruleindex.Reading] = {}
    for rules, keys in phrases.every_rule():
        for rule in rules:
            _, readings[keys.key(rule.source)] = phrases.read(rule.source, rule.macros)  # afresh
    ruleindex.PATH.write_text(ruleindex.text(phrases.reading_code(), readings), "utf-8")
    print(f"{ruleindex.PATH.relative_to(ROOT)}: {len(readings)} rules")


if __name__ == "__main__":
    main()
