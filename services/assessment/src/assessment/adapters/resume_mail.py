"""The mail that carries the resume link, so the company can come back on any device.

This mail is the one place the token leaves the service besides the start response: it is
the point of the mail. Neither the link nor the address is ever logged.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from jinja2 import Environment, StrictUndefined

from mailing.message import Mail, single_line
from servicekit.cluster_time import CLUSTER_ZONE

SUBJECTS = {
    "de": "Ihr Wegweiser Transformations-Check: Link zum Weitermachen",
    "en": "Your Wegweiser transformation check: link to continue",
}

_TEXT = {
    "de": """Guten Tag {{ name }},

Sie haben den Wegweiser Transformations-Check für {{ company }} begonnen.
Ihre Antworten werden auf jeder Seite gespeichert. Mit diesem Link machen
Sie jederzeit und auf jedem Gerät dort weiter, wo Sie aufgehört haben:

{{ link }}

Der Link gilt bis zum {{ expires }}. Bitte geben Sie ihn nur an Kolleginnen
und Kollegen weiter, die mitarbeiten sollen: Wer ihn hat, kann Ihre Antworten
sehen und ändern.

Wenn Sie den Check nicht selbst begonnen haben, können Sie diese Nachricht
ignorieren.

Ihr Wegweiser-Team
""",
    "en": """Hello {{ name }},

You have started the Wegweiser transformation check for {{ company }}.
Your answers are saved on every page. With this link you can continue where
you left off, at any time and on any device:

{{ link }}

The link is valid until {{ expires }}. Please share it only with colleagues
who should contribute: whoever has it can see and change your answers.

If you did not start the check yourself, you can ignore this message.

Your Wegweiser team
""",
}

_HTML = {
    "de": """<!doctype html>
<html lang="de"><body>
<p>Guten Tag {{ name }},</p>
<p>Sie haben den Wegweiser Transformations-Check für {{ company }} begonnen.
Ihre Antworten werden auf jeder Seite gespeichert. Mit diesem Link machen
Sie jederzeit und auf jedem Gerät dort weiter, wo Sie aufgehört haben:</p>
<p><a href="{{ link }}">Check fortsetzen</a><br>{{ link }}</p>
<p>Der Link gilt bis zum {{ expires }}. Bitte geben Sie ihn nur an Kolleginnen
und Kollegen weiter, die mitarbeiten sollen: Wer ihn hat, kann Ihre Antworten
sehen und ändern.</p>
<p>Wenn Sie den Check nicht selbst begonnen haben, können Sie diese Nachricht
ignorieren.</p>
<p>Ihr Wegweiser-Team</p>
</body></html>""",
    "en": """<!doctype html>
<html lang="en"><body>
<p>Hello {{ name }},</p>
<p>You have started the Wegweiser transformation check for {{ company }}.
Your answers are saved on every page. With this link you can continue where
you left off, at any time and on any device:</p>
<p><a href="{{ link }}">Continue the check</a><br>{{ link }}</p>
<p>The link is valid until {{ expires }}. Please share it only with colleagues
who should contribute: whoever has it can see and change your answers.</p>
<p>If you did not start the check yourself, you can ignore this message.</p>
<p>Your Wegweiser team</p>
</body></html>""",
}

_text_templates = Environment(autoescape=False, undefined=StrictUndefined)  # noqa: S701 - plain text
_html_templates = Environment(autoescape=True, undefined=StrictUndefined)


def resume_url(public_base_url: str, assessment_id: uuid.UUID, token: str) -> str:
    return f"{public_base_url.rstrip('/')}/resume/{assessment_id}/{token}"


def resume_mail(
    *,
    assessment_id: uuid.UUID,
    contact_name: str,
    contact_email: str,
    company_name: str,
    language: str,
    link: str,
    expires_at: datetime,
) -> Mail:
    """The mail in the assessment's language (German unless English was chosen).

    Raises ValueError if the contact address cannot be a mail header.
    """
    language = language if language in SUBJECTS else "de"
    local = expires_at.astimezone(CLUSTER_ZONE)
    expires = local.strftime("%d.%m.%Y") if language == "de" else local.strftime("%d %B %Y")
    # Names stored before the door refused U+2028 and format characters come out as one line.
    values = {
        "name": single_line(contact_name),
        "company": single_line(company_name),
        "link": link,
        "expires": expires,
    }
    return Mail(
        # One resume mail per assessment, however often the start is retried.
        dedupe_key=f"assessment-resume:{assessment_id}",
        to=contact_email,
        subject=SUBJECTS[language],
        text=_text_templates.from_string(_TEXT[language]).render(values),
        html=_html_templates.from_string(_HTML[language]).render(values),
    )
