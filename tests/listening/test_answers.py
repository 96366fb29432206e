"""Typed answers to button questions."""

from datetime import date, time

import pytest

from bot.listening import answers, places
from bot.listening.times import parse_time

TODAY = date(2025, 6, 18)  # a Wednesday


@pytest.mark.parametrize(("text", "value"), [
    ("7/10", 7), ("about a seven", 7), ("like a 2", 2), ("a solid 8", 8), ("ten", 10),
    ("8!!", 8), ("7.5", 8), ("3 out of 5", 6), ("i'd say a 7", 7),
    # people hedge: a range of two neighbours is the higher one, fillers of doubt are dropped
    ("6 or 7", 7), ("between 7 and 8", 8), ("seven or eight", 8), ("6-7", 7),
    ("like a 7 i guess", 7), ("idk like 6", 6), ("probs a 9 tonight", 9),
    ("eight out of ten", 8), ("a six outta ten", 6), ("three out of five", 6),
    # off the top of its own scale is the top (round 18): "11/10" is chat for "as high as it goes"
    ("11/10", 10), ("twelve out of ten", 10), ("seven/ten", 7), ("6 on a scale of 1-10", 6),
])
def test_scale(text: str, value: int) -> None:
    assert answers.parse_scale(text, 1, 10) == value


@pytest.mark.parametrize(
    "text", ["11", "0", "2 weeks ago", "3 or 9", "2 to 10", "i dont know", "", "7 apples",
             "call me at 7", "none out of ten", "12 out of 5"])
def test_scale_refuses(text: str) -> None:
    assert answers.parse_scale(text, 1, 10) is None


def test_scale_in_its_own_range() -> None:
    assert answers.parse_scale("3 out of 5", 1, 5) == 3


@pytest.mark.parametrize(("text", "value"), [
    ("yes", "yes"), ("yeah", "yes"), ("yep", "yes"), ("ya", "yes"), ("sure", "yes"),
    ("definitely", "yes"), ("👍", "yes"), ("no", "no"), ("nope", "no"), ("nah", "no"),
    ("not really", "no"), ("not yet", "not_yet"), ("maybe later", "not_yet"),
    ("yes and no", None), ("banana", None), ("", None),
])
def test_yes_no(text: str, value: str | None) -> None:
    assert answers.parse_yes_no(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("her", "she"), ("him", "he"), ("he/him", "he"), ("they/them", "they"),
    ("she's a girl", "she"), ("my boyfriend", "he"), ("girlfriend", "she"), ("he/they", "he"),
    ("banana", None),
])
def test_pronoun(text: str, value: str | None) -> None:
    assert answers.parse_pronoun(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("two weeks ago", date(2025, 6, 4)), ("last saturday", date(2025, 6, 14)),
    ("3 March", date(2025, 3, 3)), ("last night", date(2025, 6, 17)),
    ("yesterday", date(2025, 6, 17)), ("a month ago", date(2025, 5, 18)),
    ("on new year's eve", date(2024, 12, 31)), ("2025-03-03", date(2025, 3, 3)),
    ("3.3.2025", date(2025, 3, 3)), ("hace dos semanas", date(2025, 6, 4)),
    ("1 December", date(2024, 12, 1)),  # never in the future: last year's
    ("on the 14th", date(2025, 6, 14)), ("the 20th", date(2025, 5, 20)),  # the latest one
    ("last summer", date(2024, 7, 15)), ("in the spring", date(2025, 4, 15)),
    ("christmas last year", date(2024, 12, 25)),
    # British and spoken forms (round 15): TODAY is Wednesday 18 June 2025
    ("sunday just gone", date(2025, 6, 15)), ("the monday that just passed", date(2025, 6, 16)),
    ("wednesday just gone", date(2025, 6, 11)), ("a couple weeks back", date(2025, 6, 4)),
    ("3 months back", date(2025, 3, 18)), ("early this month", date(2025, 6, 1)),
    ("mid last month", date(2025, 5, 15)), ("the end of last month", date(2025, 5, 25)),
    ("the weekend before last", date(2025, 6, 7)), ("the weekend just gone", date(2025, 6, 14)),
    # a part of the day after a weekday is that day, read without dateparser (whose 1.2 floor
    # reads none of these)
    ("friday night", date(2025, 6, 13)), ("last sunday morning", date(2025, 6, 15)),
    ("on saturday arvo", date(2025, 6, 14)), ("wednesday evening", date(2025, 6, 18)),
])
def test_date(text: str, value: date) -> None:
    assert answers.parse_date(text, TODAY, "Europe/London") == value


def test_a_season_is_the_users_own() -> None:
    """South of the equator summer is in January."""
    assert answers.parse_date("last summer", TODAY, "Australia/Sydney") == date(2025, 1, 15)
    assert answers.parse_date("last winter", TODAY, "America/Sao_Paulo") == date(2024, 7, 15)


def test_date_order_follows_the_zone() -> None:
    assert answers.parse_date("4/5/2025", TODAY, "Europe/Paris") == date(2025, 5, 4)
    assert answers.parse_date("4/5/2025", TODAY, "America/New_York") == date(2025, 4, 5)


@pytest.mark.parametrize("text", ["tomorrow", "next week", "i dont know", "2099-01-01", "",
                                  "the end of this month", "next month"])
def test_date_refuses(text: str) -> None:
    assert answers.parse_date(text, TODAY, "Europe/London") is None


@pytest.mark.parametrize(("text", "zone", "country"), [
    ("Manchester", "Europe/London", "GB"), ("Mumbai", "Asia/Kolkata", "IN"),
    ("Edinburgh", "Europe/London", "GB"), ("San Francisco", "America/Los_Angeles", "US"),
    ("Munich", "Europe/Berlin", "DE"), ("Montreal", "America/Toronto", "CA"),
    ("Boston", "America/New_York", "US"), ("Barcelona", "Europe/Madrid", "ES"),
    ("Manchester, NH", "America/New_York", "US"), ("Europe/Berlin", "Europe/Berlin", "DE"),
    ("UTC+5:30", "UTC+05:30", None), ("GMT-3", "UTC-03:00", None),
    # a country or state of one clock, by its name alone
    ("uk", "Europe/London", "GB"), ("i live in the uk", "Europe/London", "GB"),
    ("Germany", "Europe/Berlin", "DE"), ("india", "Asia/Kolkata", "IN"),
    ("ireland", "Europe/Dublin", "IE"), ("spain", "Europe/Madrid", "ES"),
    ("texas", "America/Chicago", "US"), ("california", "America/Los_Angeles", "US"),
    ("ontario", "America/Toronto", "CA"), ("queensland", "Australia/Brisbane", "AU"),
    ("vancouver bc", "America/Vancouver", "CA"), ("LA", "America/Los_Angeles", "US"),
    # abbreviations: North American and European ones are rule zones of no country
    ("EST", "EST5EDT", None), ("pst", "PST8PDT", None), ("CET", "CET", None),
    ("bst", "Europe/London", "GB"), ("aest", "Australia/Sydney", "AU"),
    # the state or province named picks among cities of one name (round 15), and "st" is "saint"
    ("Portland, ME", "America/New_York", "US"), ("portland maine", "America/New_York", "US"),
    ("Portland oregon", "America/Los_Angeles", "US"),
    ("springfield massachusetts", "America/New_York", "US"),
    ("St Petersburg", "Europe/Moscow", "RU"), ("St. Petersburg, Russia", "Europe/Moscow", "RU"),
    ("st petersburg florida", "America/New_York", "US"),
    # "saint" is "st" too, and a town's own name beats a smaller city's name in another language
    ("saint louis", "America/Chicago", "US"), ("Oban", "Europe/London", "GB"),
    ("rio", "America/Sao_Paulo", "BR"),
])
def test_city(text: str, zone: str, country: str | None) -> None:
    found = answers.parse_city(text)
    assert found is not None and (found.zone, found.country) == (zone, country)


def test_city_unknown() -> None:
    assert answers.parse_city("the moon") is None


@pytest.mark.parametrize("text", ["usa", "the US", "australia", "Canada", "russia"])
def test_a_country_of_several_clocks_is_asked_again_by_name(text: str) -> None:
    assert answers.parse_city(text) is None
    assert places.several_clocks(text) is not None
    assert places.several_clocks("germany") is None and places.several_clocks("paris") is None


@pytest.mark.parametrize(("text", "value"), [
    ("8pm", time(20, 0)), ("9 in the evening", time(21, 0)), ("8 at night", time(20, 0)),
    ("7 in the morning", time(7, 0)), ("12 at night", time(0, 0)), ("21h", time(21, 0)),
    ("21", time(21, 0)), ("9ish pm", time(21, 0)), ("10 tonight", time(22, 0)),
    ("7", None), ("around 9", None), ("25h", None), ("evening", None),
])
def test_time(text: str, value: time | None) -> None:
    assert parse_time(text) == value


@pytest.mark.parametrize(("text", "name"), [
    ("Anna", "Anna"), ("my name is Sam", "Sam"), ("I'm Priya", "Priya"), ("call me DJ 😊", "DJ"),
    ("O'Brien", "O'Brien"), ("Ana María", "Ana María"), ("Bjørn", "Bjørn"), ("i go by Dani", "Dani"),
    ("hiya, Kev here", "Kev"), ("Sam (she/her)", "Sam"), ("Ann", "Ann"), ("it's Priya", "Priya"),
    # typed in lower case, as chat is: the bot starts sentences with it
    ("marco", "Marco"), ("his name is marco", "Marco"), ("anne-marie", "Anne-Marie"),
    ("o'brien", "O'Brien"), ("józef", "Józef"), ("McKenzie", "McKenzie"),
    # an initial is a name (the nickname question asks for one), and so are months and seasons
    ("J", "J"), ("J.", "J"), ("April", "April"), ("Summer", "Summer"), ("Dawn", "Dawn"),
])
def test_names(text: str, name: str) -> None:
    assert answers.parse_name(text).name == name


@pytest.mark.parametrize(("text", "reason"), [
    ("is this a real person?", "question"), ("skip", "control"), ("i want to die", "crisis"),
    ("i want to text him so bad right now", "urge"), ("😭😭", "emoji"), ("x" * 41, "too_long"),
    ("", "empty"), ("him", "not_a_name"), ("k", "not_a_name"), ("x", "not_a_name"),
    # the next question answered early: a when, not a who
    ("2 weeks ago", "date"), ("last night", "date"), ("yesterday", "date"), ("8pm", "date"),
    ("last saturday", "date"), ("3 days ago", "date"),
    ("I don't really want to tell you my name", "sentence"), ("asdfgh", "not_a_name"),
    ("hiii", "not_a_name"), ("it's complicated", "not_a_name"), ("doesnt matter", "sentence"),
    ("whatevs", "not_a_name"), ("call me anything", "not_a_name"),
])
def test_non_names(text: str, reason: str) -> None:
    assert answers.parse_name(text) == answers.NameResult(None, reason)


@pytest.mark.parametrize("text", ["no", "Nope.", "nah thanks", "none", "no nickname", "no need",
                                  "not really", "my ex is fine", "just call her my ex",
                                  "he doesn't have one", "she hasn't got one", "no i dont lol",
                                  "i'd rather not", "Ex is fine, thanks"])
def test_a_no_to_an_optional_name_declines(text: str) -> None:
    assert answers.parse_name(text).name is None and answers.declines_name(text), text


@pytest.mark.parametrize("text", ["Noah", "No, Jo", "her", "lol", "my ex is Jo",
                                  "he texted me", "i want to text her", "no no no no no no no"])
def test_a_name_or_other_words_are_no_decline(text: str) -> None:
    assert not answers.declines_name(text), text


@pytest.mark.parametrize(("text", "value"), [
    ("8, i keep opening our chat", 8), ("honestly like an 8 - i almost called", 8),
    ("a 9. nearly texted her", 9), ("7 but i didnt do anything", 7), ("7/10 ugh", 7),
    ("eight, no one gets it", 8), ("3", 3),
])
def test_a_rating_said_first_then_a_comment(text: str, value: int) -> None:
    assert answers.parse_rating(text, 0, 10) == value


@pytest.mark.parametrize("text", ["8, maybe 9", "not 8, more like 3", "i dunno, ask me later",
                                  "12, it was awful", "i almost called him at 8"])
def test_no_rating_is_read_into_other_words(text: str) -> None:
    assert answers.parse_rating(text, 0, 10) is None
