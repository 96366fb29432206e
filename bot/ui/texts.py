"""The one jinja2 environment: every user-facing string is a template under bot/templates/,
package data read through the import system (so an installed wheel renders like a checkout)."""

from __future__ import annotations

import html
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from bot.core import paths
from bot.core.pronouns import Ex

# A template may hold several chat messages; they are separated by this marker line.
SPLIT_MARKER = "<!-- next -->"
# The user's own words are quoted on a line of their own (in <i> or a <blockquote>), with
# nothing of the template's after them on that line: whatever punctuation they end with, no
# template full stop can follow it. (Not a filter adding "." when missing: one rule everywhere.)


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("bot", "templates"),
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


def render(name: str, /, **values: object) -> str:
    """Renders templates/<name>.html (or the exact file name) with autoescaped values."""
    file = name if name.endswith((".html", ".txt", ".j2")) else f"{name}.html"
    values.setdefault("ex", Ex())
    values.setdefault("name", "friend")
    values.setdefault("path", paths.NEUTRAL)
    return environment().get_template(file).render(**values).strip()


def render_parts(name: str, /, **values: object) -> list[str]:
    """Renders a template and splits it into the separate chat messages it holds."""
    text = render(name, **values)
    return [part.strip() for part in text.split(SPLIT_MARKER) if part.strip()]


def excerpt(text: str, limit: int) -> str:
    """`text` cut at a word boundary, with an ellipsis, when longer than `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:") + "…"


def exists(name: str) -> bool:
    return f"{name}.html" in _names()


def names_under(folder: str) -> list[str]:
    """Every template file name under a folder ("sos/pep" -> ["sos/pep/01.html", ...])."""
    prefix = folder.rstrip("/") + "/"
    return [name for name in _names() if name.startswith(prefix)]


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(environment().list_templates())


def plain(name: str, /, **values: object) -> str:
    """A template rendered as plain text (button labels, pop-up alerts): entities undone."""
    return html.unescape(render(name, **values))
