"""GDPR in the reporting service: its part of a company's export, and erasure of the
company's reports (rows and PDF files) and benchmark entries."""
