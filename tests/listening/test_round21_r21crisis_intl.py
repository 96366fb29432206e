"""Round 21, the user's own crisis in Spanish, Portuguese (Brazil and Portugal), German, French,
Italian and Dutch (listening_round21_r21crisis_intl.jsonl): three probes written the way people text
at night (no accents or apostrophes, slang, pt-PT enclitics, verb-final clauses, the future and the
conditional, the signal inside a long message about the breakup), each crisis row at the tier the
bot gives it, look-alikes quiet, and someone else's crisis never given the crisis reply.

Fixed as families in data/crisis/<lang>.json: goodbyes said to everyone with "already/just"
inside ("ja me despedi de toda a gente", "despedi-me", "ho gia salutato tutti", "iedereen al
gedag gezegd", "jai deja dit au revoir a tout le monde"); weighing how to do it and a method, over
a comma ("no se como hacerlo, con la soga o...", "je sais pas comment le faire, les cachets ou
sauter", "ich weiss nicht wie ich es mache, tabletten oder springen"); taking them all at once as
an intent sign beside pills set aside, and all the pills in the conditional ("tomaria todos os
comprimidos", "me las tomaria todas", "prenderei tutti i sonniferi"); Italian plural articles
where a gap cannot take "i" ("sto mettendo da parte i sonniferi"); pt-PT progressive self-harm
("tenho andado a cortar-me", "magoo-me de proposito"); killing oneself in the future and the
conditional ("mi ucciderei", "mi butterei sotto un treno", "je me tuerai si", "je me jetterais sous
un train"); taking up cutting again ("je me suis remise a me couper"), Italian diminutive cuts
("tagliuzzata"), German separable "schneid mir die arme auf" and verb-final "weil ich nicht mehr
leben will", "von der autobahnbrucke springen"; "if I don't answer, it's because I killed myself";
decided how/where to kill oneself; a note or letter left for one's people (possible alone, as the
intl tables stand); French elisions typed without apostrophe ("jaimerais que tout sarrete",
"mendormir pour toujours"); Dutch verb-final "dat ik er een eind aan maak", "ik zie het nut er
niet meer van in", "ik hoef niet meer", "ik hoop dat ik doodga"; Italian "non vedo via duscita";
German "was hat das alles noch fur einen sinn"; probe 3: "abrirme las venas", "a proposito a ver si
me moria", scratching till it bleeds, stopping eating until one dies (all six), "this time I won't
fail" (all six), "plane ich wie ich es beende", "angefangen mich wieder zu verletzen", blades and
"j'y pense tout le temps", "j'ai tout ce qu'il faut", "si je mourais demain ca changerait rien",
"non ne posso piu", Dutch "hoe ik er een eind aan maak", "polsen opengesneden", "pillen
gehamsterd", "het liefst dood", "weer begonnen met snijden", pills tonight as a method sign, a belt
with "no se si lo voy a hacer". Quiet: "me quiero matar de la risa", "mi sono
bruciata col ferro da stiro", "esse professor quer me matar com tanta prova", and the stress rows:
"this time I won't fail" is only an intent sign beside a crisis finding (exams, driving tests),
scratches need no cat, a French train-or-car choice is no method. Third person
(data/crisis/common.json): Dutch "ze", siblings and friends ("mijn zus", "minha irma", "ma pote",
"quil") name someone else. Code (detectors/crisis.py):
a warning sign beside any possible finding, or beside a possible combination of the concept layer,
makes it clear, not only beside the first possible finding ("een brief voor mijn moeder ... voor
als ik er niet meer ben")."""

from __future__ import annotations

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round21_r21crisis_intl.jsonl")
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]
THIRD = [row["text"] for row in ROWS if "third person" in row["source"]]
QUIET = [row["text"] for row in ROWS if row["label"] == "figure_of_speech"]
LANGS = {"es", "pt", "de", "fr", "it", "nl"}


def test_the_rows_are_there() -> None:
    assert {row["lang"] for row in ROWS} == LANGS
    for lang in LANGS:
        assert sum(row["lang"] == lang for row in CRISIS) >= 30, lang
        assert sum(row["lang"] == lang and row["label"] == "figure_of_speech" for row in ROWS) >= 10
    assert len(THIRD) >= 12
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2", "probe3", "stress"}


def test_crisis_is_heard_at_its_tier() -> None:
    wrong = [(row["text"], ev.crisis_tier(row["text"])) for row in CRISIS
             if ev.crisis_tier(row["text"]) != row["tier"]]
    assert not wrong, wrong


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired


def test_someone_elses_crisis_is_never_the_users() -> None:
    clear = [text for text in THIRD if ev.crisis_tier(text) == "clear"]
    assert not clear, clear
