"""One call that runs every detector over one normalised message and returns every finding.

The pipeline (one module in the bot) decides by order: crisis -> abuse -> someone_else (crisis,
self-harm or abuse told about another person) -> contact_out -> contact_in -> urge -> control ->
meta (a question about the bot) -> the open question's parser -> the companion fallback. Returning
all findings, not just the first, lets it also say "and thank you for telling me about him" after
a crisis reply, and lets tests see what each detector heard.

The learned backstop (backstop.py) is added by OR: for a family the phrase tables missed, it may
add a finding above its threshold; it never removes or lowers one. `learned` names the families
it added, so replies and tests can tell.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.listening import backstop, exnames
from bot.listening.detectors import abuse, contact, control, crisis, meta, others, urge
from bot.listening.detectors.abuse import AbuseResult, Kind
from bot.listening.detectors.control import Control
from bot.listening.detectors.crisis import CrisisResult
from bot.listening.detectors.meta import MetaKind
from bot.listening.detectors.others import OthersResult
from bot.listening.features import classes_of
from bot.listening.normalise import Normalised, normalise, squeeze

ORDER = ("crisis", "abuse", "someone_else", "contact_out", "contact_in", "urge", "control", "meta")


@dataclass(frozen=True, slots=True)
class Heard:
    """Everything the detectors heard in one message, and the shared normalised text."""

    norm: Normalised
    crisis: CrisisResult | None
    abuse: AbuseResult | None
    contact_out: bool
    contact_in: bool
    urge: str | None
    control: Control | None
    meta: MetaKind | None
    learned: frozenset[str] = frozenset()
    # A first name that would make this a contact event if it were the ex ("i texted jake"):
    # (direction "out" or "in", the name as written, capitalised); the bot asks who it is.
    maybe_ex: tuple[exnames.Direction, str] | None = None
    # Crisis, self-harm or abuse told about another person ("my friend took a bunch of pills",
    # "my sister's husband hits her"): the bot answers the user's worry for them.
    someone_else: OthersResult | None = None

    @property
    def first(self) -> str | None:
        """The finding the pipeline acts on first, by ORDER, or None when nothing was heard."""
        for name in ORDER:
            if getattr(self, name):
                return name
        return None

    @property
    def anything(self) -> bool:
        return self.first is not None


def listen(text: str, *, nickname: str | None = None) -> Heard:
    """Normalises `text` once (the ex's `nickname` read as a target) and runs every detector,
    then the learned backstop for the families they missed."""
    norm = normalise(text, nickname=nickname)
    named = exnames.apposition(norm)  # "jake (my ex) texted me": jake is the ex here
    if named is not None:
        norm = exnames.as_ex(norm, named)
    heard = Heard(
        norm=norm,
        crisis=crisis.detect(norm),
        abuse=abuse.detect(norm),
        contact_out=contact.outgoing(norm),
        contact_in=contact.incoming(norm),
        urge=urge.detect(norm),
        control=control.detect(norm),
        meta=meta.detect(norm),
    )
    if not norm.clauses or heard.control is not None:
        return _harm_by_the_ex(heard)
    return _with_maybe_ex(_someone_elses(
        _with_backstop(_relapse_was_the_slip(_harm_by_the_ex(heard)))))


def _someone_elses(heard: Heard) -> Heard:
    """Adds `someone_else` when the message tells of another person's crisis, self-harm or
    abuse (detectors/others.py), and drops the crisis or abuse the other detectors heard in
    those same words ("my friend took a bunch of pills" is no crisis of the user's, "my friend
    is being hit by her boyfriend" no abuse of theirs).

    The user's own always wins: a crisis or an abuse the tables still hear with those words
    taken out stays ("my sister tried to kill herself and now i want to kill myself too"), and
    so do crisis words that reach beyond them to the user ("my mom overdosed last month and now
    i have her pills and i keep thinking about taking them") and a crisis the backstop heard in
    another clause. "... and honestly so do i", "me too" make someone else's crisis the user's
    own too (the kind question at least), and so does wanting to join someone who died by
    suicide ("my brother killed himself and i want to join him"). A threat to harm oneself that
    the abuse tables heard in the same words ("he said he'd kill himself if i left", "kieran
    said he'd drown himself and leave a note saying it was my fault") stays the abuse it is,
    unless a relation word says whose it is ("my mom is threatening to kill herself again")."""
    found = others.detect(heard.norm)
    if found is None:
        if heard.crisis is None and others.echoed_loss(heard.norm):
            return replace(heard, crisis=CrisisResult("possible", "en", "(someone's loss, echoed)"))
        return heard
    if others.echoed(heard.norm):
        if heard.crisis is None and found.kind == "crisis":
            return replace(heard, crisis=CrisisResult("possible", found.lang, found.words))
        return heard
    abused = heard.abuse
    if (found.kind == "crisis" and abused is not None and not found.named
            and set(found.words.split()) & set(abused.words.split()) - _SMALL):
        return heard
    rest = others.blanked(heard.norm)
    crisis_found = heard.crisis
    if crisis_found is not None and crisis.detect(rest) is None and _covered(
            heard.norm, crisis_found.words, whole="crisis" in heard.learned):
        crisis_found = None
    if abused is not None and abuse.detect(rest) is None and _covered(
            heard.norm, abused.words, whole="abuse" in heard.learned):
        abused = None
    return replace(heard, crisis=crisis_found, abuse=abused, someone_else=found)


_SMALL = frozenset({"he", "she", "they", "to", "if", "i", "me", "my", "her", "his", "him", "a", "the",
                    "and", "said", "would", "wil", "d", "se", "sich", "il", "ze", "er", "sie"})
_ASKING = frozenset({"do", "should", "can", "could", "shal", "wil", "would", "where", "how"})


def _covered(norm: Normalised, words: str, *, whole: bool) -> bool:
    """Whether the words another detector heard are the words told of someone else's danger:
    they share words with them, and what they hold beyond them says nothing of the user ("i",
    "ich"...). `whole`: the words are a clause the backstop heard, covered when it holds such
    words."""
    said = words.split()
    for _, _, match in others.matches(norm):
        told = match[0].split()
        if whole:
            if match[0] in words:
                return True
            continue
        if not set(said) & set(told):
            continue
        beyond = [word for at, word in enumerate(said) if word not in told
                  and not (at and said[at - 1] in _ASKING)]  # "what do i do", "should i"
        if others.USER.isdisjoint(beyond):
            return True
    return False


# "Relapsed" is self-harm's word and no contact's word too: "i relapsed last night, messaged
# him on snap" tells of the slip. Crisis words that are only the relapse (the user, the word, a
# when) give way to the contact told in the same message, unless the rest of it holds a crisis
# of its own ("i relapsed and texted him, then cut again" keeps it).
_RELAPSE = frozenset({"relapse", "relapsed", "relapsing", "relapses"})
_RELAPSE_ONLY = _RELAPSE | frozenset({
    "i", "im", "am", "have", "had", "was", "been", "just", "literally", "actually", "again",
    "last", "night", "tonight", "today", "yesterday", "this", "morning", "earlier", "kept", "keep",
    "started", "went", "back", "to", "a", "so", "and"})


def _no_crisis_without(heard: Heard, words: str) -> bool:
    """Whether the message, with `words` taken out, holds no crisis of its own."""
    return crisis.detect(heard.norm.squeezed.replace(words, " , ")) is None


def _relapse_was_the_slip(heard: Heard) -> Heard:
    found = heard.crisis
    if found is None or not heard.contact_out:
        return heard
    said = found.words.split()
    if _RELAPSE.isdisjoint(said) or not _RELAPSE_ONLY.issuperset(said):
        return heard
    return replace(heard, crisis=None) if _no_crisis_without(heard, found.words) else heard


def _with_maybe_ex(heard: Heard) -> Heard:
    """Adds `maybe_ex` when a first name, read as the ex, makes a contact event the tables
    otherwise miss ("i texted jake"), or one they heard only through that name's slot ("i slept
    with sam again", "maria called me out of nowhere"). Never beside a crisis or an abuse
    disclosure (those come first), nor when the event is told of the ex by other words."""
    if heard.crisis is not None or heard.abuse is not None:
        return heard
    norm = heard.norm
    for word in exnames.candidates(norm):
        read = exnames.as_ex(norm, word)
        direction: exnames.Direction
        if contact.outgoing(read):
            direction = "out"
        elif contact.incoming(read):
            direction = "in"
        else:
            continue
        if heard.contact_out or heard.contact_in:
            if not getattr(heard, f"contact_{direction}"):
                return heard  # the ex, by other words, is what the message is about
            # without the name (nor a "we" that likely holds that person: "ran into lucas and
            # we ended up making out"), is the event still told of the ex?
            without = exnames.as_ex(exnames.as_ex(norm, word, "someone"), "we", "someone")
            if (contact.outgoing if direction == "out" else contact.incoming)(without):
                return heard  # heard without the name too: "he called and i told jake"
        return replace(heard, maybe_ex=(direction, exnames.display(norm.raw, word)))
    return heard


# Words about the user themself, in the seven languages: a clause holding any of them may speak
# of the user's own harm. And words of wanting, dying or ending: crisis words holding any of them
# are never taken for an account of an injury ("he beat me and want to die" has no "i").
_FIRST_PERSON = frozenset({
    "i", "me", "myself", "we", "us", "ourselves", "eu", "mim", "comigo", "yo", "mi", "conmigo",
    "io", "ich", "mich", "mir", "wir", "uns", "je", "j", "moi", "nous", "ik", "mij", "wij", "ons",
    "nos", "noi", "ci"})
_NOT_AN_INJURY = frozenset({
    "want", "wanna", "wish", "die", "dying", "dead", "death", "kil", "kiling", "suicide", "suicidal",
    "end", "ending", "overdose", "live", "living", "alive", "gone", "anymore", "point", "hang",
    "jump", "cut", "cuting", "pils", "myself", "me", "i", "se", "sich", "zelf", "zichzelf"})


# A threat the ex made, in words that say who threatened ("er hat mir gedroht", "ele ameacou",
# "el me amenazo"): what follows it is the threat ("mich umzubringen", "me matar", "matarme").
_THREATENED = ("threatened", "threatens", "hat mir gedroht", "hat gedroht", "hatte mir gedroht",
               "droht mir", "drohte mir", "ameacou", "ameacava", "me amenazo", "me amenazaba",
               "m a menace", "m a menacee", "mi ha minaciato", "mi ha minaciata", "mi aveva minaciato",
               "mi aveva minaciata", "dreigde", "heeft gedreigd")
# The user as the subject of a clause, in the seven languages.
_I = frozenset({"i", "ich", "je", "j", "yo", "eu", "io", "ik"})


def _threat_to_kill_the_user(clause: str, threat: str, crisis_words: str) -> bool:
    """True when the crisis words are the object of a threat the ex made, in a clause where the
    user is not a subject: they sit inside the threat's words or at most three words after them
    ("er hat mir gedroht mich umzubringen", "ele ameacou me matar")."""
    if not _I.isdisjoint(clause.split()) or not any(w in f" {threat} " for w in
                                                    (f" {m} " for m in _THREATENED)):
        return False
    start, at = clause.find(threat), clause.find(crisis_words)
    if start < 0 or at < start:
        return False
    between = clause[start + len(threat):at].split()
    return at + len(crisis_words) <= start + len(threat) or len(between) <= 3


# Crisis words that, inside what the ex said, are the ex's insult or threat and not the user's
# wish: none of wanting, dying, ending or the user's own self ("he said i'd be better off dead"
# keeps its crisis).
_NOT_REPORTED = frozenset({
    "want", "wanna", "wish", "die", "dying", "dead", "death", "suicide", "suicidal", "overdose",
    "myself", "yourself", "urself", "se", "sich", "zelf", "zichzelf", "mezelf", "alive", "live",
    "living", "end", "ending", "anymore", "point", "hang", "jump", "cut", "cuting", "pils",
    "gone", "morir", "morrer", "mourir", "morire", "sterben", "dood", "doodgaan"})


# The ex as the subject of a clause, in the seven languages (the nickname reads as "exname").
_THE_EX = frozenset({"he", "she", "they", "exname", "hed", "shed", "er", "sie", "ele", "ela", "el",
                     "ella", "il", "elle", "lui", "lei", "hij", "zij", "ze"})


def _the_exs_own_words(heard: Heard, abused: AbuseResult, found: CrisisResult) -> bool:
    """True when the crisis words sit inside the words of an abuse disclosure that reports what
    the ex said ("he told me i was worthless", "er sagte mir immer ich sei wertlos"; a possible
    crisis) or threatened ("er sagte er bringt mich um wenn ich mit einem anderen zusammen bin"),
    say nothing of wanting, dying or the user's own self, the first subject before them in their
    clause is the ex, not the user, and the rest of the message holds no crisis of its own ("he
    told me i was worthless and i want to die" keeps it)."""
    if found.tier != "possible" and abused.kind != "threat":
        return False
    words = abused.words
    if found.words not in words or words == found.words:
        return False
    if not _NOT_REPORTED.isdisjoint(found.words.split()):
        return False
    clause = next((c for c in heard.norm.clauses if words in c), "")
    before = clause[:clause.find(found.words)].split() if found.words in clause else []
    speaker = next((w for w in before if w in _I or w in _THE_EX), None)
    if speaker not in _THE_EX:  # "ich hab ihm gedroht mich umzubringen": the user's own
        return False
    return _no_crisis_without(heard, words)


# "he hit me until i bled", "ele me segurava pelo braco ate ficar roxo": crisis words that are
# only how far the ex's violence went, said right after it ("until", "till", "ate", "hasta",
# "bis", "jusqu'a", "fino a", "tot"), are the injury, not the user's own harm; words of wanting,
# dying or ending keep them a crisis ("he hit me till i wanted to die").
_UNTIL = frozenset({"until", "untill", "til", "till", "ate", "hasta", "bis", "jusqu", "jusqua",
                    "fino", "finche", "tot", "totdat"})
_WISH_OR_DEATH = _NOT_REPORTED | frozenset({
    "kil", "kiled", "morir", "muerte", "muerta", "muerto", "morrer", "morte", "morta", "morto",
    "mourir", "mort", "morire", "tod", "tot", "todt", "sterben", "dood", "matar",
    "matarme", "suicidar", "suicidarme", "wanted", "wished", "queria", "quise", "quis",
    "wolte", "voulais", "volevo", "wilde"}) - {"hang", "jump", "cut", "cuting", "pils"}


def _injury_told(heard: Heard, abused: AbuseResult, found: CrisisResult) -> bool:
    """True when the crisis words only say how far the ex's violence went: they follow the
    abuse words and begin with one of _UNTIL, or they begin inside them ("er hat mich
    geschlagen bis ich blutete", where a rule for hitting oneself read "mich geschlagen bis")
    and go on only with such words; with no word of wanting, dying or ending, and no crisis in
    the rest of the message."""
    said = found.words.split()
    if abused.kind != "violence" or not said or not _WISH_OR_DEATH.isdisjoint(said):
        return False
    for clause in heard.norm.clauses:
        at, harm = clause.find(found.words), clause.find(abused.words)
        if at < 0 or harm < 0:
            continue
        if harm >= at:
            return False
        # the crisis words past the end of the abuse words (all of them when they follow it)
        beyond = clause[max(harm + len(abused.words), at):at + len(found.words)].split()
        return (not beyond or beyond[0] in _UNTIL) and _no_crisis_without(heard, found.words)
    return False


def _reported_in_a_later_reading(heard: Heard, abused: AbuseResult, found: CrisisResult) -> bool:
    """True when the abuse first heard is another part of the story ("er hat mich ständig
    beleidigt", "sie droht") and a later reading of the tables holds the crisis words as the ex's
    words ("und gesagt ich bin nichts wert", "von der Brücke zu springen, wenn ich nicht
    zurückkomme"): `_the_exs_own_words` of that reading. Only tried when a crisis and an abuse
    are both heard, the first abuse words do not hold the crisis words, and the crisis is
    possible or the first reading a threat (as `_the_exs_own_words` asks)."""
    if found.words in abused.words or (found.tier != "possible" and abused.kind != "threat"):
        return False
    for other in abuse.readings(heard.norm):
        if found.words not in other.words:
            continue
        # told from the first reading on when it comes before in the same clause ("sie droht" +
        # "von der brucke zu springen wen ich", a reading that alone is the crisis words)
        told = next((clause[start:clause.find(other.words) + len(other.words)]
                     for clause in heard.norm.clauses
                     if 0 <= (start := clause.find(abused.words)) < clause.find(other.words)),
                    other.words)
        if _the_exs_own_words(heard, replace(other, words=told), found):
            return True
    return False


def _harm_by_the_ex(heard: Heard) -> Heard:
    """Drops a crisis that is only the abuse told ("he broke my nose", "she scratched my face
    til it bled"): the crisis words sit in the clause the abuse was heard in, and that clause
    says nothing of the user ("i", "me", "myself", "we", in seven languages), and the crisis words
    say nothing of wanting, dying or ending. A clause with any of them ("he hit me so hard i wanted
    to die", "i wish he would kill me", "ele me bateu e vou me matar") keeps its crisis, and so
    does every other clause: the safety path for abuse has its own helpline."""
    found, abused = heard.crisis, heard.abuse
    if found is None or abused is None or abused.kind in ("unspecified", "fear"):
        return heard
    if _the_exs_own_words(heard, abused, found) or _injury_told(heard, abused, found):
        return replace(heard, crisis=None)
    if _reported_in_a_later_reading(heard, abused, found):
        return replace(heard, crisis=None)
    for clause in heard.norm.clauses:
        if abused.kind == "threat" and _threat_to_kill_the_user(clause, abused.words, found.words):
            return replace(heard, crisis=None)
        if abused.words in clause and found.words in clause:
            if (_FIRST_PERSON.isdisjoint(clause.split())
                    and _NOT_AN_INJURY.isdisjoint(found.words.split())):
                return replace(heard, crisis=None)
            return heard
    return heard


# The backstop knows that a message speaks of abuse, not which kind.
LEARNED_KIND: Kind = "unspecified"


# The backstop adds a family only when the clause it scored highest holds a word of that
# family's own concepts (crisis: or when the message speaks about oneself, below) (data/concepts.json): a model trained on a few thousand lines also
# scores shapes ("problem number 30", a sentence repeated eighty times), and a guess with none
# of the family's words in it is a guess about form, not meaning.
EVIDENCE = {
    "crisis": frozenset({"DIE", "KILL", "HARM", "METHOD", "END", "LIFE", "WAKE", "BURDEN",
                         "HOPELESS", "VANISH"}),
    "abuse": frozenset({"VIOLENCE", "CONTROL", "THREAT", "STALK", "FEAR", "SEX"}),
    "contact_out": frozenset({"CONTACT"}),
    "contact_in": frozenset({"CONTACT"}),
    "urge": frozenset({"CONTACT"}),
}


# Words whose classes say too little alone: "of" (squeezed "off"), "last" ("it won't last").
WEAK_EVIDENCE = frozenset({"of", "last"})


def _evidence(clause: str, family: str) -> bool:
    wanted = EVIDENCE[family]
    return any(wanted.intersection(classes_of(word)) for word in clause.split()
               if word not in WEAK_EVIDENCE)


# A wish to stop an everyday feeling is a question about coping, not about ending anything ("is
# there a way to stop feeling so jealous", "how can i stop being so clingy", "i just want the
# overthinking to stop"): when "stop" is the clause's only crisis word and the feeling it stops
# is one of these, the backstop's crisis guess is dropped (round 9: the model had learnt
# "jealous" beside crisis lines). A feeling with a crisis word of its own ("stop feeling so
# worthless", "stop feeling anything", "make it all stop") keeps the guess, and the tables hear
# those themselves.
EVERYDAY_FEELINGS = frozenset(squeeze(word) for word in (
    "jealous", "jealousy", "envious", "envy", "angry", "anger", "mad", "bitter", "bitterness",
    "insecure", "insecurity", "insecurities", "anxious", "anxiety", "nervous", "possessive",
    "clingy", "needy", "obsessed", "obsessive", "obsessing", "overthinking", "paranoid",
    "resentful", "resentment", "guilty", "embarrassed", "petty", "salty", "annoyed", "irritated",
    "stressed", "confused", "attached", "triggered", "sensitive", "emotional", "crying", "upset",
    "comparing", "checking", "stalking", "rage", "rejected", "awkward", "nostalgic"))
_STOP_WORDS = frozenset({"stop", "stops", "stoping"})
_BETWEEN = frozenset(squeeze(word) for word in (
    "feeling", "being", "getting", "the", "this", "my", "all", "so", "that", "such", "constant",
    "acting", "a", "as", "be", "feel"))


def _stops_a_feeling(clause: str) -> bool:
    """True when a clause's only crisis word is "stop" and it stops an everyday feeling, named
    right after it ("stop feeling so jealous") or right before it ("the jealousy to stop")."""
    words = clause.split()
    evidence = [at for at, word in enumerate(words) if word not in WEAK_EVIDENCE
                and EVIDENCE["crisis"].intersection(classes_of(word))]
    if not evidence or any(words[at] not in _STOP_WORDS for at in evidence):
        return False
    for at in evidence:
        after = next((word for word in words[at + 1:] if word not in _BETWEEN), "")
        before = words[at - 2] if at > 1 and words[at - 1] == "to" else ""
        if after not in EVERYDAY_FEELINGS and before not in EVERYDAY_FEELINGS:
            return False
    return True


SHORT_CLAUSE = 30  # words: a longer clause with no crisis word is a shape, not a statement


# The clause gate reads the whole message when it is short: the crisis word or the "i" may sit
# in the clause beside the best one ("j'ai fait des câlins à tout le monde | ils comprendront
# demain", "sono 4 giorni che non esco dal letto | non me ne frega niente di cosa mi succede"),
# and in Portuguese, Spanish and Italian the verb says who, so the best clause often has no
# self word at all. A new blind set (blind10, 2 Dec 2026) had 7 of the 50 crisis rows its tune
# half missed over the threshold and dropped only by this gate; reading the message heard 5
# more of its sealed half's 247 crisis rows (83.0 -> 85.4%), no figure of speech or neutral row
# of it, 6 more of the 13,293 older look-alikes in tests/data ("morgen ist es soweit, ich freu
# mich": the kind question, never the clear tier) and 34 more of the 2,498 new ones written to
# match round 14's indirect crisis lines (scored by the round-13 model). The form guesses the gate is for are long
# ("problem 7 so many words about it" eighty times).
SHORT_MESSAGE = 40  # words, the whole message


def _a_short_message_of_oneself(norm: Normalised) -> bool:
    """A message of at most SHORT_MESSAGE words with a crisis word or a self word in any
    clause. (Any message of up to 12 words, for the verb that says "i" by its ending, heard 1
    more crisis row of 247 and set off 11 more of 13,293 look-alikes: "è tutto pronto per
    stasera".)"""
    if len(norm.squeezed.split()) > SHORT_MESSAGE:
        return False
    return any(_evidence(clause, "crisis") or _about_oneself(clause) for clause in norm.clauses)


def _about_oneself(clause: str) -> bool:
    """A clause of a statement about oneself ("been putting cigs out on my leg"): a self word,
    and short enough to be a statement (a clause of 400 words repeating one phrase is not)."""
    words = clause.split()
    return len(words) <= SHORT_CLAUSE and not backstop.SELF_WORDS.isdisjoint(words)


# The user as the one something was done to, in the seven languages (squeezed).
_DONE_TO_ME = frozenset({"me", "my", "mine", "myself", "mim", "meu", "minha", "comigo", "mi", "mis",
                         "conmigo", "mich", "mir", "mein", "meine", "meinen", "moi", "mon", "ma",
                         "mes", "mio", "mia", "miei", "mie", "mij", "mijn", "mezelf", "us", "our"})


# The user in a clause, as the one reached or the one speaking, in the seven languages: the
# backstop's guess that the ex got in touch needs one ("he texted me", "i got a text from him"),
# or it is someone else they reached ("my ex messaged my cousin asking about a job").
_THE_USER = frozenset({"me", "i", "im", "us", "we", "myself", "mi", "mich", "mir", "moi", "m",
                       "mij", "ik", "je", "j", "yo", "eu", "io", "ich", "wij", "nous", "noi",
                       "nos", "ci", "ons", "uns", "mim", "comigo", "conmigo"})


_EX_SUBJECTS = ("my ex ", "the ex ", "he ", "she ", "they ", "exname ", "my ex s ")


def _the_ex_acts(clause: str) -> bool:
    """A clause whose subject is the ex and that holds no word for the user: what the ex does
    ("my ex is texting someone new"), never the user's urge."""
    return clause.startswith(_EX_SUBJECTS) and _THE_USER.isdisjoint(clause.split())


def _has_ex_word(words: list[str]) -> bool:
    """Whether any word is a word for the ex (he, her, my ex, the nickname...: concept EX)."""
    return any("EX" in classes_of(word) for word in words)


def _about_the_ex_briefly(clause: str) -> bool:
    """A clause short enough to be a statement that names the ex."""
    words = clause.split()
    return len(words) <= SHORT_CLAUSE and _has_ex_word(words)


def _names_the_ex(heard: Heard) -> bool:
    """Whether the message has a word for the ex (he, her, my ex, the nickname...; concept EX).
    The backstop's contact and urge guesses need one: "my friend called and we talked for
    hours" and "i want to reply to my mum" are about someone else (the tables decide those
    wordings themselves; this only keeps the model's guesses to the ex)."""
    return _has_ex_word(heard.norm.squeezed.split())


# Words after which a clause tells something else ("he never hit me but he'd punch walls"): the
# learned backstop's abuse guess is weighed on each part, as a negation or a look-alike in one
# part says nothing of the next.
_BUT = frozenset({"but", "pero", "mas", "mais", "aber", "sondern", "maar", "ma", "though", "tho"})


def _abuse_told(clause: str) -> bool:
    """Whether the backstop's abuse guess on a clause stands: the clause is not one of the abuse
    tables' look-alikes, is not denied ("er hat mich nie bedroht", "il me controlait pas") and is
    not someone else's partner's doing ("le copain de ma soeur la frappe"). A clause with a "but"
    is weighed part by part: a part that holds a word of abuse and is one of those is left out,
    and the rest scored again ("he never hit me but he'd punch walls and scream": the guess
    stands; "he never hit me but he ignored me": it does not)."""
    parts: list[str] = []
    part: list[str] = []
    for word in clause.split():
        if word in _BUT and part:
            parts.append(" ".join(part))
            part = []
        else:
            part.append(word)
    parts.append(" ".join(part))
    if len(parts) == 1:
        return _not_explained(clause)
    kept = [said for said in parts if not _evidence(said, "abuse") or _not_explained(said)]
    if len(kept) == len(parts):
        return _not_explained(clause)
    rest = " ".join(kept)
    return bool(rest) and backstop.hear(normalise(rest)).abuse


def _not_explained(said: str) -> bool:
    return (not abuse.figure_of_speech(said) and not abuse.denied(said)
            and not abuse.someone_elses(said))


def _with_backstop(heard: Heard) -> Heard:
    extra = backstop.hear(heard.norm)
    added: dict[str, object] = {}
    named: list[bool] = []

    def about_the_ex() -> bool:  # asked only when the model guessed contact or an urge
        if not named:
            named.append(_names_the_ex(heard))
        return named[0]

    def clause_for(family: str) -> str | None:
        clause = backstop.best_clause(extra.scores, family)
        return clause if _evidence(clause, family) else None

    # Crisis needs a word of its concepts OR a short clause about oneself (i, my, ich...): a
    # blind set of 1,255 new phrasings showed crisis guesses over the threshold that the concept
    # gate alone dropped ("been putting cigs out on my leg", "left the vet details for whoever
    # finds me", most of them in other languages), 6-8% of its crisis rows and no neutral row or
    # figure of speech. Without either, a guess is about form ("problem 7 so many words about
    # it" eighty times), not meaning.
    # A guess of possible risk does not talk over an abuse disclosure the tables heard (its
    # reply gives the lines and the no-reconnect track; "a card saying i'll always be watching").
    if (heard.crisis is None and extra.crisis is not None
            and not (extra.crisis == "possible" and heard.abuse is not None)
            and (said := backstop.best_clause(extra.scores, "crisis"))
            and (_evidence(said, "crisis") or _about_oneself(said)
                 or _a_short_message_of_oneself(heard.norm))
            and not crisis.figure_of_speech(said) and not _stops_a_feeling(said)
            and not crisis.explained(said, heard.norm)):
        added["crisis"] = CrisisResult(extra.crisis, extra.language, said)
    # Abuse: a word of its concepts, OR a short clause naming the ex ("he made me send a photo
    # of the receipt for every coffee"): a sealed outside set of 200 disclosures had 9 over the
    # threshold with an ex word and none of the concept words (coercion told as everyday
    # detail), and no neutral row over it either way.
    # And the clause must hold the ex or the user as the one it happened to ("me", "my", in
    # seven languages): "i'm a nurse and see a lot of domestic violence cases" speaks of abuse
    # as a subject, not as something done to the user. And never in a clause that holds one of
    # the abuse tables' look-alikes ("ele sempre me empurrou pra frente").
    if (heard.abuse is None and extra.abuse
            and (said := backstop.best_clause(extra.scores, "abuse"))
            and (_evidence(said, "abuse") or _about_the_ex_briefly(said))
            and (_has_ex_word(told := said.split()) or not _DONE_TO_ME.isdisjoint(told))
            and _abuse_told(said) and not abuse.a_relatives_strictness(heard.norm.squeezed, said)):
        added["abuse"] = AbuseResult(LEARNED_KIND, extra.language, said)
    # "i almost texted him but put my phone away", "i resisted texting her": a win, which the
    # model (scoring words, not their order) may take for the urge or the slip; checked only
    # when the model would add one of them
    def resisted() -> bool:
        return urge.overcome(heard.norm.squeezed)

    for name in ("contact_out", "contact_in"):
        if not getattr(heard, name) and getattr(extra, name) and about_the_ex():
            clause = clause_for(name)
            if clause is not None and contact.about_someone_else(clause):
                continue  # "my sister rang me from her work phone"
            if name == "contact_in" and contact.leaves_me_out(heard.norm.squeezed):
                continue  # "he texted everyone in the group chat except me"
            if name == "contact_in" and clause is not None and contact.name_calling(clause):
                continue  # "he called me a liar": a name, not a call
            if clause is not None and contact.long_ago(clause):
                continue  # "he called me 3 years ago on my birthday": the story, not news
            if name == "contact_in" and clause is not None and _THE_USER.isdisjoint(clause.split()):
                continue  # "my ex texted my sister happy birthday": not the user they reached
            # the tables heard the ex reach out: the model's slip guess is most often that same
            # event ("he called from a new number and i answered")
            if (clause is not None and not backstop.hypothetical(clause)
                    and not (name == "contact_out" and (heard.contact_in or resisted()))):
                added[name] = True
    if (heard.urge is None and extra.urge and about_the_ex() and (words := clause_for("urge"))
            and not contact.about_someone_else(words) and not _the_ex_acts(words)
            and not resisted()):
        added["urge"] = words
    if not added:
        return heard
    joined = replace(heard, **added, learned=frozenset(added))  # type: ignore[arg-type]
    if "crisis" in added and _harm_by_the_ex(joined).crisis is None:
        del added["crisis"]
        if not added:
            return heard
        joined = replace(heard, **added, learned=frozenset(added))  # type: ignore[arg-type]
    return joined
