"""The two mails of a generated report: the summary for the assigned advisor, and the
result, report and booking links for the company's contact.

Dedupe keys name the report and the recipient, so however often `report.generated` is
delivered (or announced again for the same report), each recipient gets one mail. The words
are in templates/mail/report_ready_advisor/ and report_ready_company/.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventing.vocabulary import Vocabulary
from mailing.message import Mail, Unsendable, compose, reply_address, single_line
from mailing.templates import MailTemplates
from notifications.domain import formatting
from wording.formatting import mail_date, score
from wording.languages import language_or_default

ADVISOR_LANGUAGE = "de"  # the cluster's advisors work in German
_SUBJECT_NAME_LENGTH = 80
_MAILS = MailTemplates.of_package("notifications")


@dataclass(frozen=True)
class Report:
    report_id: uuid.UUID
    download_url: str  # the reporting service's signed, expiring link to the PDF
    generated_at: datetime


@dataclass(frozen=True)
class CompanyLinks:
    result_url: str
    booking_url: str
    booking_expires_at: datetime


def advisor_mail(
    report: Report,
    assessment: Mapping[str, Any],
    words: Vocabulary,
    advisor: Mapping[str, Any],
    desk_url: str,
) -> Mail | Unsendable:
    language = ADVISOR_LANGUAGE
    values = _summary(assessment, words, language) | {
        "advisor_name": single_line(advisor["name"]),
        "contact_name": single_line(assessment["contact_name"]),
        "contact_email": assessment["contact_email"],
        "report_url": report.download_url,
        "generated_at": formatting.local_time(report.generated_at, language),
        "desk_url": desk_url,
    }
    text = _MAILS.render("report_ready_advisor", language, values)
    return compose(
        dedupe_key=f"report-ready:{report.report_id}:advisor:{advisor['id']}",
        to=advisor["email"],
        **text,
        # Replies go to the company's contact (not to the system's sender address).
        reply_to=reply_address(assessment["contact_email"]),
    )


def company_mail(
    report: Report,
    assessment: Mapping[str, Any],
    words: Vocabulary,
    links: CompanyLinks,
    advisor_name: str | None,
) -> Mail | Unsendable:
    language = language_or_default(assessment["language"])
    values = _summary(assessment, words, language) | {
        "contact_name": single_line(assessment["contact_name"]),
        "report_url": report.download_url,
        "result_url": links.result_url,
        "booking_url": links.booking_url,
        "booking_expires": mail_date(links.booking_expires_at, language),
        "advisor_name": None if advisor_name is None else single_line(advisor_name),
    }
    text = _MAILS.render("report_ready_company", language, values)
    return compose(
        dedupe_key=f"report-ready:{report.report_id}:company",
        to=assessment["contact_email"],
        **text,
    )


def _summary(assessment: Mapping[str, Any], words: Vocabulary, language: str) -> dict[str, Any]:
    """What both mails say about the result, in the ruleset's words of `language`."""
    return {
        "company_name": single_line(assessment["company_name"]),
        "company_in_subject": single_line(assessment["company_name"], _SUBJECT_NAME_LENGTH),
        "district": words.name("districts", assessment["district"], language),
        "klass": assessment["assessment_class"],
        "class_name": words.name("classes", assessment["assessment_class"], language),
        "exposure": score(assessment["exposure"], language),
        "exposure_level": words.name("exposure_levels", assessment["exposure_level"], language),
        "readiness": score(assessment["readiness"], language),
        "readiness_level": words.name("readiness_levels", assessment["readiness_level"], language),
        "priority": score(assessment["priority"], language),
        "priority_label": words.name("priority_levels", assessment["priority_label"], language),
        "top_gaps": [
            {
                "topic": words.name("dimensions", gap["dimension"], language),
                "score": score(gap["score"], language),
                "level": words.dimension_level(gap["dimension"], gap["level"], language),
                "text": gap["text"],
            }
            for gap in assessment["top_gaps"]
        ],
        "scored_at": formatting.local_time(assessment["scored_at"], language),
    }
