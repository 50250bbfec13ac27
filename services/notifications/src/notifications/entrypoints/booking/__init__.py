"""The company's booking pages under its booking link (`/book/<token>`): the blueprint."""

from notifications.entrypoints.booking.pages import pages

__all__ = ["pages"]
