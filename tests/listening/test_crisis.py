"""Crisis in two tiers, seven languages; figures of speech quiet, self-harm never hidden."""

import pytest

from bot.listening.detectors import crisis


@pytest.mark.parametrize("text", [
    "I want to die", "I'm going to kill myself", "i took all my pills", "I wrote a suicide note",
    "this is my last message", "i bought a rope to hang myself", "kms", "i wanna unalive myself",
    "su1c1de is all i think about", "I cut myself", "i relapsed on sh",
    "he moved in with her. i took all my pills an hour ago. anyway how do i stop checking his ig",
])
def test_clear(text: str) -> None:
    assert crisis.tier(text) == "clear"


@pytest.mark.parametrize("text", [
    "I feel like such a burden", "everyone would be better off without me",
    "nobody would notice if I was gone", "I won't be around much longer",
    "I can't do this anymore", "I just want it all to be over",
    "I want to sleep forever and not wake up", "I want to disappear",
])
def test_possible(text: str) -> None:
    assert crisis.tier(text) == "possible"


@pytest.mark.parametrize("text", [
    "I want to die my hair red", "this exam is killing me", "I'd kill for a coffee",
    "dying to see the movie", "cut my hair", "I almost died laughing", "I cut myself shaving",
    "I burned myself on the stove", "I hurt myself at the gym", "we watched suicide squad",
    "i want to disappear from social media for a while", "i wrote a goodbye letter to him",
    "my last message to him was needy", "he said he'd kill himself if I left",
    "she threatened suicide when i tried to leave",
])
def test_figures_of_speech_and_third_party_threats_stay_quiet(text: str) -> None:
    assert crisis.detect(text) is None


@pytest.mark.parametrize("text", [
    "I cut myself on purpose",
    "I burned myself with the lighter again",
    "lol I'm fine, I took all my pills",
    "I cut myself shaving. jk i cut myself on purpose",
    "i want to die my hair red but honestly i want to die",
    "dying to see you tbh but i want to kill myself",
    "I cut myself shaving on purpose",  # an override beats the exclusion in its own clause
])
def test_no_exclusion_hides_self_harm_in_the_same_message(text: str) -> None:
    assert crisis.tier(text) == "clear"


def test_negation_lowers_a_tier_instead_of_silencing() -> None:
    assert crisis.tier("i would never kill myself") == "possible"
    assert crisis.tier("i'm not going to kill myself") == "possible"
    assert crisis.tier("no i took all my pills") == "clear"


@pytest.mark.parametrize(("text", "lang"), [
    ("me quiero matar", "es"), ("quiero morirme", "es"), ("ya no quiero vivir", "es"),
    ("quero morrer", "pt"), ("vou me matar", "pt"), ("ich will nicht mehr leben", "de"),
    ("ich bring mich um", "de"), ("je veux mourir", "fr"), ("je vais me suicider", "fr"),
    ("voglio morire", "it"), ("mi voglio ammazzare", "it"), ("ik wil dood", "nl"),
    ("ik wil er een eind aan maken", "nl"),
])
def test_languages(text: str, lang: str) -> None:
    result = crisis.detect(text)
    assert result is not None and result.tier == "clear" and result.lang == lang


def test_possible_tier_in_other_languages() -> None:
    for text, lang in [("ya no puedo más", "es"), ("não aguento mais", "pt"),
                       ("ich kann nicht mehr", "de"), ("je n'en peux plus", "fr"),
                       ("non ce la faccio più", "it"), ("ik zie het niet meer zitten", "nl")]:
        result = crisis.detect(text)
        assert result is not None and (result.tier, result.lang) == ("possible", lang), text


def test_empty() -> None:
    assert crisis.detect("") is None and crisis.detect("🙂") is None


@pytest.mark.parametrize("text", [
    "i'm so tempted to end my life", "honestly i'm ready to die", "im planning to overdose this weekend",
    "i keep thinking about killing myself", "i have my mom's sleeping pills in front of me",
    "ive been collecting my moms sleeping pills for a month", "i wnat to die",
    "i'm going to step in front of the next one", "been having sui thoughts again",
])
def test_new_wordings_of_one_thought_are_clear(text: str) -> None:
    assert crisis.tier(text) == "clear"


def test_two_different_warning_hints_are_clear_one_alone_is_nothing() -> None:
    assert crisis.tier("i have a razor and i'm not scared anymore") == "clear"
    assert crisis.tier("tonight im finally going to do it. ive got everything i need") == "clear"
    assert crisis.detect("ive got everything i need for the trip") is None
    assert crisis.detect("i'm not scared anymore") is None


def test_a_possible_finding_with_a_hint_elsewhere_is_clear() -> None:
    assert crisis.tier("i keep staring at the pills. i'm going to do it") == "clear"
    assert crisis.tier("i can't do this anymore. thank you for everything") == "clear"


def test_a_thought_broken_by_a_full_stop_is_read_whole() -> None:
    assert crisis.tier("i'm done. with everything.") == "possible"
    assert crisis.tier("i want out. of all of it") == "possible"


def test_someone_else_as_the_subject_lowers_but_never_silences() -> None:
    assert crisis.tier("my sister wants to die") == "possible"
    assert crisis.tier("i want to die") == "clear"


def test_accidents_on_an_object_are_quiet_but_not_on_a_body_part() -> None:
    assert crisis.detect("i burned myself on the curling iron") is None
    assert crisis.detect("cut myself on a tin can opening soup") is None
    assert crisis.tier("i burned myself on the arm") == "clear"


def test_the_score_backstop_only_ever_asks() -> None:
    result = crisis.detect("i feel so empty and numb, tired and hopeless and so heavy")
    assert result is not None and result.tier == "possible" and result.words == "(score)"
    assert crisis.detect("i hate my life right now lol") is None
    assert crisis.detect("there's no point texting him, he won't answer anyway") is None


@pytest.mark.parametrize(("text", "tier", "lang"), [
    ("ich habe mir die arme aufgeschnitten", "clear", "de"),
    ("ich werde vom dach springen", "clear", "de"),
    ("ich bin allen nur im weg", "possible", "de"),
    ("no sirvo para nada, sin mí estarían mejor", "possible", "es"),
    ("cansei de viver", "possible", "pt"),
    ("à quoi bon continuer", "possible", "fr"),
    ("non ho più voglia di vivere", "possible", "it"),
    ("ik heb een hele strip pillen geslikt", "clear", "nl"),
])
def test_more_languages(text: str, tier: str, lang: str) -> None:
    result = crisis.detect(text)
    assert result is not None and (result.tier, result.lang) == (tier, lang)


def test_a_threat_to_kill_me_is_not_my_crisis() -> None:
    result = crisis.detect("il menaçait de me tuer")
    assert result is None or result.tier == "possible"


@pytest.mark.parametrize(("text", "tier"), [
    ("i'd rather die than live without him", "clear"),
    ("i carved his name into my arm", "clear"),
    ("i've got a bottle of vodka and my antidepressants and i'm done", "clear"),
    ("niemand braucht mich", "possible"),
    ("ihr wärt ohne mich besser dran", "possible"),
    ("nessuno ha bisogno di me", "possible"),
    ("ich bringe mich heute um", "clear"),
])
def test_the_concept_layer_hears_words_in_any_order(text: str, tier: str) -> None:
    assert crisis.tier(text) == tier


@pytest.mark.parametrize("text", [
    "he texted me out of nowhere last night",  # English 'last' is Dutch for 'burden'
    "i want to watch the movie where she dies", "i need to take my pills tonight",
    "he strangled me and i thought i was going to die",
])
def test_the_concept_layer_keeps_languages_and_people_apart(text: str) -> None:
    assert crisis.tier(text) != "clear" and (crisis.detect(text) is None or "strangled" in text)


def test_the_concept_layer_lowers_for_negation_and_someone_else() -> None:
    assert crisis.tier("i would never want to die") == "possible"
    assert crisis.tier("my brother wants to kill himself") is None


@pytest.mark.parametrize("text", [
    "i don't really see the point in carrying on", "soon i won't be anybody's problem",
    "finished the letters to my kids", "i already wrote my notes", "i bought a rope and it's for me",
    "i've got the noose, it's ready", "ya escribí las cartas para mis hijos", "vou me matar hoje",
    "me soquei até sangrar",
])
def test_warning_sign_families_read_in_other_words(text: str) -> None:
    assert crisis.detect(text) is not None


@pytest.mark.parametrize("text", [
    "i don't really see the point in going to the gym", "i already wrote the letters for the wedding",
    "i wrote a note for my mum to buy milk", "i have the rope for the tent in my car",
    "escribí una carta a mis abuelos por navidad", "vou me matar de rir", "i bought a gun for hunting",
])
def test_the_same_words_about_ordinary_things_are_not_crisis(text: str) -> None:
    assert crisis.detect(text) is None


@pytest.mark.parametrize("text", [
    "i have been researching ways to die for like a week now", "i want to die for real",
    "i wanna die for real for real", "if i didn't wake up tomorrow that would be a relief",
])
def test_to_die_for_and_passive_wishes(text: str) -> None:
    assert crisis.detect(text) is not None


@pytest.mark.parametrize("text", ["a dress to die for", "this cake is to die for",
                                  "i would die for my kids"])
def test_to_die_for_is_still_a_figure_of_speech(text: str) -> None:
    assert crisis.detect(text) is None


def test_spanish_el_the_article_is_not_el_the_pronoun() -> None:
    """'el' typed without its accent is 'él' (he) only before a verb, a clitic or a negation, or
    at the end; 'el coche', 'el médico' are the article and do not make the user someone else."""
    for text in ("en el coche pense en tirarme del puente",
                 "con el frasco entero me quiero envenenar",
                 "el medico sabe que quiero morirme"):
        heard = crisis.detect(text)
        assert heard is not None and heard.tier == "clear", (text, heard)
    for text in ("el se quiere matar", "el dice q se va a matar", "el no quiere vivir"):
        heard = crisis.detect(text)
        assert heard is None or heard.tier == "possible", (text, heard)
