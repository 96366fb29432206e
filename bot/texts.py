"""The one jinja2 environment: every user-facing string is a template under templates/."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
# A template may hold several chat messages; they are separated by this marker line.
SPLIT_MARKER = "<!-- next -->"

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


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Templates change only with a deploy (a restart); without this every get_template
        # stats the file to see whether it changed, on every message sent.
        auto_reload=False,
        cache_size=1000,  # more than the templates there are (about 300): none is ever evicted
    )
    return env


def render(name: str, /, **values: object) -> str:
    """Renders templates/<name>.html (or the exact file name) with autoescaped values."""
    file = name if name.endswith((".html", ".txt", ".j2")) else f"{name}.html"
    values.setdefault("ex", Ex())
    values.setdefault("name", "friend")
    return environment().get_template(file).render(**values).strip()


def render_parts(name: str, /, **values: object) -> list[str]:
    """Renders a template and splits it into the separate chat messages it holds."""
    text = render(name, **values)
    return [part.strip() for part in text.split(SPLIT_MARKER) if part.strip()]


def exists(name: str) -> bool:
    return (TEMPLATES_DIR / f"{name}.html").is_file()


def plain(name: str, /, **values: object) -> str:
    """A template rendered as plain text (button labels, pop-up alerts): entities undone."""
    return html.unescape(render(name, **values))
