"""Mails written as template folders, rendered the one way every service writes mail.

A service keeps each mail in `templates/mail/<mail>/<language>/` inside its package:
`subject.txt`, `body.txt` and `body.html`, Jinja templates over the values the service
passes (names, links, dates already formatted). The Python side builds those values; the
words are in the templates.

One folder per language until the wording moves to gettext catalogues (German, English,
Dutch with Babel): then each mail's language folders become one set of files written with
`{% trans %}`, and `render(mail, language, values)` stays as it is, so no caller changes.

Rendering fails loudly: a value the template names but the caller did not pass raises
(StrictUndefined), and a subject must render to one line. The HTML part is autoescaped, so
whatever a company typed stays text there; the subject and the text part are not markup and
are not escaped.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any, TypedDict

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

PARTS = ("subject.txt", "body.txt", "body.html")
# A mail not written in the asked language is written in the cluster's: German.
DEFAULT_LANGUAGE = "de"


class MailText(TypedDict):
    """The words of one mail, as `Mail` and `compose` take them (`**words`)."""

    subject: str
    text: str
    html: str


class MailTemplates:
    """The mail folders below `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._templates = Environment(
            loader=FileSystemLoader(root),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=StrictUndefined,
            # A body is the file as written, up to its last line break.
            keep_trailing_newline=True,
            # Block tags ({% if %}) take their line with them: no stray blank lines in text.
            trim_blocks=True,
            lstrip_blocks=True,
        )

    @classmethod
    def of_package(cls, package: str) -> MailTemplates:
        """The mails of a service package, in its `templates/mail/`."""
        return cls(Path(str(files(package) / "templates" / "mail")))

    def written_in(self, mail: str, language: str | None) -> str:
        """The language `mail` is written in for someone who reads `language`: that one if
        the mail has it, else the default. Callers format dates and numbers in it too."""
        return language if language in self.languages(mail) else DEFAULT_LANGUAGE

    def languages(self, mail: str) -> set[str]:
        """The languages `mail` is written in: its folder's subfolders."""
        return {path.name for path in (self.root / mail).iterdir() if path.is_dir()}

    def render(self, mail: str, language: str, values: dict[str, Any]) -> MailText:
        """Subject, text and HTML part of `mail` in `language` (which it must have: see
        `written_in`). Raises jinja2's UndefinedError for a value the templates name but
        `values` lacks, and ValueError for a subject of more than one line."""
        subject, text, html = (
            self._templates.get_template(f"{mail}/{language}/{part}").render(values)
            for part in PARTS
        )
        # The file's own line break (or a block tag's) around the subject is not part of it.
        subject = subject.strip()
        if len(subject.splitlines()) > 1:
            raise ValueError(f"the subject of mail {mail!r} ({language}) is more than one line")
        return MailText(subject=subject, text=text, html=html)
