"""The holdout (tests/data/listening_holdout.jsonl), never tuned on before a set is run: this
test only prints its figures (pytest -s) and guards the one rule no version may break (neutral
talk never sets off a clear crisis). Set A was written after the first freeze of the tables, set
B after the second, sets C, D and E after successive versions of this round's tables; each was
run once before being read. See the header line of the file and listening_corpus.SOURCES.md for
what was learnt from each."""

from tests.listening import listening_eval as ev


def test_holdout_report() -> None:
    rows = ev.load("listening_holdout.jsonl")
    for name in ("A", "B", "C", "D", "E"):
        report = ev.evaluate([r for r in rows if r.get("set") == name])
        print("\n" + report.table(f"holdout set {name}"))
        assert report.groups["neutral -> crisis clear"].hits == 0
