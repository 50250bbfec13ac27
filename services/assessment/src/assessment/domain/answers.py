"""Checking answers against the questionnaire, with per-item messages in every language.

Absent items and null ("weiß nicht / keine Angabe") are both missing answers; null is an
error only where the item does not allow it. Answers to items the skip logic hides are
accepted and ignored by the scoring, so a respondent who changes an earlier answer does
not have to clear later ones first.

One module for every rule an answer must meet (a little over 350 lines), so the API and the
pages cannot check one answer two ways.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessment.domain.questionnaire import Item, Questionnaire
from assessment.domain.texts import LocalizedText
from mailing.message import (
    ADDRESS_REFUSED,
    NAME_REFUSED,
    BlankName,
    check_address,
    check_name,
)
from wording.formatting import compact_number

SPLIT_TOTAL = 100.0
SPLIT_TOLERANCE = 0.5
_MAX_TEXT = 200


@dataclass(frozen=True)
class AnswerError:
    item_id: str | None
    code: str
    message: LocalizedText


class InvalidAnswers(ValueError):
    """Answers that cannot be scored; `errors` says which item and why."""

    def __init__(self, errors: Sequence[AnswerError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(f"{e.item_id or 'answers'}: {e.message.en}" for e in errors))


def validate_answers(
    questionnaire: Questionnaire,
    values: Mapping[str, Any],
    *,
    complete: bool = True,
    visible: Sequence[Item] | None = None,
) -> list[AnswerError]:
    """Errors in scored answers (`company.*` belongs in the profile); complete: required set.

    `visible` is questionnaire.visible_items(values), for a caller that needs it anyway.
    """
    if not isinstance(values, Mapping):
        return [
            _error(
                None,
                "not_an_object",
                "Die Antworten fehlen.",
                "The answers are missing.",
                "De antwoorden ontbreken.",
            )
        ]
    errors: list[AnswerError] = []
    items = questionnaire.items_by_id
    for item_id, value in values.items():
        item = items.get(item_id)
        if item is None:
            errors.append(_unknown_item(item_id))
        elif item.is_profile:
            errors.append(
                _error(
                    item_id,
                    "profile_item",
                    "Angaben zum Unternehmen gehören ins Unternehmensprofil, "
                    "nicht zu den Antworten.",
                    "Company details belong in the company profile, not in the answers.",
                    "Bedrijfsgegevens horen in het bedrijfsprofiel, niet bij de antwoorden.",
                )
            )
        else:
            errors.extend(check_value(item, value))
    if complete:
        if visible is None:
            visible = questionnaire.visible_items(values)
        errors.extend(
            _required(item)
            for item in visible
            if not item.is_profile and item.required and item.id not in values
        )
    return errors


def validate_profile(
    questionnaire: Questionnaire, values: Mapping[str, Any], *, complete: bool = True
) -> list[AnswerError]:
    """Errors in the company profile: only `company.*` items, each checked by its type."""
    errors: list[AnswerError] = []
    for item_id, value in values.items():
        if not questionnaire.has_item(item_id) or not questionnaire.item(item_id).is_profile:
            errors.append(_unknown_item(item_id))
        else:
            errors.extend(check_value(questionnaire.item(item_id), value))
    if complete:
        errors.extend(
            _required(item)
            for item in questionnaire.items
            if item.is_profile and item.required and item.id not in values
        )
    return errors


def check_value(item: Item, value: Any) -> list[AnswerError]:
    """The errors of one answer to one item (none when it fits)."""
    if value is None:
        if item.allows_unknown:
            return []
        if item.required:
            return [_required(item)]
        return [
            _error(
                item.id,
                "unknown_not_allowed",
                "„Weiß nicht“ ist bei dieser Frage nicht möglich; bitte wählen Sie eine Antwort.",
                "'Don't know' is not possible for this question; please choose an answer.",
                "“Weet ik niet” is bij deze vraag niet mogelijk; kies een antwoord.",
            )
        ]
    checker = _CHECKERS[item.type]
    return checker(item, value)


def _check_choice(item: Item, value: Any) -> list[AnswerError]:
    if not isinstance(value, str):
        return [
            _wrong_type(
                item,
                "eine der vorgegebenen Antworten",
                "one of the given options",
                "een van de gegeven antwoorden",
            )
        ]
    return [] if value in item.option_set else [_unknown_option(item, value)]


def _check_multi(item: Item, value: Any) -> list[AnswerError]:
    if not isinstance(value, list) or not all(isinstance(option, str) for option in value):
        return [
            _wrong_type(
                item,
                "eine Liste der gewählten Antworten",
                "a list of chosen options",
                "een lijst van de gekozen antwoorden",
            )
        ]
    errors = [_unknown_option(item, option) for option in value if option not in item.option_set]
    if len(set(value)) == len(value):
        return errors  # no option twice: skip the quadratic search for repeats
    errors.extend(
        _error(
            item.id,
            "duplicate_option",
            f"„{option}“ ist mehrfach gewählt.",
            f"'{option}' is chosen more than once.",
            f"“{option}” is meer dan één keer gekozen.",
        )
        for index, option in enumerate(value)
        if option in value[:index]
    )
    return errors


def _check_split(item: Item, value: Any) -> list[AnswerError]:
    if not isinstance(value, dict) or not all(_is_number(share) for share in value.values()):
        return [
            _wrong_type(
                item,
                "je Produktgruppe ein Prozentwert",
                "a percentage per group",
                "per productgroep een percentage",
            )
        ]
    errors = [
        _error(
            item.id,
            "unknown_option",
            f"„{category}“ ist keine Produktgruppe dieser Frage.",
            f"'{category}' is not a product group of this question.",
            f"“{category}” is geen productgroep van deze vraag.",
        )
        for category in value
        if category not in item.option_set
    ]
    errors.extend(
        _error(
            item.id,
            "out_of_range",
            f"Der Anteil für „{category}“ muss zwischen 0 und 100 % liegen.",
            f"The share of '{category}' must be between 0 and 100 %.",
            f"Het aandeel van “{category}” moet tussen 0 en 100 % liggen.",
        )
        for category, share in value.items()
        if not 0 <= share <= SPLIT_TOTAL
    )
    total = math.fsum(value.values())
    if abs(total - SPLIT_TOTAL) > SPLIT_TOLERANCE:
        errors.append(
            _error(
                item.id,
                "split_sum",
                f"Die Anteile ergeben zusammen {compact_number(total, 'de')} %; "
                "sie müssen 100 % ergeben.",
                f"The shares add up to {compact_number(total, 'en')} %; they must add up to 100 %.",
                f"De aandelen komen samen uit op {compact_number(total, 'nl')} %; "
                "samen moeten ze 100 % zijn.",
            )
        )
    return errors


def _check_likert(item: Item, value: Any) -> list[AnswerError]:
    return _check_whole(item, value, 1, 5)


def _check_ladder(item: Item, value: Any) -> list[AnswerError]:
    return _check_whole(item, value, 0, len(item.options) - 1)


def _check_whole(item: Item, value: Any, low: int, high: int) -> list[AnswerError]:
    if not _is_number(value) or not float(value).is_integer():
        return [
            _wrong_type(
                item,
                f"eine ganze Zahl von {low} bis {high}",
                f"a whole number {low}-{high}",
                f"een geheel getal van {low} tot en met {high}",
            )
        ]
    return [] if low <= value <= high else [_out_of_range(item, low, high)]


def _check_number(item: Item, value: Any) -> list[AnswerError]:
    if not _is_number(value):
        return [_wrong_type(item, "eine Zahl", "a number", "een getal")]
    if item.integer and not float(value).is_integer():
        return [
            _error(
                item.id,
                "not_whole_number",
                "Bitte geben Sie eine ganze Zahl ein.",
                "Please enter a whole number.",
                "Vul een geheel getal in.",
            )
        ]
    low = item.minimum if item.minimum is not None else -math.inf
    high = item.maximum if item.maximum is not None else math.inf
    return [] if low <= value <= high else [_out_of_range(item, low, high)]


def _check_text(item: Item, value: Any) -> list[AnswerError]:
    # The texts are names, shown in pages, mails, invitations and PDFs: the mail layer's name
    # check (one line of visible text) is the one every door applies.
    errors = _check_length(item, value, "ein Text", "a text", "een tekst")
    if errors:
        return errors
    try:
        check_name(item.id, value)
    except BlankName:
        return [
            _error(
                item.id,
                "blank",
                "Bitte geben Sie einen Text ein, nicht nur Leerzeichen.",
                "Please enter a text, not only spaces.",
                "Vul een tekst in, niet alleen spaties.",
            )
        ]
    except ValueError:
        return [
            _error(
                item.id,
                "not_single_line",
                NAME_REFUSED["de"],
                NAME_REFUSED["en"],
                NAME_REFUSED["nl"],
            )
        ]
    return []


def _check_email(item: Item, value: Any) -> list[AnswerError]:
    errors = _check_length(
        item, value, "eine E-Mail-Adresse", "an e-mail address", "een e-mailadres"
    )
    if errors:
        return errors
    try:
        # The mail layer's own check: an address stored here is one the sender can send to.
        check_address(item.id, value)
    except ValueError:
        return [
            _error(
                item.id,
                "not_an_address",
                ADDRESS_REFUSED["de"],
                ADDRESS_REFUSED["en"],
                ADDRESS_REFUSED["nl"],
            )
        ]
    return []


def _check_length(
    item: Item, value: Any, expected_de: str, expected_en: str, expected_nl: str
) -> list[AnswerError]:
    limit = item.max_length or _MAX_TEXT
    if not isinstance(value, str) or not value:
        return [_wrong_type(item, expected_de, expected_en, expected_nl)]
    if len(value) > limit:
        return [
            _error(
                item.id,
                "too_long",
                f"Bitte höchstens {limit} Zeichen.",
                f"Please use at most {limit} characters.",
                f"Gebruik maximaal {limit} tekens.",
            )
        ]
    return []


def _check_consent(item: Item, value: Any) -> list[AnswerError]:
    if not isinstance(value, bool):
        return [_wrong_type(item, "ja oder nein", "yes or no", "ja of nee")]
    if item.required and not value:
        return [
            _error(
                item.id,
                "consent_required",
                "Ohne diese Einwilligung können wir die Auswertung nicht erstellen.",
                "Without this consent we cannot produce the evaluation.",
                "Zonder deze toestemming kunnen wij de analyse niet opstellen.",
            )
        ]
    return []


_CHECKERS = {
    "split": _check_split,
    "single": _check_choice,
    "band": _check_choice,
    "multi": _check_multi,
    "likert": _check_likert,
    "ladder": _check_ladder,
    "number": _check_number,
    "text": _check_text,
    "email": _check_email,
    "consent": _check_consent,
}


def _is_number(value: Any) -> bool:
    # bool is an int in Python but never a number in an answer.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _error(item_id: str | None, code: str, de: str, en: str, nl: str) -> AnswerError:
    return AnswerError(item_id=item_id, code=code, message=LocalizedText(de=de, en=en, nl=nl))


def _unknown_item(item_id: str) -> AnswerError:
    return _error(
        item_id,
        "unknown_item",
        f"Unbekannte Frage „{item_id}“.",
        f"Unknown question '{item_id}'.",
        f"Onbekende vraag “{item_id}”.",
    )


def _required(item: Item) -> AnswerError:
    return _error(
        item.id,
        "required",
        "Bitte beantworten Sie diese Pflichtfrage.",
        "Please answer this required question.",
        "Beantwoord deze verplichte vraag.",
    )


def _wrong_type(item: Item, expected_de: str, expected_en: str, expected_nl: str) -> AnswerError:
    return _error(
        item.id,
        "wrong_type",
        f"Erwartet wird {expected_de}.",
        f"Expected {expected_en}.",
        f"Verwacht wordt {expected_nl}.",
    )


def _unknown_option(item: Item, option: str) -> AnswerError:
    return _error(
        item.id,
        "unknown_option",
        f"„{option}“ ist keine Antwort dieser Frage.",
        f"'{option}' is not an option of this question.",
        f"“{option}” is geen antwoord bij deze vraag.",
    )


def _out_of_range(item: Item, low: float, high: float) -> AnswerError:
    de_low, de_high = compact_number(low, "de"), compact_number(high, "de")
    en_low, en_high = compact_number(low, "en"), compact_number(high, "en")
    nl_low, nl_high = compact_number(low, "nl"), compact_number(high, "nl")
    return _error(
        item.id,
        "out_of_range",
        f"Der Wert muss zwischen {de_low} und {de_high} liegen.",
        f"The value must be between {en_low} and {en_high}.",
        f"De waarde moet tussen {nl_low} en {nl_high} liggen.",
    )
