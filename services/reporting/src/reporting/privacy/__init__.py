"""GDPR in the reporting service: its part of a company's export, erasure of the company's
reports (rows and PDF files) and benchmark entries, and new download links once the company
revoked its old ones."""
