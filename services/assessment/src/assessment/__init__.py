"""Assessment service: the online self-assessment, its scoring, and the company's result page."""
