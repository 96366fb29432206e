"""Pure look-ups of support contacts: the user's country from their time zone (tzdata's
zone.tab), then the crisis or domestic-abuse lines for it from bot/data/helplines.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA = resources.files("bot.features.safety") / "data" / "helplines.json"  # package data
# Old link names users may still have stored; zone.tab lists only the canonical ones.
_ALIASES = {"Europe/Kiev": "UA", "Asia/Calcutta": "IN", "Asia/Saigon": "VN", "GB": "GB",
            "Eire": "IE", "US/Eastern": "US", "US/Central": "US", "US/Mountain": "US",
            "US/Pacific": "US", "Australia/ACT": "AU", "Canada/Eastern": "CA", "NZ": "NZ"}


@dataclass(frozen=True)
class Helpline:
    name: str
    phone: str
    note: str
    source: str


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coords, zone, *_ = line.split("\t")
        table[zone] = code
    return table


def country_for_zone(zone: str | None) -> str | None:
    """'Europe/Berlin' -> 'DE'; None for UTC, offsets and unknown names."""
    if not zone:
        return None
    return _zone_countries().get(zone) or _ALIASES.get(zone)


@lru_cache(maxsize=1)
def _table() -> dict[str, object]:
    return json.loads(DATA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _lines(entries: list[dict[str, str]]) -> list[Helpline]:
    return [Helpline(e["name"], e["phone"], e.get("note", ""), e["source"]) for e in entries]


def lines_for(kind: str, country: str | None) -> tuple[list[Helpline], list[Helpline]]:
    """(the country's own lines, or [] when unknown; the lines that work everywhere)."""
    table = _table()
    own = table[kind].get(country or "", [])  # type: ignore[attr-defined]
    return _lines(own), _lines(table["everywhere"][kind])  # type: ignore[index]


def countries(kind: str) -> list[str]:
    return sorted(_table()[kind])  # type: ignore[call-overload]


def abuse_line(zone: str | None) -> Helpline | None:
    """The first domestic-abuse line of the user's country (from their time zone), or None when
    the country is unknown or has none listed: the texts then point to findahelpline.com."""
    own, _ = lines_for("abuse", country_for_zone(zone))
    return own[0] if own else None
