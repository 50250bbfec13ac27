"""What the notifications service consumes: scored assessments (routing, the desk's read
model), the rulesets' words, generated reports (the mails to the advisor and the company),
erasure requests (the company's read model, meetings and mails go) and revocations of a
company's links (older booking and export links answer 403)."""

from __future__ import annotations

import os
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from eventing.inbox import apply_once
from eventing.topics import ASSESSMENT_EVENTS, PRIVACY_EVENTS, REPORT_EVENTS
from eventing.worker import ConsumerSpec
from notifications.messages.links import MailLinks
from notifications.privacy.erasure import SERVICE, erase_company
from notifications.report_ready import report_generated
from notifications.ruleset_published import ruleset_published
from notifications.scored_assessment import assessment_scored
from privacy.erasure_ledger import erasure_effect, unless_erased
from privacy.link_cutoffs import revocation_effect
from servicekit.settings import ServiceSettings

CONSUMER = "notifications"


def consumer_spec(engine: Engine, links: MailLinks | None = None) -> ConsumerSpec:
    if links is None:
        settings = ServiceSettings.from_env(CONSUMER, os.environ)
        links = MailLinks.from_env(os.environ, settings.public_base_url)
    sessions = sessionmaker(engine)
    effects = {
        # A replayed or late event about an erased assessment stores and mails nothing.
        ("assessment.scored", 1): unless_erased(partial(assessment_scored, links)),
        ("report.generated", 1): unless_erased(partial(report_generated, links)),
        ("ruleset.published", 1): ruleset_published,
        ("erasure.requested", 1): erasure_effect(SERVICE, erase_company),
        ("company.links_revoked", 1): unless_erased(revocation_effect()),
    }
    return ConsumerSpec(
        name=CONSUMER,
        topics=(ASSESSMENT_EVENTS.name, REPORT_EVENTS.name, PRIVACY_EVENTS.name),
        handlers={key: apply_once(sessions, CONSUMER, effect) for key, effect in effects.items()},
    )
