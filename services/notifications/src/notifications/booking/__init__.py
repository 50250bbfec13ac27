"""Booking the Transformationsgespräch: the company's pages, the JSON API, and the service
both call (book, move, cancel with events, invitations and mails)."""
