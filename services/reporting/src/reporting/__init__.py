"""Reporting service: renders the PDF Potenzialanalyse from each scored assessment."""
