"""The event lexicon (issue 10): hand-written entries read as the PLOVER manual defines their
types. Sentences are our own."""

from __future__ import annotations

import dateline


def coded(text: str) -> set[tuple[str, str]]:
    """(type, trigger words) of every event read in `text`."""
    article = dateline.read(text, published="2022-03-01")
    return {(e.type, e.trigger.text) for e in article.events}


def test_a_pardon_is_a_concession() -> None:
    found = coded("President Adaeze Obi pardoned the jailed journalist Tunde Bakare on Friday.")
    assert ("CONCEDE", "pardoned") in found
    assert not any(t == "SUPPORT" for t, _ in found)


def test_an_apology_is_a_concession() -> None:
    found = coded("The Norlandian government apologized to Estavia for the border incident.")
    assert ("CONCEDE", "apologized") in found


def test_charging_is_an_accusation_not_an_arrest() -> None:
    found = coded("Prosecutors charged the former governor Musa Danjuma with fraud on Tuesday.")
    assert any(t == "ACCUSE" and w.startswith("charged") for t, w in found)
    assert not any(t == "COERCE" for t, _ in found)
