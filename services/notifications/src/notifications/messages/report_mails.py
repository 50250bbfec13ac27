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

from mailing.message import Mail, Unsendable, compose, reply_address, single_line
from mailing.templates import MailTemplates
from notifications.messages import labels

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
    report: Report, assessment: Mapping[str, Any], advisor: Mapping[str, Any], desk_url: str
) -> Mail | Unsendable:
    language = ADVISOR_LANGUAGE
    values = _summary(assessment, language) | {
        "advisor_name": single_line(advisor["name"]),
        "contact_name": single_line(assessment["contact_name"]),
        "contact_email": assessment["contact_email"],
        "report_url": report.download_url,
        "generated_at": labels.local_time(report.generated_at, language),
        "desk_url": desk_url,
    }
    words = _MAILS.render("report_ready_advisor", language, values)
    return compose(
        dedupe_key=f"report-ready:{report.report_id}:advisor:{advisor['id']}",
        to=advisor["email"],
        **words,
        # Replies go to the company's contact (not to the system's sender address).
        reply_to=reply_address(assessment["contact_email"]),
    )


def company_mail(
    report: Report,
    assessment: Mapping[str, Any],
    links: CompanyLinks,
    advisor_name: str | None,
) -> Mail | Unsendable:
    language = assessment["language"] if assessment["language"] in labels.LANGUAGES else "de"
    values = _summary(assessment, language) | {
        "contact_name": single_line(assessment["contact_name"]),
        "report_url": report.download_url,
        "result_url": links.result_url,
        "booking_url": links.booking_url,
        "booking_expires": labels.local_date(links.booking_expires_at, language),
        "advisor_name": None if advisor_name is None else single_line(advisor_name),
    }
    words = _MAILS.render("report_ready_company", language, values)
    return compose(
        dedupe_key=f"report-ready:{report.report_id}:company",
        to=assessment["contact_email"],
        **words,
    )


def _summary(assessment: Mapping[str, Any], language: str) -> dict[str, Any]:
    """What both mails say about the result, in words of `language`."""
    return {
        "company_name": single_line(assessment["company_name"]),
        "company_in_subject": single_line(assessment["company_name"], _SUBJECT_NAME_LENGTH),
        "district": labels.name(labels.DISTRICTS, assessment["district"], language),
        "klass": assessment["assessment_class"],
        "class_name": labels.name(labels.CLASSES, assessment["assessment_class"], language),
        "exposure": labels.score(assessment["exposure"], language),
        "exposure_level": labels.name(labels.LEVELS, assessment["exposure_level"], language),
        "readiness": labels.score(assessment["readiness"], language),
        "readiness_level": labels.name(labels.LEVELS, assessment["readiness_level"], language),
        "priority": labels.score(assessment["priority"], language),
        "priority_label": labels.name(labels.PRIORITIES, assessment["priority_label"], language),
        "top_gaps": [
            {
                "topic": labels.name(labels.TOPICS, gap["dimension"], language),
                "score": labels.score(gap["score"], language),
                "level": labels.name(labels.LEVELS, gap["level"], language),
                "text": gap["text"],
            }
            for gap in assessment["top_gaps"]
        ],
        "scored_at": labels.local_time(assessment["scored_at"], language),
    }
