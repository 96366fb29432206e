"""Round 10, helper c10 (tests/data/listening_round10_c10.jsonl, branch c10): direct statements
of suicidal intent, plans and self-harm in en/es/pt/de/fr/it/nl as people type them (slang,
leetspeak, txt-speak, pro-drop, clitics, verb-second order, a fresh act in the past tense, a
plan with a time, a statement after 'since he left' whose subject is still the user), the
possible tier's warning signs, and figures of speech and ordinary breakup talk beside them
(an exam that 'was suicide', 'rather die than text him', a paper cut, 'took a bunch of
selfies'). Sets a and b were run once before any change, set c after their fixes (first runs
in the file's header)."""

from bot.listening.detectors import crisis
from tests.listening import listening_eval as ev
from tests.listening.test_round4_crisis import assert_figures, assert_quiet

FILE = "listening_round10_c10.jsonl"
LANGS = ("en", "es", "pt", "de", "fr", "it", "nl")


def test_round10_c10_figures() -> None:
    report = assert_figures(FILE, "round 10 c10", heard=1.0, clear=0.99, possible=1.0,
                            langs=dict.fromkeys(LANGS, 1.0))
    direct = report.groups["crisis: direct statements"]
    assert direct.total >= 300 and direct.rate == 1.0, direct.misses
    rows = ev.load(FILE)
    for name in ("a", "b", "c"):
        part = ev.evaluate([row for row in rows if row.get("set") == name])
        assert part.groups["crisis: direct statements"].rate == 1.0, (name, part.groups["crisis: direct statements"].misses)


def test_round10_c10_look_alikes() -> None:
    """No figure of speech or neutral row sets off the crisis detector at all."""
    assert_quiet(FILE, figures=0, neutral=0)


def test_round10_c10_the_speaker_after_someone_else() -> None:
    """A verb form only 'I' uses, or 'ich'/'ik'/'je' inside the match, keeps a statement the
    user's after a clause about the ex; the same words with the ex as subject stay lowered."""
    mine = ["desde que ele foi embora quero morrer", "desde que ele foi embora to querendo morrer",
            "depuis qu'il est parti j'ai envie de mourir", "desde que el se fue quiero morirme",
            "da quando lui se n'è andato voglio morire", "seit er weg ist will ich sterben",
            "sinds hij weg is vanavond maak ik er een einde aan",
            "als ze niet terugkomt maak ik er een einde aan"]
    theirs = ["desde que ela foi embora ele quer morrer", "seit sie weg ist will er sterben",
              "sinds zij weg is wil hij dood", "my brother said he wants to die"]
    assert [text for text in mine if crisis.tier(text) != "clear"] == []
    assert [text for text in theirs if crisis.tier(text) == "clear"] == []
