"""Whose a mail is, and the mails a privacy operation may touch.

A contact address proves nothing: a company types in whatever it likes, also another
company's or an advisor's address, and two companies may share one. So every mail names its
owner when it is queued, and export, erasure and the delivery log select by owner only.

- A mail to a company's contact belongs to the company (and the assessment it is about):
  it is in the company's export and erased with the company.
- A mail to an advisor belongs to the advisor: it is in the advisor's delivery log and in no
  company's export (it is the advisor's mailbox, not the company's). It names the company it
  is about, because it quotes the company's data: erasing the company blanks it too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_

from mailing.tables import mail_outbox


@dataclass(frozen=True)
class MailOwner:
    company_id: uuid.UUID | None
    assessment_id: uuid.UUID | None
    advisor_id: uuid.UUID | None

    def __post_init__(self) -> None:
        if self.company_id is None and self.advisor_id is None:
            raise ValueError("a mail belongs to a company or to an advisor")
        if self.assessment_id is not None and self.company_id is None:
            raise ValueError("an assessment's mail names its company too")

    @classmethod
    def company(cls, company_id: uuid.UUID, assessment_id: uuid.UUID | None) -> MailOwner:
        """A mail to the company's contact (about the assessment, if it is about one)."""
        return cls(company_id, assessment_id, None)

    @classmethod
    def advisor(
        cls, advisor_id: uuid.UUID, company_id: uuid.UUID, assessment_id: uuid.UUID
    ) -> MailOwner:
        """A mail to the advisor about a company's assessment."""
        return cls(company_id, assessment_id, advisor_id)

    @classmethod
    def staff(cls, advisor_id: uuid.UUID) -> MailOwner:
        """A mail to an advisor or admin about no particular company (a work notice)."""
        return cls(None, None, advisor_id)

    def columns(self) -> dict[str, uuid.UUID | None]:
        return {
            "owner_company_id": self.company_id,
            "owner_assessment_id": self.assessment_id,
            "owner_advisor_id": self.advisor_id,
        }


def mails_to_company(company_id: uuid.UUID) -> ColumnElement[bool]:
    """The mails sent to the company's contact: what the company's export holds."""
    return and_(
        mail_outbox.c.owner_company_id == company_id, mail_outbox.c.owner_advisor_id.is_(None)
    )


def mails_about_company(company_id: uuid.UUID) -> ColumnElement[bool]:
    """The company's mails and the advisors' mails about it: what its erasure blanks."""
    return mail_outbox.c.owner_company_id == company_id


def advisor_log(advisor_id: uuid.UUID, assessment_ids: Select[Any]) -> ColumnElement[bool]:
    """What an advisor's delivery log shows: the mails to the advisor, and those to the
    contacts of the advisor's companies (`assessment_ids`), whom the advisor answers "where
    is my report?". Never a colleague's mails about the same company."""
    return or_(
        mail_outbox.c.owner_advisor_id == advisor_id,
        and_(
            mail_outbox.c.owner_advisor_id.is_(None),
            mail_outbox.c.owner_assessment_id.in_(assessment_ids),
        ),
    )
