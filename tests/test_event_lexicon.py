"""The event lexicons (issue 10): the hand-written one read as PLOVER defines its types, the one
derived from PETRARCH2's CAMEO verbs (generated, so it must equal what the script makes of its
source), and how the two combine. Sentences are our own."""

from __future__ import annotations

import importlib.util
import sys
from importlib import resources
from types import ModuleType

import pytest

import dateline
from dateline import lexicons
from dateline.stages.events import extract
from tests.conftest import ROOT, SHARED, user_lexicon

SCRIPT = ROOT / "scripts" / "derive_event_verbs.py"
PETRARCH = SHARED / "lexicon-sources" / "petrarch2" / "CAMEO.2.0.txt"
CROSSWALK = SHARED / "eval" / "plover" / "CAMEO2PLOVER-2021.txt"


def coded(text: str) -> set[tuple[str, str]]:
    """(type, trigger words) of every event read in `text`."""
    article = dateline.read(text, published="2022-03-01")
    return {(e.type, e.trigger.text) for e in article.events}


def hand_written() -> set[str]:
    return {w for typ, group in lexicons.load("events").items() if typ.isupper() for w in group}


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


def test_a_verb_only_the_derived_lexicon_knows_is_coded() -> None:
    assert "disparage" not in hand_written()
    found = coded("Opposition leader Ngozi Eze disparaged the finance minister on Monday.")
    assert ("ACCUSE", "disparaged") in found


def test_the_hand_written_entry_wins_over_a_derived_one(tmp_path) -> None:
    """A derived entry with the same words as a hand-written one gives way, whatever its type."""
    text = 'events_cameo:\n  ASSAULT:\n    criticize: "190"\n    rebuke: "190"\n'
    with user_lexicon(tmp_path / "mine.yaml", text, extract._patterns):
        found = coded("Senator Lina Park criticized the defence minister Omar Haddad on Sunday.")
    assert ("ACCUSE", "criticized") in found
    assert not any(t == "ASSAULT" for t, _ in found)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("derive_event_verbs", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_derived_lexicon_is_what_the_script_makes_of_its_source(nlp) -> None:
    shipped = resources.files("dateline.lexicons").joinpath("events_cameo.yaml").read_text()
    text, report = _script().build(PETRARCH, CROSSWALK, nlp)
    assert text == shipped, "events_cameo.yaml is stale: run scripts/derive_event_verbs.py"
    assert "PETRARCH2" in shipped and "MIT licence" in shipped and "GENERATED" in shipped
    assert "676801cd9cb2924bbbad09f86d15c9323e7097bf" in shipped
    assert any(line.startswith("kept ") for line in report)
