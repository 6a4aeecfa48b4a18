"""Language: articles the English stages cannot read are kept with their metadata, unannotated.

The texts are short news items written for these tests, two per language.
"""

from __future__ import annotations

import pytest

from dateline.stages.language import detect_language

TEXTS = {
    "de": [
        "Der Stadtrat von Leipzig hat am Dienstag beschlossen, die Straßenbahnlinie bis zum "
        "neuen Krankenhaus zu verlängern. Die Bauarbeiten sollen im kommenden Frühjahr beginnen "
        "und rund zwei Jahre dauern, sagte Bürgermeister Klaus Werner.",
        "Nach heftigen Regenfällen sind im Süden des Landes mehrere Dörfer überschwemmt worden. "
        "Die Feuerwehr brachte in der Nacht etwa dreihundert Menschen in Sicherheit.",
    ],
    "fr": [
        "Le gouvernement a annoncé mardi une hausse du budget consacré aux écoles rurales. Selon "
        "le ministre Jean Moreau, plus de deux cents établissements recevront de nouveaux "
        "équipements avant la rentrée.",
        "Des milliers de manifestants se sont rassemblés samedi dans le centre de Lyon pour "
        "protester contre la fermeture de la maternité.",
    ],
    "es": [
        "El alcalde de Valencia inauguró el lunes un nuevo puente peatonal sobre el antiguo cauce "
        "del río. La obra costó cuatro millones de euros y fue financiada en parte por la Unión "
        "Europea.",
        "Las autoridades sanitarias confirmaron que el brote de gripe en la provincia está bajo "
        "control y que los hospitales han reducido el número de pacientes ingresados.",
    ],
    "pl": [
        "Rada miasta Krakowa zdecydowała w środę o budowie nowej linii tramwajowej do dzielnicy "
        "Nowa Huta. Prace mają rozpocząć się wiosną przyszłego roku i potrwać około dwóch lat.",
        "Po intensywnych opadach deszczu kilka wsi na południu kraju zostało zalanych. Strażacy "
        "ewakuowali w nocy około trzystu mieszkańców.",
    ],
    "it": [
        "Il consiglio comunale di Bologna ha approvato giovedì il piano per le nuove piste "
        "ciclabili. I lavori cominceranno in primavera e dureranno circa diciotto mesi.",
        "Migliaia di persone hanno partecipato domenica alla manifestazione per la difesa degli "
        "ospedali pubblici, chiedendo un incontro con il presidente della regione.",
    ],
    "nl": [
        "De gemeenteraad van Utrecht heeft dinsdag besloten om een nieuwe fietsbrug over het "
        "kanaal te bouwen. De werkzaamheden beginnen volgend jaar en kosten twaalf miljoen euro.",
        "Door zware regenval zijn in het zuiden van het land meerdere dorpen overstroomd. De "
        "brandweer bracht in de nacht ongeveer driehonderd mensen in veiligheid.",
    ],
    "pt": [
        "O governo anunciou na terça-feira um aumento do orçamento destinado às escolas do "
        "interior. Segundo o ministro, mais de duzentas escolas vão receber novos equipamentos.",
        "Milhares de pessoas reuniram-se no sábado no centro de Lisboa para protestar contra o "
        "encerramento da maternidade.",
    ],
    "ru": [
        "Городской совет Новосибирска во вторник принял решение продлить линию метро до нового "
        "жилого района. Строительство должно начаться весной следующего года.",
        "После сильных дождей на юге страны были затоплены несколько деревень. Спасатели ночью "
        "эвакуировали около трёхсот жителей.",
    ],
    "tr": [
        "İstanbul Büyükşehir Belediyesi salı günü yeni bir metro hattının yapımına başlanacağını "
        "açıkladı. Hattın iki yıl içinde tamamlanması bekleniyor.",
        "Şiddetli yağışların ardından ülkenin güneyindeki birkaç köy sular altında kaldı. İtfaiye "
        "ekipleri gece boyunca yaklaşık üç yüz kişiyi güvenli bölgelere taşıdı.",
    ],
    "en": [
        "The city council of Leeds voted on Tuesday to extend the tram line to the new hospital. "
        "Work is due to start next spring and should take about two years, Mayor Alan Briggs said.",
        "Heavy rain flooded several villages in the south of the country overnight. Firefighters "
        "moved about three hundred people to safety, according to a local official.",
    ],
}
GERMAN = TEXTS["de"][0]


@pytest.mark.parametrize(
    ("code", "text"), [(code, text) for code, texts in TEXTS.items() for text in texts]
)
def test_each_short_news_text_is_detected_in_its_language(code, text):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "1234 5678 90", "😀 🎉 👍", "NATO UN EU", "\u200b" * 20])
def test_a_text_without_enough_language_counts_as_english(text):
    assert detect_language(text) == "en"


@pytest.mark.slow
def test_a_german_article_is_kept_with_metadata_and_a_note_but_not_annotated():
    import dateline

    article = dateline.read(GERMAN, published="2024-03-05")
    assert article.meta.language == "de"
    assert article.meta.notes == ["unsupported language: de"]
    assert article.meta.published == "2024-03-05"
    assert article.text == GERMAN
    assert (article.entities, article.times, article.quotes, article.events) == ([], [], [], [])
    assert article.amounts == []


@pytest.mark.slow
def test_english_is_annotated_and_carries_no_note():
    import dateline

    article = dateline.read(TEXTS["en"][0], published="2024-03-05")
    assert article.meta.language == "en"
    assert article.meta.notes == []
    assert any(e.name == "Leeds" for e in article.entities)
    assert article.times


@pytest.mark.slow
def test_language_check_off_forces_the_english_stages(tmp_path):
    from tests.test_cli_args import dateline_cli

    path = tmp_path / "leipzig.txt"
    path.write_text(GERMAN)
    forced = dateline_cli("read", str(path), "--format", "json", "--language-check", "off")
    assert forced.code == 0, forced.err
    import json

    record = json.loads(forced.out)
    assert record["meta"]["language"] == "de"  # still detected and said
    assert record["meta"]["notes"] == []
    assert record["entities"]  # the English stages ran (Leipzig, Klaus Werner)


@pytest.mark.slow
def test_ingest_counts_other_languages_and_the_store_keeps_the_note(tmp_path):
    from dateline.store import open_store
    from tests.test_cli_args import dateline_cli

    folder = tmp_path / "mixed"
    folder.mkdir()
    for code in ("de", "fr", "pl", "en"):
        (folder / f"{code}.txt").write_text(TEXTS[code][0])
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    done = dateline_cli("ingest", str(folder), "--db", url)
    assert done.code == 0, done.err
    assert "other language        3" in done.out
    with open_store(url) as store:
        stored = {a.meta.language: a for a in store.articles()}
    assert set(stored) == {"de", "fr", "pl", "en"}
    assert stored["pl"].meta.notes == ["unsupported language: pl"]
    assert stored["pl"].entities == []
    assert stored["en"].meta.notes == [] and stored["en"].entities
