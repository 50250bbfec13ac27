"""GDPR in the assessment service: consent records (kept with each assessment), the export,
erasure (requested here or at the notifications desk; confirmed to the company from here)
and retention. See erasure.py for the saga and privacy.erasure_ledger for the ledger."""
