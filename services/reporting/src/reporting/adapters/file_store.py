"""PDF files on the local file system (a mounted volume in production), under stable keys.

The key is derived from the assessment and report ids, so rendering the same assessment
again after a crash overwrites the same file instead of leaving an orphan beside it.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path


def file_key(assessment_id: uuid.UUID, report_id: uuid.UUID) -> str:
    return f"{assessment_id}/{report_id}.pdf"


class FileReportStore:
    def __init__(self, root: Path) -> None:
        self._root = root

    def save(self, key: str, content: bytes) -> None:
        """Write atomically: a reader sees the old file or the whole new one, never half."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def path(self, key: str) -> Path:
        return self._root / key
