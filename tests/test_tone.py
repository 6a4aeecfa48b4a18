"""Tone (issue 16): GDELT's AvgTone, positive minus negative words in percent, with VADER's
lexicon; stored with every article and shown by `dateline read`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.schema import Article
from dateline.stages.tone import measure_tone
from tests.conftest import SEED


def test_tone_is_the_share_of_positive_minus_negative_words():
    tone = measure_tone("The ministers welcomed the agreement and praised the talks.")
    assert tone.words == 9
    assert tone.negative == 0 and tone.positive > 20
    assert tone.score == pytest.approx(tone.positive - tone.negative)


def test_violence_reads_negative_and_cooperation_positive():
    attack = measure_tone(
        "Gunmen killed eleven farmers and wounded dozens more in a brutal raid on the market."
    )
    aid = measure_tone("Donors pledged generous help, and the villagers thanked them warmly.")
    assert attack.score < 0 < aid.score
    assert attack.score >= -100 and aid.score <= 100


def test_words_are_letters_with_inner_apostrophes_and_hyphens():
    tone = measure_tone("Officials don’t expect a long-term deal before 2025, sources say.")
    assert tone.words == 9  # 2025 and punctuation are not words; don't and long-term are one


def test_an_empty_text_has_neutral_tone():
    assert measure_tone("").model_dump() == {
        "score": 0.0,
        "positive": 0.0,
        "negative": 0.0,
        "words": 0,
    }


@pytest.mark.slow
def test_the_seed_has_its_tone_in_the_record_and_the_summary(seed: Article):
    assert seed.tone is not None and seed.tone == measure_tone(seed.text)
    assert seed.tone.words > 500 and seed.tone.positive > 0 and seed.tone.negative > 0
    assert seed.model_dump()["tone"]["score"] == seed.tone.score
    shown = CliRunner().invoke(app, ["read", str(SEED)], catch_exceptions=False)
    assert shown.exit_code == 0
    assert f"{seed.tone.score:+.2f}" in shown.output and "tone" in shown.output
