"""The desk's forms (Flask-WTF: each carries the session's CSRF token and is refused
without it). Messages are German, shown next to their fields."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from eventing.vocabulary import Section, Vocabulary
from mailing.message import ADDRESS_REFUSED, NAME_REFUSED, check_address, check_name
from notifications.adapters.advisor_store import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    ROLES,
)
from notifications.domain.hours import parse_hours

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
ROLE_NAMES = {"advisor": "Berater/in", "admin": "Administrator/in"}
_REQUIRED = "Bitte ausfüllen."


# The mail layer's own checks: an advisor's name and address go into booking mails and
# invitations, so the desk stores none the mail layer would refuse or that shows wrongly.
def _address(_form: FlaskForm, field: Field) -> None:
    try:
        check_address("email", field.data or "")
    except ValueError:
        raise ValidationError(ADDRESS_REFUSED["de"]) from None


def _name(_form: FlaskForm, field: Field) -> None:
    # After DataRequired, which refuses a blank name already ("Bitte ausfüllen.").
    try:
        check_name("name", field.data or "")
    except ValueError:
        raise ValidationError(NAME_REFUSED["de"]) from None


def _hours(_form: FlaskForm, field: Field) -> None:
    try:
        parse_hours(field.data or "")
    except ValueError as error:
        raise ValidationError(str(error)) from None


class _Checkboxes(SelectMultipleField):
    # WTForms' documented way to show a multiple choice as checkboxes. It declares no
    # types, so mypy takes the base class's default widgets for their types.
    widget = widgets.ListWidget(prefix_label=False)  # type: ignore[assignment]
    option_widget = widgets.CheckboxInput()  # type: ignore[assignment]

    def pre_validate(self, form: FlaskForm) -> None:
        known = {choice.value for choice in self.choices}
        unknown = sorted(set(self.data or ()) - known)
        if unknown:
            raise ValidationError("Unbekannte Auswahl: " + ", ".join(unknown))


class LoginForm(FlaskForm):
    email = EmailField("E-Mail", validators=[DataRequired(_REQUIRED), Length(max=320)])
    password = PasswordField(
        "Passwort", validators=[DataRequired(_REQUIRED), Length(max=MAX_PASSWORD_LENGTH)]
    )


class WeeklyHoursForm(FlaskForm):
    """One field per weekday, e.g. "09:00-12:00, 13:00-16:00"; empty: not available."""

    day_0 = StringField(WEEKDAYS[0], validators=[Length(max=200), _hours])
    day_1 = StringField(WEEKDAYS[1], validators=[Length(max=200), _hours])
    day_2 = StringField(WEEKDAYS[2], validators=[Length(max=200), _hours])
    day_3 = StringField(WEEKDAYS[3], validators=[Length(max=200), _hours])
    day_4 = StringField(WEEKDAYS[4], validators=[Length(max=200), _hours])
    day_5 = StringField(WEEKDAYS[5], validators=[Length(max=200), _hours])
    day_6 = StringField(WEEKDAYS[6], validators=[Length(max=200), _hours])

    def day_fields(self) -> list[StringField]:
        return [self[f"day_{weekday}"] for weekday in range(7)]


class OverrideForm(FlaskForm):
    """A day that differs from the usual week: other hours, or (hours empty) absent."""

    day = DateField("Datum", validators=[InputRequired("Bitte ein Datum angeben.")])
    hours = StringField("Zeiten (leer: ganztägig abwesend)", validators=[Length(max=200), _hours])
    note = StringField("Notiz", validators=[Optional(), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something (delete, log out): only the CSRF token."""


class _CoverageForm(FlaskForm):
    """What routing and booking use of an advisor: the admin's routing configuration.

    Districts and topics (the ruleset's dimensions) are offered in the words of the newest
    ruleset published; before any was, there is nothing to choose from yet.
    """

    districts = _Checkboxes("Landkreise", choices=[])
    topics = _Checkboxes("Themen", choices=[])
    meeting_minutes = IntegerField(
        "Gesprächsdauer (Minuten)",
        default=60,
        validators=[InputRequired(_REQUIRED), NumberRange(15, 240, "Zwischen 15 und 240 Minuten.")],
    )
    buffer_minutes = IntegerField(
        "Puffer danach (Minuten)",
        default=15,
        validators=[InputRequired(_REQUIRED), NumberRange(0, 120, "Zwischen 0 und 120 Minuten.")],
    )
    role = SelectField("Rolle", choices=[SelectChoice(role, ROLE_NAMES[role]) for role in ROLES])
    active = BooleanField("Aktiv (bekommt Unternehmen und Buchungen)", default=True)

    def __init__(self, words: Vocabulary, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.districts.choices = _choices(words, "districts")
        self.topics.choices = _choices(words, "dimensions")


def _choices(words: Vocabulary, section: Section) -> list[SelectChoice]:
    return [SelectChoice(key, words.name(section, key, "de")) for key in words.ids(section)]


class AdvisorEditForm(_CoverageForm):
    name = StringField("Name", validators=[DataRequired(_REQUIRED), Length(max=200), _name])
    new_password = PasswordField(
        "Neues Passwort (leer: unverändert)",
        validators=[
            Optional(),
            Length(
                MIN_PASSWORD_LENGTH,
                MAX_PASSWORD_LENGTH,
                f"Mindestens {MIN_PASSWORD_LENGTH} Zeichen.",
            ),
        ],
    )


class AdvisorCreateForm(_CoverageForm):
    name = StringField("Name", validators=[DataRequired(_REQUIRED), Length(max=200), _name])
    email = EmailField("E-Mail", validators=[DataRequired(_REQUIRED), Length(max=320), _address])
    password = PasswordField(
        "Anfangspasswort",
        validators=[
            DataRequired(_REQUIRED),
            Length(
                MIN_PASSWORD_LENGTH,
                MAX_PASSWORD_LENGTH,
                f"Mindestens {MIN_PASSWORD_LENGTH} Zeichen.",
            ),
        ],
    )


class ReassignForm(FlaskForm):
    advisor_id = SelectField("Zuständig", choices=[])
