"""Reading the vocabulary an event carries, and the ids an event without one is shown in."""

from __future__ import annotations

from eventing.codec import decode
from eventing.examples import all_examples
from eventing.vocabulary import ClassThresholds, Vocabulary


def _published() -> Vocabulary:
    [example] = [e for e in all_examples() if e.name.startswith("ruleset.published.v1.")]
    return Vocabulary.of(decode(example.raw).data["vocabulary"])


def test_names_and_texts_in_each_language():
    words = _published()

    assert words.name("classes", "A", "de") == "Akuter Handlungsbedarf"
    assert words.name("classes", "A", "en") == "Urgent action needed"
    assert words.name("dimensions", "workforce", "en") == "Workforce and skills"
    assert words.name("districts", "bamberg_land", "de") == "Landkreis Bamberg"
    assert words.text(
        "readiness_levels",
        "entwickler",
        "en",
    ).startswith("First foundations")
    assert words.text("priority_levels", "hoch", "de") is None  # the ruleset wrote none


def test_a_dimensions_level_is_named_on_its_own_scale():
    words = _published()

    assert words.dimension_level("market", "mittel", "en") == "moderate"  # exposure
    assert words.name("priority_levels", "mittel", "en") == "medium"
    assert words.dimension_level("workforce", "entwickler", "en") == "Developer"


def test_ids_and_exposure_classes_in_the_rulesets_order():
    words = _published()

    assert words.ids("classes") == ("A", "B", "C", "D")
    assert words.dimensions_of("exposure") == ("portfolio", "market")
    assert words.exposure_class("transmission_clutch") == "high_medium"
    assert words.exposure_class("warp_drives") is None
    assert words.exposure_classes() == (
        "ice_specific", "high_medium", "transition", "neutral", "growth", "non_automotive",
    )  # fmt: skip
    assert words.class_thresholds == ClassThresholds(50.0, 50.0)


def test_without_a_vocabulary_every_id_is_shown_as_itself():
    words = Vocabulary.of(None)

    assert words.name("classes", "A", "en") == "A"
    assert words.dimension_level("portfolio", "sehr_hoch", "de") == "sehr_hoch"
    assert words.text("classes", "A", "de") is None
    assert words.ids("dimensions") == ()
    assert words.exposure_classes() == ()
    assert words.class_thresholds is None


def test_an_unknown_id_in_a_known_vocabulary_is_shown_as_itself():
    assert _published().name("readiness_levels", "visionary", "de") == "visionary"


def test_a_dutch_reader_gets_dutch_where_the_ruleset_has_it_and_german_where_it_is_older():
    words = Vocabulary.of(
        {
            "classes": [
                {
                    "id": "A",
                    "name": {"de": "Akuter Handlungsbedarf", "en": "Urgent action needed",
                             "nl": "Dringend actie nodig"},
                    "text": {"de": "Jetzt handeln.", "en": "Act now."},
                }
            ]
        }
    )  # fmt: skip

    assert words.name("classes", "A", "nl") == "Dringend actie nodig"
    assert words.text("classes", "A", "nl") == "Jetzt handeln."  # 2026.1 wrote no Dutch
    assert _published().name("classes", "A", "nl") == "Akuter Handlungsbedarf"
