"""Abuse heard anywhere; self-harm threats used to control are abuse, not a crisis."""

import pytest

from bot.listening.detectors import abuse, crisis


@pytest.mark.parametrize(("text", "kind"), [
    ("she used to hit me when she got angry", "violence"),
    ("he pushed me", "violence"),
    ("he choked me during a fight", "violence"),
    ("he used to check my phone and scream at me", "control"),
    ("he tracked my location", "control"),
    ("he wouldn't let me see my friends", "control"),
    ("she controlled all my money", "control"),
    ("he threatened to post my nudes", "threat"),
    ("he said he'd kill himself if I left", "threat"),
    ("he forced me to have sex when i didnt want to", "sexual"),
    ("he keeps showing up at my work", "stalking"),
    ("I'm scared of him", "fear"),
])
def test_kinds(text: str, kind: str) -> None:
    result = abuse.detect(text)
    assert result is not None and result.kind == kind


def test_self_harm_threat_is_abuse_not_crisis() -> None:
    text = "he said he'd kill himself if I left"
    assert abuse.detect(text) is not None and crisis.detect(text) is None


@pytest.mark.parametrize("text", [
    "he hit me up last night", "it hit me that he's really gone", "i stalked her instagram",
    "he never hit me", "she wasn't controlling at all", "i'm scared of him moving on",
    "she pushed me away", "he beat me at chess", "my ex threatened to leave me",
    "she hurt me so badly", "i checked my phone every five minutes",
])
def test_quiet(text: str) -> None:
    assert abuse.detect(text) is None


@pytest.mark.parametrize(("text", "lang"), [
    ("me pegaba cuando se enojaba", "es"), ("ele me batia", "pt"), ("er hat mich geschlagen", "de"),
    ("il me frappait", "fr"), ("mi picchiava", "it"), ("hij sloeg me", "nl"),
])
def test_languages(text: str, lang: str) -> None:
    result = abuse.detect(text)
    assert result is not None and result.lang == lang


@pytest.mark.parametrize(("answer", "unsafe"), [
    ("No", True), ("not really", True), ("never with him", True), ("nope", True),
    ("i was always on edge", True), ("he checked my phone constantly", True),
    ("yes", False), ("yes mostly", False), ("not sure", False), ("no problem at all", False),
    ("", False),
])
def test_felt_unsafe(answer: str, unsafe: bool) -> None:
    assert abuse.felt_unsafe(answer) is unsafe


@pytest.mark.parametrize(("text", "kind"), [
    ("he kept my passport so i couldn't leave", "control"),
    ("he made me feel like i was going crazy, he denied everything", "control"),
    ("she controlled what i ate and what i wore", "control"),
    ("he installed an app to read my texts", "control"),
    ("whenever i said no he'd do it anyway", "sexual"),
    ("he'd guilt me into sex every night", "sexual"),
    ("my ex keeps creating new insta accounts to watch my stories", "stalking"),
    ("he sends me flowers every week even though i asked him to stop", "stalking"),
    ("he broke my wrist", "violence"),
    ("he told me if i left he'd take the kids and i'd never see them", "threat"),
    ("he shared my pics with his friends without asking", "threat"),
])
def test_more_behaviours_in_any_tense(text: str, kind: str) -> None:
    result = abuse.detect(text)
    assert result is not None and result.kind == kind


@pytest.mark.parametrize("text", [
    "i kept my phone in another room all evening", "he called me yesterday",
    "she made me laugh so much", "i had to ask my boss for a day off",
])
def test_still_quiet(text: str) -> None:
    assert abuse.detect(text) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("he punched the wall right next to my head", "violence"),
    ("she called me a worthless piece of shit", "violence"),
    ("he smashed plates whenever i disagreed", "violence"),
    ("he had to know who i was texting", "control"),
    ("he would flip out if i wore a short skirt", "control"),
    ("i was always looking over my shoulder because of him", "fear"),
    ("ich habe angst, dass er mir was antut", "threat"),
    ("j'ai peur, qu'il me retrouve", "threat"),
    ("tengo miedo, de que el me encuentre", "threat"),
])
def test_intimidation_monitoring_and_fear_families(text: str, kind: str) -> None:
    result = abuse.detect(text)
    assert result is not None and result.kind == kind


@pytest.mark.parametrize("text", [
    "he kicked me out", "i controlled my spending this month", "he broke things off when i moved",
    "i had to ask for permission to leave work early", "he got so happy when i wore his hoodie",
    "he threw me on the bed and kissed me", "ich habe angst, dass er mich nicht mehr liebt",
    "j'ai peur, qu'il me quitte", "tengo miedo, de que el me deje", "ho paura, che lui mi lasci",
])
def test_breakup_talk_and_ordinary_fears_are_not_abuse(text: str) -> None:
    assert abuse.detect(text) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("all my salary went straight into her account", "control"),
    ("i had to show him every bank statement", "control"),
    ("she tracked my snap map", "control"),
    ("he threw a glass of wine at my face", "violence"),
    ("she keeps threatening to post the pictures online", "threat"),
    ("she said it would be my fault if she does it", "threat"),
    ("he's always parked outside my work", "stalking"),
    ("hij had al mijn geld in handen", "control"),
])
def test_money_tracking_objects_images_and_waiting_families(text: str, kind: str) -> None:
    result = abuse.detect(text)
    assert result is not None and result.kind == kind


@pytest.mark.parametrize("text", [
    "my wages go straight into my account", "i check every receipt for my taxes",
    "she threw a pillow at me laughing", "i had bruises from football",
    "he was waiting outside my flat when i got home, wanting to talk",
])
def test_the_same_words_in_ordinary_life_are_not_abuse(text: str) -> None:
    assert abuse.detect(text) is None
