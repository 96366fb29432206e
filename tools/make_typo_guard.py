"""Writes bot/listening/data/typo_guard.json: the real words of English, Spanish,
Portuguese, German, French, Italian and Dutch that bot/listening/spelling.py would otherwise read
as a slip of a crisis-table word ("fridge" is not a slip of "bridge", "dyeing" not of "dying").

Development only (pyspellchecker's word lists, `pip install -e '.[train]'`); run it after any
change to the tables named in "reading_tables" (tests/listening/test_normalise.py compares the
vocabulary fingerprint stored beside the list with the tables' current one).

    .venv/bin/python tools/make_typo_guard.py
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from spellchecker import SpellChecker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.listening import spelling  # noqa: E402

LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")
# A word seen this often in the list's source texts is a real word people type; rarer entries
# are mostly typos and names that the lists carry themselves.
MIN_COUNT = 20


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _table(words: list[str], digest: str) -> dict[str, object]:
    return {"_about": "Real words that bot/listening/spelling.py must never read as a slip of a "
                      "crisis-table word. Written by tools/make_typo_guard.py; do not edit.",
            "_vocabulary": digest, "words": words}


def main() -> None:
    path = ROOT / "bot" / "listening" / "data" / "typo_guard.json"
    path.write_text(json.dumps(_table([], ""), indent=1), "utf-8")
    spelling.forget_tables()  # the tables without the old guard
    guard: set[str] = set()
    for lang in LANGS:
        words = SpellChecker(language=lang).word_frequency
        for word, count in words.items():
            folded = _fold(word)
            if count >= MIN_COUNT and folded.isalpha() and spelling.slip(folded) is not None:
                guard.add(folded)
        print(f"{lang}: guard now {len(guard)} words")
    path.write_text(json.dumps(_table(sorted(guard), spelling.vocabulary_digest()), indent=0),
                    "utf-8")
    print(f"wrote {len(guard)} words to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
