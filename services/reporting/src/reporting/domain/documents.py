"""What reporting renders: kinds of documents, and the one request every kind is rendered
from (the report today; comparisons, certificates and snapshots are further kinds).

A kind is its template (`templates/documents/<name>.html`), how its documents are named
and identified; a request is a kind, what the document is about, its language and the model
its template shows. One pipeline (services/render_document) takes any request to a stored
PDF, so a new kind adds a template, a model and an entry here, not a pipeline.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DocumentKind:
    name: str
    # A document's id derives from what it is about: rendering again gives the same id.
    id_namespace: uuid.UUID
    file_names: Mapping[str, str]  # by language: what the download is called

    def document_id(self, subject_id: uuid.UUID) -> uuid.UUID:
        return uuid.uuid5(self.id_namespace, str(subject_id))

    def download_name(self, language: str, day: date) -> str:
        name = self.file_names.get(language) or self.file_names["de"]
        return f"{name}-{day:%Y-%m-%d}.pdf"


@dataclass(frozen=True)
class RenderRequest:
    kind: DocumentKind
    subject_id: uuid.UUID  # the assessment the document is about
    language: str
    model: object  # what the kind's template shows, under the kind's name

    @property
    def document_id(self) -> uuid.UUID:
        return self.kind.document_id(self.subject_id)


REPORT = DocumentKind(
    name="report",
    id_namespace=uuid.UUID("5d0b7f0e-7a43-4c55-9f3e-2f1c0d8a6b21"),
    file_names={"de": "Potenzialanalyse", "en": "Potential-analysis", "nl": "Potentieelanalyse"},
)
