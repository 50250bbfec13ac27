"""Mails written as template folders, rendered the one way every service writes mail.

A service keeps each mail in `templates/mail/<mail>/` inside its package: `subject.txt`,
`body.txt` and `body.html`, Jinja templates over the values the service passes (names,
links, dates already formatted). The Python side builds those values; the words are in the
templates, written once in English inside `{% trans %}` and translated in the package's
gettext catalogues (`wording.catalogues`), so a mail reads the same in German, English and
Dutch and a fourth language is a catalogue away. Each language has its own Jinja
environment with its translations installed, so mailers may render in threads.

Rendering fails loudly: a value the template names but the caller did not pass raises
(StrictUndefined), and a subject must render to one line. The HTML part is autoescaped, so
whatever a company typed stays text there (inside `{% trans %}` too); the subject and the
text part are not markup and are not escaped.
"""

from __future__ import annotations

from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any, TypedDict

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from wording.catalogues import Catalogues
from wording.languages import LANGUAGES, Language, language_or_default

PARTS = ("subject.txt", "body.txt", "body.html")


class MailText(TypedDict):
    """The words of one mail, as `Mail` and `compose` take them (`**words`)."""

    subject: str
    text: str
    html: str


class MailTemplates:
    """The mail folders below `root`, translated with `catalogues`."""

    def __init__(self, root: Path, catalogues: Catalogues) -> None:
        self.root = root
        self._catalogues = catalogues

    @classmethod
    def of_package(cls, package: str) -> MailTemplates:
        """The mails of a service package, in its `templates/mail/`."""
        return cls(
            Path(str(files(package) / "templates" / "mail")), Catalogues.of_packages(package)
        )

    def written_in(self, mail: str, language: str | None) -> Language:
        """The language `mail` is written in for someone who reads `language`: that one if
        Wegweiser writes it, else German. Callers format dates and numbers in it too."""
        return language_or_default(language)

    def render(self, mail: str, language: str, values: dict[str, Any]) -> MailText:
        """Subject, text and HTML part of `mail` in `language` (see `written_in`). Raises
        jinja2's UndefinedError for a value the templates name but `values` lacks, and
        ValueError for a subject of more than one line."""
        environment = self._environments[self.written_in(mail, language)]
        subject, text, html = (
            environment.get_template(f"{mail}/{part}").render(values) for part in PARTS
        )
        # The file's own line break (or a block tag's) around the subject is not part of it.
        subject = subject.strip()
        if len(subject.splitlines()) > 1:
            raise ValueError(f"the subject of mail {mail!r} ({language}) is more than one line")
        return MailText(subject=subject, text=text, html=html)

    @cached_property
    def _environments(self) -> dict[Language, Environment]:
        return {language: self._environment(language) for language in LANGUAGES}

    def _environment(self, language: Language) -> Environment:
        environment = Environment(
            loader=FileSystemLoader(self.root),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=StrictUndefined,
            # A body is the file as written, up to its last line break.
            keep_trailing_newline=True,
            # Block tags ({% if %}) take their line with them: no stray blank lines in text.
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        # A paragraph is one message, however its lines are wrapped in the template (the
        # same in babel.cfg, so extraction sees the same ids).
        environment.policies["ext.i18n.trimmed"] = True
        # New-style gettext: placeholders by name (%(company)s), escaped in the HTML part.
        environment.install_gettext_translations(  # type: ignore[attr-defined]
            self._catalogues.translations(language), newstyle=True
        )
        environment.globals["language"] = language
        return environment
