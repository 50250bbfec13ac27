"""The JSON API of the assessment service (`/api/v1`): the blueprint and its OpenAPI document."""

from assessment.entrypoints.api.views import API_PREFIX, api

__all__ = ["API_PREFIX", "api"]
