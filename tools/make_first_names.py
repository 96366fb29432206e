"""Writes bot/listening/data/first_names.json: the first names bot/listening/exnames.py can tell
in lowercase chat ("i texted jake", "maria called me"), so the bot can ask whether that person
is the ex.

Development only. The base is the US Census 1990 first-name lists (public domain) as shipped by
the PyPI package `names` (MIT; dist.male.first and dist.female.first, 5,163 names), with a short
supplement of names given since 1990 and names common in the bot's other languages (the census
misses "liam", "aiden", "mateo", "joao"). pyspellchecker's English word frequencies (the `train`
extra) split them three ways:

- never: names that are above all ordinary words ("will", "may", "hope", "miss", "chance"):
  not read as a name even capitalised;
- word_names: names that are also everyday words ("mark", "grace", "jack", "dawn", "rose"):
  read as a name only where the message says so (capitalised mid-sentence, or beside "my ex");
- names: the rest, read as a name in lowercase too.

    pip install --target /tmp/names names==0.3.0
    PYTHONPATH=/tmp/names .venv/bin/python tools/make_first_names.py
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import names  # type: ignore[import-not-found]  # development only
from spellchecker import SpellChecker

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bot" / "listening" / "data" / "first_names.json"
NEVER_RANK = 1500  # an English word this frequent is a word first, whatever the census says
WORD_RANK = 3000  # below this, a name is also an everyday word
# Names since 1990 and in the bot's other languages, written by hand (the census has none).
SUPPLEMENT = [
    "liam", "aiden", "ayden", "jayden", "brayden", "kayden", "caden", "jaden", "hayden", "mateo",
    "luca", "lukas", "lucas", "finn", "ollie", "harper", "becca", "nate", "zara", "amir", "priya",
    "raj", "arjun", "rohan", "aarav", "ananya", "isha", "kiara", "zayn", "zain", "yusuf", "ahmed",
    "omar", "hamza", "aisha", "fatima", "layla", "leila", "noor", "nadia", "yasmin", "ibrahim",
    "ali", "hassan", "mohammed", "muhammad", "joao", "matteo", "giulia", "chiara", "francesco",
    "lorenzo", "alessandro", "giovanni", "marco", "luigi", "sofia", "valentina", "camila",
    "santiago", "sebastian", "alejandro", "diego", "javier", "lucia", "mateus", "thiago", "gabriel",
    "rafael", "bruna", "beatriz", "mariana", "leonie", "lena", "lea", "lina", "jonas", "leon",
    "felix", "maximilian", "niklas", "jannik", "moritz", "lotte", "sanne", "daan", "bram", "sem",
    "thijs", "ruben", "noah", "emma", "sven", "lars", "anouk", "fleur", "manon", "chloe", "camille",
    "lucie", "theo", "mathis", "hugo", "jules", "enzo", "louis", "clement", "axel", "elias",
    "milan", "mila", "nova", "luna", "aria", "aurora", "everly", "skylar", "skyler", "brooklyn",
    "paisley", "addison", "aubrey", "avery", "peyton", "kinsley", "madelyn", "mackenzie", "kaylee",
    "kayla", "makayla", "mckenna", "jaylen", "jalen", "jamal", "deshawn", "tyrese", "darnell",
    "malik", "khalid", "tariq", "kofi", "kwame", "ezra", "asher", "silas", "jasper", "rowan",
    "declan", "kieran", "callum", "ciaran", "niamh", "siobhan", "aoife", "saoirse", "oisin", "cian",
    "eoin", "ffion", "rhys", "dafydd", "bryn", "gethin", "tegan", "kenzie", "brody", "bodhi",
    "archer", "jensen", "maddox",
]
# Words that must never read as a name, whatever the lists say (chat words, pet names).
NOT_NAMES = [
    "baby", "babe", "bae", "hun", "hon", "honey", "sugar", "angel", "darling", "dear", "sweetie",
    "sweety", "love", "lovely", "bestie", "bro", "sis", "mum", "mom", "dad", "ma", "pa", "nan",
    "gran", "bub", "buddy", "pal", "mate", "dude", "fam", "king", "queen", "princess", "prince",
    "lol", "lmao", "omg", "ok", "okay", "ha", "hey", "hi", "yo", "ex", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "christmas", "easter",
    # words of the six other languages first (pronouns, articles, people): "ela fica me ligando",
    # "ma meilleure amie m'écrit", "minha mãe me liga", "un msg"
    "ami", "amie", "ela", "ella", "mae", "oma", "irma", "tia", "un", "una", "su", "toi", "bebe",
    "neta", "ja", "dann", "ora", "esta",
]
# Everyday words the frequency cut leaves among the names (read by eye from the lists).
WORDLIKE = [
    "dawn", "charity", "destiny", "lean", "merry", "christian", "foster", "penny", "crystal",
    "liberty", "jesus", "angle", "sang", "ma", "patience", "irish", "na", "cherry", "le", "hunter",
    "sunshine", "manual", "buck", "sunny", "ward", "era", "al", "bee", "chin", "olive", "mi",
    "marine", "kit", "ginger", "cliff", "yen", "cherish", "chuck", "alpha", "bunny", "del", "jewel",
    "frank", "echo", "rod", "autumn", "pat", "dot", "lane", "harmony", "rocky", "rusty", "pearl",
    "kitty", "eve", "holly", "sung", "pa", "yer", "brandy", "dean", "tu", "tad", "ping", "coral",
    "les", "velvet", "tequila", "blossom", "lance", "sage", "karma", "maple", "raven", "jade",
    "ivory", "peg", "dee", "bud", "china", "herb", "gala", "stormy", "sterling", "delta", "dung",
    "porter", "roman", "genie", "chi", "aura", "aide", "fanny", "marvel", "windy", "li", "mac",
    "ai", "sparkle", "walker", "una", "willow", "bong", "dong", "ka", "reed", "lang", "cary", "coy",
    "shin", "sari", "yon", "ja", "min", "han", "lore", "gale", "viva", "mana", "ina", "vida", "wan",
    "yong", "tai", "mark", "bill", "rob", "sue", "drew", "grant", "chase", "page", "bell", "rose",
    "grace", "joy", "glory", "mercy", "candy", "fairy", "temple", "diamond", "junior", "noble",
    "royal", "golden", "forest", "season", "winter", "spring", "precious", "desire", "jack", "ray",
    "robin", "jay", "lee", "iris", "ivy", "ruby", "lily", "sky", "river", "rain", "storm", "august",
    "june", "april", "may", "hope", "faith", "summer", "guy", "art", "rich", "earl", "hazel",
    "daisy", "violet",
]


def squeeze(word: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", word)


def _census() -> set[str]:
    found: set[str] = set()
    for part in ("dist.male.first", "dist.female.first"):
        text = resources.files(names).joinpath(part).read_text("ascii")
        found.update(line.split()[0].lower() for line in text.splitlines() if line.strip())
    return found


def main() -> None:
    every = {n for n in _census() | set(SUPPLEMENT) if re.fullmatch(r"[a-z]{2,}", n)}
    freq = SpellChecker(language="en").word_frequency.dictionary
    ranked = sorted(freq.items(), key=lambda item: -item[1])
    rank = {word: at for at, (word, _) in enumerate(ranked[:WORD_RANK])}
    # The bot compares squeezed words ("emma" reads "ema"), so "hee" would read as "he": a name
    # is as common as the commoner of its spelling and its squeezed spelling.
    def common(name: str) -> int:
        return min(rank.get(name, WORD_RANK), rank.get(squeeze(name), WORD_RANK))

    never = sorted({n for n in every if common(n) < NEVER_RANK} | set(NOT_NAMES))
    words = sorted({n for n in every if n not in never
                    and (common(n) < WORD_RANK or n in WORDLIKE)})
    plain = sorted(every - set(never) - set(words))
    # "toms story": a name's possessive typed without the apostrophe, unless that is a word
    # ("this" is not Thi's)
    possessives = sorted(n + "s" for n in plain if common(n + "s") >= WORD_RANK
                         and n + "s" not in every)
    OUT.write_text(json.dumps({
        "_about": "First names (US Census 1990 via the PyPI package 'names', plus a supplement), "
                  "split by tools/make_first_names.py; read by bot/listening/exnames.py.",
        "names": plain, "word_names": words, "never": never, "possessives": possessives,
    }, indent=0) + "\n", "utf-8")
    print(f"{len(plain)} names, {len(words)} word names, {len(never)} never -> {OUT}")


if __name__ == "__main__":
    main()
