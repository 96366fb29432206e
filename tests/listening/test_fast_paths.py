"""The listening pipeline's shortcuts (round 10, s10: per-message CPU) give the same answers as
the plain paths they skip: each check below runs both over the labelled texts and compares."""

from __future__ import annotations

import pytest

from bot.listening import backstop
from bot.listening.detectors import control, crisis, crisis_concepts, crisis_score
from bot.listening.normalise import normalise

from . import listening_eval as ev

SETS = ("listening_corpus.jsonl", "listening_holdout.jsonl", "listening_dev.jsonl")


def _norms(name: str) -> list:
    return [normalise(row["text"], nickname=ev.NICKNAME) for row in ev.load(name)]


@pytest.mark.parametrize("name", SETS)
def test_one_clause_scores_are_the_general_sums(name: str) -> None:
    """A one-clause message's whole and best logits, taken as that clause's, are bit for bit
    what the sums over every clause give."""
    use = backstop.model()
    checked = 0
    for norm in _norms(name):
        if len(norm.clauses) != 1:
            continue
        sums = backstop._clause_sums(norm, use, len(use.heads))
        columns = list(zip(*sums, strict=True))
        whole = tuple(b + sum(column) for b, column in zip(use.bias, columns, strict=True))
        best = tuple(max(w, b + max(column))
                     for w, b, column in zip(whole, use.bias, columns, strict=True))
        found = backstop.score(norm, use)
        assert [x.hex() for x in found.whole] == [x.hex() for x in whole], norm.raw
        assert [x.hex() for x in found.best] == [x.hex() for x in best], norm.raw
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("name", SETS)
def test_the_family_heads_alone_are_the_full_scores(name: str) -> None:
    """backstop.hear sums the family heads only (the language heads are scored when a finding
    asks for its language): bit for bit the full scores' first columns, the same clauses, and
    the same language."""
    use = backstop.model()
    width = len([head for head in use.heads if not head.startswith("lang_")])
    assert 0 < width < len(use.heads)
    for norm in _norms(name)[:600]:
        full, heard = backstop.score(norm, use), backstop.hear(norm, use)
        assert heard.scores.heads == use.heads[:width]
        assert [x.hex() for x in heard.scores.best] == [x.hex() for x in full.best[:width]]
        assert [x.hex() for x in heard.scores.whole] == [x.hex() for x in full.whole[:width]]
        assert [(c, [x.hex() for x in s]) for c, s in heard.scores.clauses] == [
            (c, [x.hex() for x in s[:width]]) for c, s in full.clauses], norm.raw
        assert heard.language == full.language(), norm.raw


@pytest.mark.parametrize("name", SETS)
def test_score_phrases_are_found_through_their_index(name: str) -> None:
    """The crisis score looks a message's phrases up by their longest word: the same phrases,
    in the same order, as checking every phrase of the table."""
    seen = 0
    for norm in _norms(name):
        for words in (norm.tokens, *(frozenset(clause.split()) for clause in norm.clauses)):
            every = [p for p in crisis_score._PHRASES if crisis_score._PHRASE_WORDS[p] <= words]
            indexed = [p for p in crisis_score._phrases_among(words)
                       if crisis_score._PHRASE_WORDS[p] <= words]
            assert indexed == every, norm.raw
            seen += bool(every)
    assert seen > 10


@pytest.mark.parametrize("name", SETS)
def test_concept_windows_without_a_gate_word_never_fire(name: str) -> None:
    for norm in _norms(name):
        clauses = crisis._without_figures(crisis._joined(norm.squeezed))
        langs = crisis_concepts.languages(norm.tokens, gated=False)
        assert (crisis_concepts.detect(clauses, langs, crisis._PEOPLE)
                == crisis_concepts.detect(clauses, langs, crisis._PEOPLE, gated=False)), norm.raw


class _Everything:
    def __contains__(self, word: object) -> bool:
        return True


def test_two_phrases_gate_never_changes_a_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two control phrases are looked for only where the message starts or ends like a table
    phrase, and a cut only where one of its halves begins and ends as a table phrase does: with
    those checks switched off, every short labelled text and every pair of table phrases reads
    the same."""
    phrases = sorted(control._WORDS)
    samples = [f"{a} {b}".split() for a in phrases[::5] for b in phrases[::7]]
    for name in SETS:
        samples += [words for norm in _norms(name)
                    if 2 <= len(words := norm.squeezed.replace("|", " ").split()) <= 8]
    gated = [control._two_phrases(words) for words in samples]
    monkeypatch.setattr(control, "_STARTS", _Everything())
    monkeypatch.setattr(control, "_ENDS", _Everything())
    assert [control._two_phrases(words) for words in samples] == gated
    assert sum(found is not None for found in gated) > 100


@pytest.mark.parametrize("name", SETS)
def test_context_pairs_found_by_their_words_are_every_pair(name: str) -> None:
    """The crisis guard for everyday context tries only the pairs whose context words the
    message holds: the same rest of the message as trying every pair."""
    excused = 0
    samples = [*ev.load(name), *({"text": f"{a} because of {b}"} for a, b in (
        ("ik ga dood", "mannengriep"), ("testament geschrieben", "beim notar"),
        ("this is my last message tonight", "my phone is on 3%")))]
    for row in samples:
        norm = normalise(row["text"], nickname=ev.NICKNAME)
        joined = crisis._joined(norm.squeezed)
        fast = crisis._excused(joined, norm.tokens)
        assert fast == crisis._excused(joined, None), norm.raw
        excused += fast is not None
    assert excused > 0


def test_whole_message_expressions_gated_by_their_words_read_the_same(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Control's whole-message expressions (help, skip, quiet) are run only on a message that
    holds one of their words: with that gate switched off, every labelled text and every control
    phrase reads the same."""
    samples: list[str] = list(control._WORDS)
    for name in (*SETS, "listening_round7_p7control.jsonl"):
        samples += [row["text"] for row in ev.load(name)]
    gated = [control.detect(text) for text in samples]
    assert sum(found in ("help", "quiet", "skip") for found in gated) > 50
    for name in ("_HELP_WORDS", "_SKIP_WORDS", "_QUIET_WORDS"):
        monkeypatch.setattr(control, name, None)
    assert [control.detect(text) for text in samples] == gated
