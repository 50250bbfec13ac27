"""Mail as an outbox: `queue_mail` records it with the change that caused it, `MailSender`
delivers it over SMTP with retry and backoff, so an SMTP outage delays mail and loses none."""
