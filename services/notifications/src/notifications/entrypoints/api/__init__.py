"""The JSON API of the notifications service (`/api/v1`: booking): the blueprint and its
OpenAPI document."""

from notifications.entrypoints.api.views import API_PREFIX, api

__all__ = ["API_PREFIX", "api"]
