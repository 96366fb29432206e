"""Helplines data and country inference: data validation, per-country coverage, tzdata aliases,
fixed offsets, Telegram language codes, the ask path, and caching."""

from __future__ import annotations

import copy
import json
import re
import time
from datetime import date
from pathlib import Path

import pytest

from bot.features.safety import helplines as h

TABLE = json.loads(h.DATA.read_text(encoding="utf-8"))
COUNTRIES = TABLE["countries"]
REQUIRED = ["US", "CA", "GB", "IE", "AU", "NZ", "IN", "ZA", "DE", "AT", "CH", "FR", "BE", "NL",
            "ES", "PT", "BR", "IT", "MX", "AR", "DK", "SE", "NO", "FI", "PL"]
EU = ["AT", "BE", "DE", "DK", "ES", "FI", "FR", "IE", "IT", "NL", "PL", "PT", "SE"]
YEAR = 2026  # offsets are computed for a fixed year so the tests don't drift with DST rule changes


def all_entries():
    for code, block in COUNTRIES.items():
        for kind in h.KINDS:
            for i, raw in enumerate(block.get(kind, ())):
                yield f"{code}.{kind}[{i}]", raw
    for kind, entries in TABLE["everywhere"].items():
        for i, raw in enumerate(entries):
            yield f"everywhere.{kind}[{i}]", raw


ENTRIES = list(all_entries())


# --- data validation ---------------------------------------------------------------------------


def test_the_data_file_validates():
    assert h.validate(TABLE) == []


@pytest.mark.parametrize("where,raw", ENTRIES, ids=[where for where, _ in ENTRIES])
def test_every_entry_has_an_https_source_and_an_iso_checked_date(where, raw):
    assert raw["source"].startswith("https://"), where
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw["checked"]), where
    assert date(2025, 1, 1) <= date.fromisoformat(raw["checked"]) <= date(2100, 1, 1)


@pytest.mark.parametrize("where,raw", ENTRIES, ids=[where for where, _ in ENTRIES])
def test_numbers_hold_only_digits_spaces_plus_and_minus(where, raw):
    for key in ("phone", "sms", "whatsapp"):
        if key in raw:
            assert re.fullmatch(r"[0-9 +\-]+", raw[key]), f"{where}.{key}={raw[key]!r}"
    assert raw.get("phone") or raw.get("sms") or raw.get("url"), where


@pytest.mark.parametrize("missing", ["source", "checked"])
def test_an_entry_without_source_or_checked_fails_validation(missing):
    broken = copy.deepcopy(TABLE)
    del broken["countries"]["DE"]["crisis"][0][missing]
    problems = h.validate(broken)
    assert any(f"DE.crisis[0]: {missing}" in problem for problem in problems), problems


@pytest.mark.parametrize("field,value,complaint", [
    ("source", "http://example.org/", "source must be an https:// URL"),
    ("checked", "30/11/2026", "checked must be an ISO date"),
    ("checked", "2026-13-01", "checked must be an ISO date"),
    ("phone", "0800 GBV GBV", "may hold only digits"),
    ("phone", "*120*7867#", "may hold only digits"),
    ("phone", "(011) 5275-1135", "may hold only digits"),
])
def test_validation_rejects_bad_fields(field, value, complaint):
    broken = copy.deepcopy(TABLE)
    broken["countries"]["ZA"]["abuse"][0][field] = value
    assert any(complaint in problem for problem in h.validate(broken))


def test_a_broken_file_refuses_to_load(tmp_path, monkeypatch):
    broken = copy.deepcopy(TABLE)
    del broken["countries"]["NZ"]["emergency"]
    path = tmp_path / "helplines.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setattr(h, "DATA", path)
    h._data.cache_clear()
    try:
        with pytest.raises(ValueError, match="NZ: no emergency line"):
            h._data()
    finally:
        monkeypatch.undo()
        h._data.cache_clear()
        h._data()


def test_unverified_entries_are_the_acknowledged_ones():
    """An entry kept without verification must carry verified=false and be listed here (and in
    the release notes); today every entry was verified against stored text."""
    unverified = {where for where, raw in ENTRIES if raw.get("verified") is False}
    assert unverified == set()


# --- coverage ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", REQUIRED)
def test_every_listed_country_has_crisis_and_emergency_lines(code):
    own, everywhere = h.lines_for("crisis", code)
    assert own and everywhere
    assert h.emergency_for(code)
    assert all(line.phone for line in h.emergency_for(code))


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_every_country_with_a_crisis_line_has_an_abuse_line_or_a_documented_reason(code):
    if h.lines_for("crisis", code)[0]:
        assert h.lines_for("abuse", code)[0] or h.abuse_missing_reason(code)


def test_india_has_an_abuse_line():
    assert [line.phone for line in h.lines_for("abuse", "IN")[0]] == ["181"]


@pytest.mark.parametrize("code,numbers", [
    ("NZ", ["111"]), ("ZA", ["10111", "112", "10177"]), ("GB", ["999", "112"]), ("US", ["911"]),
    ("CA", ["911"]), ("AU", ["000", "112"]), ("IN", ["112"]), ("MX", ["911"]), ("AR", ["911"]),
    ("BR", ["190", "192", "193"]), ("IE", ["112", "999"]), ("NO", ["113", "112"]),
])
def test_emergency_numbers(code, numbers):
    assert [line.phone for line in h.emergency_for(code)] == numbers


@pytest.mark.parametrize("code", EU)
def test_eu_countries_list_112_first(code):
    assert h.emergency_for(code)[0].phone == "112"


@pytest.mark.parametrize("code,text", [
    ("NZ", "111"), ("GB", "999 or 112"), ("AU", "000 or 112 from a mobile"),
    ("ZA", "10111 (police), 112 from a mobile or 10177 (ambulance and fire)"), ("DE", "112"),
])
def test_emergency_text(code, text):
    assert h.emergency_text(code) == text


def test_emergency_text_when_the_country_is_unknown():
    assert h.emergency_text(None) == h.emergency_text("TR") == h.GENERIC_EMERGENCY
    assert "112" in h.GENERIC_EMERGENCY and "911" in h.GENERIC_EMERGENCY


def test_everywhere_lines_link_to_findahelpline():
    for kind in ("crisis", "abuse"):
        assert any("findahelpline.com" in line.link for line in h.everywhere(kind))
    assert h.everywhere("emergency") == ()


# --- the entries the issue asked to recheck ----------------------------------------------------


def test_italy_says_telefono_amico_is_not_free_and_gives_its_hours():
    line = h.lines_for("crisis", "IT")[0][0]
    assert line.phone == "02 2327 2327"
    assert line.cost.startswith("not free")
    assert line.hours == "daily 9:00-24:00"
    assert "not free" in line.details


def test_netherlands_113_and_0800_0113_both_free():
    line = h.lines_for("crisis", "NL")[0][0]
    assert line.phone == "113" and line.cost == "free"
    assert "0800-0113" in line.note


def test_south_africa_sadag_numbers():
    phones = [line.phone for line in h.lines_for("crisis", "ZA")[0]]
    assert phones == ["0800 567 567", "0800 456 789"]
    assert [line.phone for line in h.lines_for("abuse", "ZA")[0]] == ["0800 428 428"]


def test_denmark_lines():
    assert [line.phone for line in h.lines_for("crisis", "DK")[0]] == ["70 201 201"]
    assert [line.phone for line in h.lines_for("abuse", "DK")[0]] == ["1888"]


# --- lines_for and friends -----------------------------------------------------------------------


def test_unknown_country_gets_only_the_everywhere_lines():
    assert h.lines_for("crisis", None) == ((), h.everywhere("crisis"))
    assert h.lines_for("abuse", "TR") == ((), h.everywhere("abuse"))
    assert h.emergency_for(None) == ()


def test_lines_for_accepts_lower_case_codes():
    assert h.lines_for("crisis", "de") == h.lines_for("crisis", "DE")


def test_lines_for_rejects_unknown_kinds():
    with pytest.raises(ValueError):
        h.lines_for("sadness", "DE")


def test_helpline_helpers():
    line = h.lines_for("abuse", "US")[0][0]
    assert line.tel == "18007997233"
    assert line.sms == "88788" and line.sms_keyword == "START"
    assert line.details.startswith("24/7, free; ")
    assert isinstance(line.checked, date)
    assert h.lines_for("abuse", "CA")[0][0].link == "https://www.sheltersafe.ca/"


# --- country from the time zone ----------------------------------------------------------------


@pytest.mark.parametrize("zone,country", [
    ("Europe/Berlin", "DE"), ("America/Sao_Paulo", "BR"), ("Asia/Kolkata", "IN"),
    ("Canada/Pacific", "CA"), ("Asia/Istanbul", "TR"), ("Australia/NSW", "AU"),
    ("US/Eastern", "US"), ("Europe/Kiev", "UA"), ("Asia/Calcutta", "IN"), ("GB", "GB"),
    ("GB-Eire", "GB"), ("Eire", "IE"), ("NZ", "NZ"), ("NZ-CHAT", "NZ"), ("US/Pacific", "US"),
    ("Canada/Newfoundland", "CA"), ("Brazil/East", "BR"), ("Mexico/General", "MX"),
    ("America/Buenos_Aires", "AR"), ("Poland", "PL"), ("Portugal", "PT"),
    ("Europe/Copenhagen", "DK"), ("Europe/Oslo", "NO"), ("Europe/Stockholm", "SE"),
    ("Arctic/Longyearbyen", "SJ"), ("Atlantic/Jan_Mayen", "SJ"), ("Iceland", "IS"),
    ("Africa/Asmera", "ER"), ("America/Montreal", "CA"), ("Asia/Saigon", "VN"), ("Japan", "JP"),
    ("europe/berlin", "DE"), (" Europe/Berlin ", "DE"),
])
def test_country_for_zone(zone, country):
    assert h.country_for_zone(zone) == country


@pytest.mark.parametrize("zone", [None, "", "UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu",
                                  "Universal", "CET", "EET", "EST", "EST5EDT", "Factory",
                                  "Mars/Olympus", "Europe"])
def test_country_for_zone_none(zone):
    assert h.country_for_zone(zone) is None


def test_every_tzdata_name_has_an_entry():
    table = h.zone_countries()
    assert set(h._zone_tab()) <= set(table)
    assert set(h._links()) <= set(table)
    for zone, country in h._zone_tab().items():
        assert table[zone] == country


def test_links_to_zones_shared_by_several_countries_are_reviewed():
    """tzdata (2022 on) links some old names to a zone of another country because the clocks
    agree; following the link would give the wrong country (Iceland -> Africa/Abidjan -> CI).
    Every link to a zone that zone1970.tab shares between countries must resolve to one of those
    countries or be reviewed in _CROSS_COUNTRY_LINKS. A tzdata update adding such links fails
    here until someone looks at them."""
    zone_tab, shared, table = h._zone_tab(), h._zone1970(), h.zone_countries()
    reviewed_ok = {"America/Montreal", "America/Nipigon", "America/Thunder_Bay", "Canada/Eastern",
                   "Asia/Rangoon", "Europe/Belfast", "GB", "GB-Eire", "Japan", "NZ",
                   "Pacific/Samoa", "US/Samoa", "Singapore", "US/Arizona"}
    reviewed = reviewed_ok | set(h._CROSS_COUNTRY_LINKS) | h._GENERIC_ZONES
    for link, target in h._links().items():
        if link in zone_tab or target.startswith("Etc/"):
            continue
        if len(shared.get(target, ())) > 1:
            assert link in reviewed, f"review tzdata link {link} -> {target} ({shared[target]})"
            if link not in h._GENERIC_ZONES:
                assert table[link] in shared[target] or link in h._CROSS_COUNTRY_LINKS


# --- country from a fixed UTC offset -----------------------------------------------------------


@pytest.mark.parametrize("offset,country", [
    ("+05:30", "IN"), ("UTC+05:30", "IN"), ("+0530", "IN"), ("GMT+5:30", "IN"), (330, "IN"),
    ("+05:45", "NP"), ("UTC+05:45", "NP"), ("+03:30", "IR"), ("UTC+03:30", "IR"),
    ("+04:30", "AF"), ("-03:30", "CA"), ("+09:30", "AU"), ("+12:45", "NZ"), ("+13:45", "NZ"),
])
def test_country_for_offset(offset, country):
    assert h.country_for_offset(offset, year=YEAR) == country


@pytest.mark.parametrize("offset", ["+01:00", "UTC+01:00", "+00:00", "UTC", "-03:00", "+02:00",
                                    "+03:00", "-05:00", "-04:00", "+08:00", "+10:00", "+05:00",
                                    "+25:00", "+05:70", "banana", None, ""])
def test_shared_or_bad_offsets_give_none(offset):
    assert h.country_for_offset(offset, year=YEAR) is None


@pytest.mark.parametrize("zone,country", [("UTC+05:30", "IN"), ("UTC+05:45", "NP"),
                                          ("UTC+03:30", "IR"), ("UTC+01:00", None),
                                          ("Etc/GMT-14", "KI"), ("Etc/GMT+12", None)])
def test_stored_fixed_offsets_go_through_the_offset_rule(zone, country):
    assert h.country_for_zone(zone) == country


@pytest.mark.parametrize("text,minutes", [("UTC+05:30", 330), ("+5", 300), ("-03:00", -180),
                                          ("GMT-3", -180), ("+0545", 345), ("utc + 5:30", 330),
                                          ("+14:00", 840), ("+14:30", None), ("+5:75", None)])
def test_parse_offset(text, minutes):
    assert h.parse_offset(text) == minutes


def test_offsets_come_from_tzdata_not_a_hand_list():
    table = h.offset_countries(YEAR)
    assert table[345] == frozenset({"NP"})
    assert table[330] == frozenset({"IN", "LK"})  # shared: India wins on population
    assert {"DE", "FR", "IT"} <= table[60]


def test_without_populations_only_one_country_offsets_resolve(monkeypatch):
    monkeypatch.setattr(h, "offset_population", lambda year=None: {})
    h._country_for_minutes.cache_clear()
    try:
        assert h.country_for_offset("+05:45", year=YEAR) == "NP"
        assert h.country_for_offset("+05:30", year=YEAR) is None
    finally:
        monkeypatch.undo()
        h._country_for_minutes.cache_clear()


# --- country from Telegram's language_code -----------------------------------------------------


@pytest.mark.parametrize("code,country,language", [
    ("pt-BR", "BR", "pt"), ("pt-br", "BR", "pt"), ("en-GB", "GB", "en"), ("en_US", "US", "en"),
    ("da", "DK", "da"), ("pl", "PL", "pl"), ("fi", "FI", "fi"), ("nb", "NO", "nb"),
    ("hi", "IN", "hi"), ("de", None, "de"), ("en", None, "en"), ("es", None, "es"),
    ("pt", None, "pt"), ("fr", None, "fr"),
    ("es-419", None, "es"), ("zh-hans", None, "zh"), ("tr", None, "tr"), ("", None, None),
    (None, None, None), ("??", None, None),
])
def test_country_from_language(code, country, language):
    assert h.country_from_language(code) == h.LanguageGuess(country, language)


# --- asking, typing, and the combined guess ----------------------------------------------------


def test_unknown_everything_gives_none_and_the_default_buttons():
    guess = h.infer_country(None, None)
    assert guess == h.CountryGuess(None, None, None)
    ask = h.ask_country(guess.language)
    assert [choice.code for choice in ask.choices] == TABLE["ask_default"]
    assert ask.link == "https://findahelpline.com/"
    assert ask.choices[0].label == "🇺🇸 United States"


def test_a_language_hint_narrows_the_buttons():
    guess = h.infer_country("UTC", "de")
    assert guess == h.CountryGuess(None, None, "de")
    assert [choice.code for choice in h.ask_country(guess.language).choices] == ["DE", "CH", "AT"]
    assert [choice.code for choice in h.ask_country("pt").choices] == ["BR", "PT"]
    assert len(h.ask_country("en").choices) == 6


def test_an_unlisted_language_falls_back_to_the_default_buttons():
    assert h.ask_country("tr") == h.ask_country(None)


@pytest.mark.parametrize("zone,language,expected", [
    ("Europe/Vienna", "de", h.CountryGuess("AT", "zone", None)),
    ("UTC+05:30", None, h.CountryGuess("IN", "offset", None)),
    ("Etc/GMT-14", None, h.CountryGuess("KI", "offset", None)),
    ("UTC", "pt-BR", h.CountryGuess("BR", "language", "pt")),
    ("UTC+01:00", "da", h.CountryGuess("DK", "language", "da")),
    ("Mars/Olympus", "fr", h.CountryGuess(None, None, "fr")),
])
def test_infer_country(zone, language, expected):
    assert h.infer_country(zone, language) == expected


@pytest.mark.parametrize("text,country", [
    ("Germany", "DE"), ("deutschland", "DE"), ("the UK", "GB"), ("UK", "GB"), ("England", "GB"),
    ("usa", "US"), ("United States", "US"), ("NZ", "NZ"), ("in India", "IN"), ("España", "ES"),
    ("Britain", "GB"), ("Turkey", "TR"), ("Brasil", "BR"), ("I'm in Canada", "CA"),
    ("nowhere", None), ("", None), (None, None),
])
def test_country_from_text(text, country):
    assert h.country_from_text(text) == country


def test_country_names():
    assert h.country_name("DE") == "Germany"
    assert h.country_name("TR") == "Turkey"
    assert h.country_name(None) is None
    assert h.flag("NZ") == "🇳🇿"


# --- speed and caching -------------------------------------------------------------------------


def test_no_file_is_read_after_warm_up(monkeypatch):
    h.warm_up()
    h.warm_offsets()

    def refuse(*args, **kwargs):
        raise AssertionError("a file was read while answering a message")

    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    h.lines_for("crisis", "FR")
    h.lines_for("abuse", None)
    h.emergency_for("ZA")
    h.emergency_text("AU")
    h.country_for_zone("Asia/Calcutta")
    h.country_for_zone("UTC+05:30")
    h.country_from_language("pt-BR")
    h.ask_country("de")
    h.country_from_text("Deutschland")
    h.infer_country("Canada/Pacific", "fr")


def test_lookups_are_cached_and_fast():
    h.warm_up()
    start = time.perf_counter()
    for _ in range(10_000):
        h.infer_country("Europe/Berlin", "de")
        h.lines_for("crisis", "DE")
        h.emergency_text("DE")
    per_message = (time.perf_counter() - start) / 10_000
    assert per_message < 0.0002, f"{per_message * 1e6:.1f} µs per message"
    assert h._data.cache_info().currsize == 1
