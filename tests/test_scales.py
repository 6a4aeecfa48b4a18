"""Goldstein and PLOVER intensity (issue 16): lexicons derived from the published tables,
looked up from an event's CAMEO code or PLOVER type and mode."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dateline import lexicons
from dateline.export.scales import goldstein, intensity
from dateline.schema import Article
from tests.conftest import ROOT, SHARED

LEXICONS = ROOT / "src" / "dateline" / "lexicons"


def test_shipped_lexicons_are_what_the_script_derives_from_the_sources(tmp_path):
    script = ROOT / "scripts" / "derive_scales.py"
    subprocess.run(
        [sys.executable, script, "--shared", SHARED, "--out", tmp_path],
        check=True,
        capture_output=True,
    )
    for name in ("goldstein.yaml", "plover_intensity.yaml"):
        assert (tmp_path / name).read_text() == (LEXICONS / name).read_text(), name


def test_every_published_goldstein_score_is_in_the_lexicon():
    source = SHARED / "lexicon-sources" / "gdelt" / "CAMEO.goldsteinscale.txt"
    rows = [line.split("\t") for line in source.read_text().splitlines()[1:] if line.strip()]
    assert len(rows) > 300
    for code, score in rows:
        assert goldstein(code) == float(score), code


def test_lexicon_headers_credit_their_sources():
    assert "GDELT" in (LEXICONS / "goldstein.yaml").read_text().split("\n\n")[0]
    header = (LEXICONS / "plover_intensity.yaml").read_text()[:1500]
    assert "PLOVER manual" in header and "CC BY-SA 4.0" in header


def test_seed_accusation_of_hamas_scores_like_gdelt_and_polecat(seed: Article):
    """Acceptance: Blinken's ACCUSE of Hamas (CAMEO 112, mode disapprove): Goldstein -2.0,
    PLOVER intensity -2."""
    names = {e.id: e.name for e in seed.entities}
    (accuse,) = [
        v
        for v in seed.events
        if v.type == "ACCUSE"
        and "Antony Blinken" in [names[i] for i in v.actors]
        and "Hamas" in [names[i] for i in v.recipients]
    ]
    assert (accuse.cameo, accuse.mode) == ("112", "disapprove")
    assert goldstein(accuse.cameo, accuse.type) == -2.0
    assert intensity(accuse.type, accuse.mode) == -2.0


def test_a_code_missing_from_the_table_takes_its_parents_score():
    assert "1129" not in lexicons.load("goldstein")
    assert goldstein("1129") == goldstein("112") == -2.0
    assert goldstein("0874") == 10.0 and goldstein("087") == 9.0


def test_an_event_with_only_a_plover_type_takes_its_usual_cameo_root():
    roots = lexicons.load("cameo_roots")
    assert set(roots) == set(lexicons.load("plover_intensity"))  # all 16 types
    assert goldstein(None, "ASSAULT") == goldstein("18") == -9.0
    assert goldstein("", "CONSULT") == 1.0
    assert goldstein(None, None) is None and goldstein("xyz") is None


def test_intensity_by_type_and_mode_else_the_types_default():
    assert intensity("ASSAULT", "aerial") == -9.5
    assert intensity("ASSAULT", None) == intensity("ASSAULT", "massacre") == -9.0
    assert intensity("ACCUSE", None) == -3.0  # the manual's misprinted +3, read as -3
    assert intensity("NOT_A_TYPE") is None


@pytest.fixture
def user_lexicon(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.yaml"
    path.write_text('goldstein:\n  "112": -2.5\nplover_intensity:\n  AID: {score: 9}\n')
    monkeypatch.setenv(lexicons.ENV_VAR, str(path))
    lexicons.load.cache_clear()
    yield
    monkeypatch.delenv(lexicons.ENV_VAR)
    lexicons.load.cache_clear()


def test_a_user_lexicon_changes_a_score(user_lexicon):
    assert goldstein("112") == goldstein("1129") == -2.5  # 1129 is not listed: takes 112's
    assert goldstein("1121") == goldstein("111") == -2.0
    assert intensity("AID") == 9.0
