"""Whose a mail is (every mail names a company or an advisor), and what the mail layer says
when it cannot write a mail."""

from __future__ import annotations

import uuid

import pytest

from mailing.message import Mail, Unsendable, compose, reply_address
from mailing.owner import MailOwner

COMPANY, ASSESSMENT, ADVISOR = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_a_mail_to_a_company_and_one_to_an_advisor_about_it_name_their_owners():
    assert MailOwner.company(COMPANY, ASSESSMENT).columns() == {
        "owner_company_id": COMPANY,
        "owner_assessment_id": ASSESSMENT,
        "owner_advisor_id": None,
    }
    assert MailOwner.advisor(ADVISOR, COMPANY, ASSESSMENT).columns() == {
        "owner_company_id": COMPANY,
        "owner_assessment_id": ASSESSMENT,
        "owner_advisor_id": ADVISOR,
    }
    assert MailOwner(None, None, ADVISOR).advisor_id == ADVISOR


@pytest.mark.parametrize(
    ("owner", "reason"),
    [
        ((None, None, None), "a mail belongs to a company or to an advisor"),
        ((None, ASSESSMENT, ADVISOR), "an assessment's mail names its company too"),
    ],
)
def test_a_mail_without_an_owner_to_select_it_by_is_refused(owner: tuple, reason: str):
    with pytest.raises(ValueError, match=reason):
        MailOwner(*owner)


def test_compose_names_what_could_not_be_written():
    fine = compose(dedupe_key="a", to="erika@example.com", subject="Betreff", text="Text")
    refused = compose(dedupe_key="b", to="jörg@example.org", subject="Betreff", text="Text")

    assert isinstance(fine, Mail)
    assert isinstance(refused, Unsendable)
    assert (refused.dedupe_key, refused.to, refused.subject) == ("b", "jörg@example.org", "Betreff")
    assert refused.reason.startswith("to must be plain ASCII")


def test_a_reply_to_the_mail_layer_refuses_is_left_out():
    assert reply_address("erika@example.com") == "erika@example.com"
    assert reply_address("jörg@example.org") is None
    assert reply_address("erika@example.com\nBcc: x@example.org") is None
