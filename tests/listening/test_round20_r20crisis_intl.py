"""Round 20, crisis in es/pt/de/fr/it/nl (listening_round20_r20crisis_intl.jsonl): probe rows
written before the fixes (probe1) and after them in new words (probe2), each at the tier the bot
gives it, and look-alikes that stay quiet. One test per language loops over its rows and reports
every miss at once. Fixed as families in data/crisis/concepts.json and <lang>.json: French
elisions typed without the apostrophe ("envie den finir", "lettre dadieu", "dites a ma mere que
je laime"); European Portuguese enclitic self-harm ("corto-me nos pulsos", "queimo-me com
cigarros", "bato-me quando fico ansiosa", "cortei-me outra vez", "quero magoar-me") with the
cooking and shaving look-alikes in the same word order ("cortei-me a descascar batatas"), "gostava
de morrer/desaparecer", and Portugal's common words as markers of the language; Brazilian chat
dropping the infinitive's r ("vontade de me mata"); wanting or thinking of a jump with the high
place said anywhere in the clause ("fiquei olhando pro viaduto pensando em pular", "je suis alle
sur le pont et jai pense a sauter", "ich stehe auf der bruecke und ueberlege zu springen"), with
bungee, parachute and trampoline jumps quiet; thinking of swallowing them all ("pensando em tomar
tudo", "ueberleg sie alle zu nehmen"); German self-harm with the participle last ("hab mir
absichtlich mit der zigarette den arm verbrannt") and a rope already hanging ("der strick haengt
schon"); "can't wait to die" ("non vedo l'ora di morire", its negation not one); a rope bought
said by a woman ("mi sono comprata una corda"); "nobody would notice I'm gone" (pt "dar pela
minha falta", fr "remarquerait mon absence"); German "sag meiner mutter, dass ich sie liebe";
a plan with a relative's pills (es, pt); Roman "me vojo ammazza'"; es self-hitting with a longer
clause before "hasta que me sangra". Quiet: a finger cut or a burn at the oven while cooking (nl),
"morrer de tanto comer", jumps for fun."""

from __future__ import annotations

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round20_r20crisis_intl.jsonl")
LANGS = ("es", "pt", "de", "fr", "it", "nl")


def test_the_rows_are_there() -> None:
    crisis = [row for row in ROWS if row["label"].startswith("crisis_")]
    assert len(crisis) >= 240 and len(ROWS) - len(crisis) >= 55
    assert {row["lang"] for row in ROWS} == set(LANGS)


def _misses(lang: str) -> list[str]:
    rows = [row for row in ROWS if row["lang"] == lang]
    missed = [f"{row['text']} -> {ev.crisis_tier(row['text'])} (want {row['tier']})"
              for row in rows if row["label"].startswith("crisis_")
              and ev.crisis_tier(row["text"]) != row["tier"]]
    quiet = [row["text"] for row in rows if not row["label"].startswith("crisis_")]
    return missed + [f"{text} -> set off" for text in ev.set_off(quiet)]


def test_spanish() -> None:
    assert not _misses("es"), _misses("es")


def test_portuguese() -> None:
    assert not _misses("pt"), _misses("pt")


def test_german() -> None:
    assert not _misses("de"), _misses("de")


def test_french() -> None:
    assert not _misses("fr"), _misses("fr")


def test_italian() -> None:
    assert not _misses("it"), _misses("it")


def test_dutch() -> None:
    assert not _misses("nl"), _misses("nl")
