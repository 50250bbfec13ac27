"""GDPR as every Wegweiser service takes part in it, in one place.

The erasure saga and the ledger that keeps erased data erased (`privacy.erasure_ledger`),
the revocation of a company's signed links (`privacy.link_cutoffs`), each service's part of a
company's export behind a signed link (`privacy.export`) and the retention periods
(`privacy.retention`). Which mail columns name a person is the mail outbox's knowledge and
stays in `mailing.privacy`.
"""
