"""How the bot refers to the ex: the pronoun the user picked, its forms and verb agreement."""

from __future__ import annotations

from dataclasses import dataclass

PRONOUNS = ("he", "she", "they")


@dataclass(frozen=True)
class Ex:
    """How the bot refers to the ex: the pronoun the user picked and an optional nickname."""

    pronoun: str = "they"
    nickname: str | None = None

    @property
    def plural(self) -> bool:
        return self.pronoun not in ("he", "she")

    @property
    def they(self) -> str:
        return self.pronoun if self.pronoun in PRONOUNS else "they"

    @property
    def them(self) -> str:
        return {"he": "him", "she": "her"}.get(self.pronoun, "them")

    @property
    def their(self) -> str:
        return {"he": "his", "she": "her"}.get(self.pronoun, "their")

    @property
    def theirs(self) -> str:
        return {"he": "his", "she": "hers"}.get(self.pronoun, "theirs")

    @property
    def are(self) -> str:
        return "are" if self.plural else "is"

    @property
    def were(self) -> str:
        return "were" if self.plural else "was"

    @property
    def have(self) -> str:
        return "have" if self.plural else "has"

    @property
    def name(self) -> str:
        """The nickname when there is one, else 'your ex'."""
        return self.nickname or "your ex"

    @property
    def named(self) -> str:
        """The nickname when there is one, else the object pronoun: for the places where either
        reads well ("reach out to Jo", "reach out to him"). Only as an object: a nickname takes
        a singular verb even when the pronoun is "they"."""
        return self.nickname or self.them

    def s(self, verb: str) -> str:
        """Agrees a present-tense verb with the pronoun: ex.s('miss') -> 'misses' or 'miss'."""
        if self.plural:
            return verb
        irregular = {"have": "has", "be": "is", "do": "does", "go": "goes"}
        if verb in irregular:
            return irregular[verb]
        if verb.endswith(("s", "sh", "ch", "x", "o")):
            return verb + "es"
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            return verb[:-1] + "ies"
        return verb + "s"
