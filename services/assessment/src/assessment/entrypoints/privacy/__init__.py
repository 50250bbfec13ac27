"""The company's privacy requests as web entrypoints: the API's and the pages' blueprints, and
the API's part of the OpenAPI document. What they do is in assessment.privacy."""
