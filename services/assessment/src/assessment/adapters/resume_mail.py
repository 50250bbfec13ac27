"""The mail that carries the resume link, so the company can come back on any device.

This mail is the one place the token leaves the service besides the start response: it is
the point of the mail. Neither the link nor the address is ever logged.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from mailing.message import Mail, single_line
from mailing.templates import MailTemplates
from wording.formatting import mail_date

_MAILS = MailTemplates.of_package("assessment")


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
    language = _MAILS.written_in("resume_link", language)
    expires = mail_date(expires_at, language)
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
        **_MAILS.render("resume_link", language, values),
    )
