"""The abuse tables' verb families (data/abuse.json "verb_families"): each verb written once, as
its infinitive (a regular verb) or with its forms spelt out, and read here into its forms, so
that every sentence shape of a language ("verb_templates": "me pegaba", "me ha pegado", "solia
pegarme", "estaba pegandome") holds every verb of a kind in every tense. A new verb or a new
shape is one entry, heard in all the others' combinations.

Slots: VF the finite forms (he/she: present, preterite, imperfect), VP the past participles,
VI the infinitive, VIC the infinitive with the object pronoun glued on (es "pegarme", it
"picchiarmi"), VG the gerund, VGC the gerund with the pronoun glued on, VFG (fr) the finite
forms with the elided "m'" glued on ("mhumiliait")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

SLOTS = ("VF", "VP", "VI", "VIC", "VG", "VGC", "VFG")
_DE_INSEPARABLE = ("be", "ver", "er", "zer", "ent", "emp", "miss", "uber", "ueber", "hinter",
                   "ge")


def _es(inf: str) -> dict[str, list[str]]:
    # "controlar*": "me controlo" is also "I control myself" (and "me golpeo", "me ahorco" a
    # self-harm), so a starred verb has no preterite "controló" written without its accent
    reflexive = inf.endswith("*")
    inf = inf.rstrip("*")
    stem, end = inf[:-2], inf[-2:]
    if end == "ar":
        finite = [stem + "aba", stem + "a"] if reflexive else [stem + "o", stem + "aba", stem + "a"]
        part, ger = stem + "ado", stem + "ando"
    else:
        finite, part, ger = [stem + "io", stem + "ia", stem + "e"], stem + "ido", stem + "iendo"
    return {"VF": finite, "VP": [part], "VI": [inf], "VIC": [inf + "me"], "VG": [ger],
            "VGC": [ger + "me"]}


def _pt(inf: str) -> dict[str, list[str]]:
    stem, end = inf[:-2], inf[-2:]
    if end == "ar":
        finite, part, ger = [stem + "ou", stem + "ava", stem + "a"], stem + "ado", stem + "ando"
    elif end == "er":
        finite, part, ger = [stem + "eu", stem + "ia", stem + "e"], stem + "ido", stem + "endo"
    else:
        finite, part, ger = [stem + "iu", stem + "ia", stem + "e"], stem + "ido", stem + "indo"
    return {"VF": finite, "VP": [part], "VI": [inf], "VG": [ger]}


def _fr(inf: str) -> dict[str, list[str]]:
    stem = inf[:-2]
    soft = "e" if stem.endswith("g") else ""
    return {"VF": [stem + "e", stem + soft + "ait", stem + soft + "a"],
            "VP": [stem + "e", stem + "ee"], "VI": [inf]}


def _it(inf: str) -> dict[str, list[str]]:
    stem, end = inf[:-3], inf[-3:]
    if end == "are":
        finite, parts = [stem + "a", stem + "ava"], [stem + "ato", stem + "ata"]
    else:  # -ire verbs of the "-isce" kind
        finite, parts = [stem + "isce", stem + "iva"], [stem + "ito", stem + "ita"]
    return {"VF": finite, "VP": parts, "VI": [inf], "VIC": [inf[:-1] + "mi"]}


def _de(inf: str) -> dict[str, list[str]]:
    stem = inf[:-1] if inf.endswith(("eln", "ern")) else inf[:-2]
    plain = inf.endswith("ieren") or inf.startswith(_DE_INSEPARABLE)
    return {"VF": [stem + "t", stem + "te"], "VP": [stem + "t" if plain else "ge" + stem + "t"],
            "VI": [inf]}


_REGULAR = {"es": _es, "pt": _pt, "fr": _fr, "it": _it, "de": _de}


def forms(lang: str, entry: str | Mapping[str, object]) -> dict[str, list[str]]:
    """A verb's forms by slot: a regular infinitive's, or those an entry spells out (over its
    regular ones when it gives "inf", or alone when it does not)."""
    if isinstance(entry, str):
        return _REGULAR[lang](entry)
    inf = entry.get("inf")
    found = _REGULAR[lang](inf) if isinstance(inf, str) else {}
    for slot in SLOTS:
        spelt = entry.get(slot)
        if isinstance(spelt, list):
            found[slot] = [str(form) for form in spelt]
    return found


def family_macros(lang: str, verbs: Sequence[str | Mapping[str, object]]) -> dict[str, str]:
    """The slot macros of one language's verb family ("VF": "(pego|pegaba|...)"), for the
    slots any verb fills; French finite forms starting with a vowel also get their glued
    "m'" (VFG)."""
    slots: dict[str, list[str]] = {}
    for entry in verbs:
        for slot, words in forms(lang, entry).items():
            slots.setdefault(slot, []).extend(words)
    if lang == "fr":
        slots["VFG"] = ["m" + word for word in slots.get("VF", []) if word[0] in "aeiouh"]
    return {slot: "(" + "|".join(dict.fromkeys(words)) + ")"
            for slot, words in slots.items() if words}
