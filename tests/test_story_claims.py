"""Claims compared across a story (corpus/stories/claims.py) and the story scorer's figures
(eval/stories.py), on figures and partitions we make up."""

from __future__ import annotations

import json

import pytest

from dateline.corpus.stories.claims import bounds, compare, shared_quotes
from dateline.eval.stories import GoldStories, load_gold, score
from dateline.schema import Article


def test_a_round_figure_stands_for_its_rounding_and_a_qualifier_moves_it():
    assert bounds(37000, None) == (36500, 37500)
    assert bounds(37124, None) == (37124, 37124)
    assert bounds(37000, "more than") == (37000, 38000)
    assert bounds(37000, "nearly") == (36000, 37000)
    assert bounds(2.5, None) == (2.5, 2.5)


def _article(aid: str, published: str, publisher: str, figures: list[tuple]) -> Article:
    text = " ".join(f"{words} people were killed." for words, *_ in figures)
    amounts = []
    for n, (words, value, qualifier) in enumerate(figures, 1):
        start = text.index(words)
        amounts.append(
            {
                "id": f"A{n}",
                "text": words,
                "start": start,
                "end": start + len(words),
                "value": value,
                "qualifier": qualifier,
                "object": "people",
                "predicate": "killed",
                "casualty": True,
            }
        )
    return Article.model_validate(
        {
            "id": aid,
            "text": text,
            "meta": {"published": published, "publisher": publisher},
            "amounts": amounts,
        }
    )


def test_a_toll_that_rises_from_one_day_to_the_next_is_no_disagreement():
    (claim,) = compare(
        [
            _article("a", "2024-06-11", "Wire A", [("more than 37,000", 37000, "more than")]),
            _article("b", "2024-06-12", "Wire B", [("37,124", 37124, None)]),
        ]
    )
    assert claim.cumulative and len(claim.figures) == 2 and claim.disagreements == []


def test_a_lower_toll_later_or_a_different_one_the_same_day_is_listed():
    claims = compare(
        [
            _article("a", "2024-06-11", "Wire A", [("more than 37,000", 37000, "more than")]),
            _article("b", "2024-06-11", "Wire B", [("about 30,000", 30000, "about")]),
            _article("c", "2024-06-12", "Wire C", [("35,000", 35000, None)]),
        ]
    )
    (claim,) = claims
    reasons = {(frozenset((d[0].article_id, d[1].article_id)), d[2]) for d in claim.disagreements}
    assert reasons == {
        (frozenset("ab"), "the figures do not meet"),
        (frozenset("ac"), "a later report is lower"),
    }


def test_a_figure_one_article_states_is_not_compared():
    assert compare([_article("a", "2024-06-11", "Wire A", [("12", 12, None)])]) == []


def test_a_quote_and_its_fragment_in_two_outlets_are_one_quote():
    def quoted(aid: str, publisher: str, words: str) -> Article:
        text = f"The minister said: \u201c{words}\u201d"
        start = text.index(words)
        return Article.model_validate(
            {
                "id": aid,
                "text": text,
                "meta": {"publisher": publisher},
                "quotes": [
                    {
                        "id": "Q1",
                        "kind": "direct",
                        "text": words,
                        "start": start,
                        "end": start + len(words),
                        "speaker_text": "The minister",
                    }
                ],
            }
        )

    (shared,) = shared_quotes(
        [
            quoted("a", "Wire A", "We will rebuild every school, and we will do it this year."),
            quoted("b", "Wire B", "we will rebuild every school"),
            quoted("c", "Wire C", "Nothing to add."),
        ]
    )
    assert {r[2] for r in shared.reports} == {"Wire A", "Wire B"}


def test_pairwise_and_b_cubed_on_a_known_partition():
    gold = GoldStories({"a": "one", "b": "one", "c": "one", "d": "two", "e": "two"})
    # Predicted: {a, b}, {c, d, e}, {f}; gold: {a, b, c}, {d, e}, {f} alone.
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2", "f": "3"}
    report = score(gold, predicted)
    assert (report.pairs_gold, report.pairs_predicted, report.pairs_right) == (4, 4, 2)
    assert report.pairwise == pytest.approx((0.5, 0.5, 0.5))
    p, r, f = report.bcubed
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3 + 1) / 6)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1 + 1) / 6)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert [sorted(m) for m in report.merges] == [["c", "d", "e"]]
    assert report.mixed == []


def test_a_story_of_listed_and_unlisted_articles_is_mixed_not_a_merge():
    report = score(GoldStories({"a": "one", "b": "one"}), {"a": "1", "b": "1", "x": "1"})
    assert report.merges == [] and [sorted(m) for m in report.mixed] == [["a", "b", "x"]]


def test_a_bad_gold_line_is_one_clear_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"story": "s", "ids": "a"}) + "\n")
    with pytest.raises(ValueError, match=r"gold.jsonl:1: not a gold story"):
        load_gold(path)
    path.write_text(
        json.dumps({"story": "s", "ids": ["a"]}) + "\n" + json.dumps({"ids": ["a"]}) + "\n"
    )
    with pytest.raises(ValueError, match="already in story 's'"):
        load_gold(path)
