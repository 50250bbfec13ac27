"""The desk's forms (Flask-WTF: each carries the session's CSRF token and is refused
without it). Labels and messages are gettext messages, read in the desk's language when
the form is shown."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext
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
from mailing.message import check_address, check_name
from notifications.adapters.advisor_store import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    ROLES,
)
from notifications.domain.hours import HoursRefused, parse_hours
from servicekit.languages import current_language

WEEKDAYS = (
    lazy_gettext("Monday"),
    lazy_gettext("Tuesday"),
    lazy_gettext("Wednesday"),
    lazy_gettext("Thursday"),
    lazy_gettext("Friday"),
    lazy_gettext("Saturday"),
    lazy_gettext("Sunday"),
)
ROLE_NAMES = {"advisor": lazy_gettext("advisor"), "admin": lazy_gettext("administrator")}
_REQUIRED = lazy_gettext("Please fill in.")
_PASSWORD_LENGTH = lazy_gettext("At least %(minimum)s characters.", minimum=MIN_PASSWORD_LENGTH)


# The mail layer's own checks: an advisor's name and address go into booking mails and
# invitations, so the desk stores none the mail layer would refuse or that shows wrongly.
def _address(_form: FlaskForm, field: Field) -> None:
    try:
        check_address("email", field.data or "")
    except ValueError:
        raise ValidationError(
            lazy_gettext(
                "Please enter an email address we can send to: one address like "
                "name@example.org, in ASCII letters only (no umlauts)."
            )
        ) from None


def _name(_form: FlaskForm, field: Field) -> None:
    # After DataRequired, which refuses a blank name already.
    try:
        check_name("name", field.data or "")
    except ValueError:
        raise ValidationError(
            lazy_gettext(
                "Please use one line of visible text: no control characters, line breaks or "
                "invisible formatting characters (such as U+202E or U+200B)."
            )
        ) from None


def _hours(_form: FlaskForm, field: Field) -> None:
    try:
        parse_hours(field.data or "")
    except HoursRefused as refused:
        raise ValidationError(lazy_gettext(refused.message, **refused.values)) from None


class _Checkboxes(SelectMultipleField):
    # WTForms' documented way to show a multiple choice as checkboxes. It declares no
    # types, so mypy takes the base class's default widgets for their types.
    widget = widgets.ListWidget(prefix_label=False)  # type: ignore[assignment]
    option_widget = widgets.CheckboxInput()  # type: ignore[assignment]

    def pre_validate(self, form: FlaskForm) -> None:
        known = {choice.value for choice in self.choices}
        unknown = sorted(set(self.data or ()) - known)
        if unknown:
            raise ValidationError(
                lazy_gettext("Unknown choice: %(choices)s", choices=", ".join(unknown))
            )


class LoginForm(FlaskForm):
    email = EmailField(lazy_gettext("Email"), validators=[DataRequired(_REQUIRED), Length(max=320)])
    password = PasswordField(
        lazy_gettext("Password"),
        validators=[DataRequired(_REQUIRED), Length(max=MAX_PASSWORD_LENGTH)],
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

    day = DateField(
        lazy_gettext("Date"), validators=[InputRequired(lazy_gettext("Please give a date."))]
    )
    hours = StringField(
        lazy_gettext("Hours (empty: absent all day)"), validators=[Length(max=200), _hours]
    )
    note = StringField(lazy_gettext("Note"), validators=[Optional(), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something (delete, log out): only the CSRF token."""


class _CoverageForm(FlaskForm):
    """What routing and booking use of an advisor: the admin's routing configuration.

    Districts and topics (the ruleset's dimensions) are offered in the words of the newest
    ruleset published; before any was, there is nothing to choose from yet.
    """

    districts = _Checkboxes(lazy_gettext("Districts"), choices=[])
    topics = _Checkboxes(lazy_gettext("Topics"), choices=[])
    meeting_minutes = IntegerField(
        lazy_gettext("Meeting length (minutes)"),
        default=60,
        validators=[
            InputRequired(_REQUIRED),
            NumberRange(15, 240, lazy_gettext("Between 15 and 240 minutes.")),
        ],
    )
    buffer_minutes = IntegerField(
        lazy_gettext("Buffer after it (minutes)"),
        default=15,
        validators=[
            InputRequired(_REQUIRED),
            NumberRange(0, 120, lazy_gettext("Between 0 and 120 minutes.")),
        ],
    )
    role = SelectField(lazy_gettext("Role"), choices=[])
    active = BooleanField(lazy_gettext("Active (receives companies and bookings)"), default=True)

    def __init__(self, words: Vocabulary, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.districts.choices = _choices(words, "districts")
        self.topics.choices = _choices(words, "dimensions")
        self.role.choices = [SelectChoice(role, str(ROLE_NAMES[role])) for role in ROLES]


def _choices(words: Vocabulary, section: Section) -> list[SelectChoice]:
    language = current_language()
    return [SelectChoice(key, words.name(section, key, language)) for key in words.ids(section)]


class AdvisorEditForm(_CoverageForm):
    name = StringField(
        lazy_gettext("Name"), validators=[DataRequired(_REQUIRED), Length(max=200), _name]
    )
    new_password = PasswordField(
        lazy_gettext("New password (empty: unchanged)"),
        validators=[
            Optional(),
            Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, _PASSWORD_LENGTH),
        ],
    )


class AdvisorCreateForm(_CoverageForm):
    name = StringField(
        lazy_gettext("Name"), validators=[DataRequired(_REQUIRED), Length(max=200), _name]
    )
    email = EmailField(
        lazy_gettext("Email"),
        validators=[DataRequired(_REQUIRED), Length(max=320), _address],
    )
    password = PasswordField(
        lazy_gettext("Initial password"),
        validators=[
            DataRequired(_REQUIRED),
            Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, _PASSWORD_LENGTH),
        ],
    )


class ReassignForm(FlaskForm):
    advisor_id = SelectField(lazy_gettext("Responsible"), choices=[])
