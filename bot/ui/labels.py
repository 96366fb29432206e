"""Button labels: each one a jinja macro in templates/labels/<file>.html, rendered as plain text.

One file per feature keeps a feature's labels side by side for review (and in one piece for the
verbatim check); one macro per label names its inputs (`{% macro slip(ex) %}`), so a label
called with a value it does not take fails loudly instead of rendering something odd.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import lru_cache

from bot.core.pronouns import PRONOUNS, Ex
from bot.ui.texts import environment


@lru_cache(maxsize=512)
def _macro(key: str) -> Callable[..., object]:
    file, _, name = key.partition("/")
    # Template.module is jinja's public view of a template's macros (built once, then cached).
    macro = getattr(environment().get_template(f"labels/{file}.html").module, name, None)
    if not name or not callable(macro):
        raise LookupError(f"no label {name!r} in templates/labels/{file}.html")
    return macro  # type: ignore[no-any-return]


def label(key: str, /, **values: object) -> str:
    """The label `key` ("<file>/<name>": macro <name> of templates/labels/<file>.html) as plain
    text: Telegram shows labels as they are, so autoescaped values are unescaped again."""
    return html.unescape(str(_macro(key)(**values))).strip()


def takes(key: str, name: str, /) -> bool:
    """True when label `key`'s macro has the parameter `name` (e.g. "ex")."""
    # Macro.arguments is jinja's documented list of a macro's parameter names.
    return name in getattr(_macro(key), "arguments", ())


def every_form(key: str, /) -> frozenset[str]:
    """Every text label `key` can show: one per pronoun of the ex when the macro takes `ex`
    ("I want to text him / her / them"), else the one. A reply keyboard keeps the label it was
    sent with, whatever the user chose since, so all of them must still be recognised."""
    if not takes(key, "ex"):
        return frozenset({label(key)})
    return frozenset(label(key, ex=Ex(pronoun)) for pronoun in PRONOUNS)
