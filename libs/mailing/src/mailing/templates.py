"""Mails written as template folders, rendered the one way every service writes mail.

A service keeps each mail in `templates/mail/<mail>/` inside its package: `subject.txt`,
`body.txt` and `body.html`, Jinja templates over the values the service passes (names,
links, dates already formatted). The Python side builds those values; the words are in the
templates, written once in English inside `{% trans %}` and translated in the package's
gettext catalogues (`wording.catalogues`), so a mail reads the same in German, English and
Dutch and a fourth language is a catalogue away. Each language has its own Jinja
environment with its translations installed, so mailers may render in threads.

Every HTML part extends the one branded layout, `_layout/base.html` (this package's
`layout/base.html`): a mail fills its `preheader`, `content` and `reason` blocks, and the
layout's own words (the footer's sender line) are translated in this package's catalogues,
merged under the service's. The text part is written for itself, a real alternative.

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

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)

from wording.catalogues import Catalogues, locale_directory
from wording.languages import LANGUAGES, Language, language_or_default

PARTS = ("subject.txt", "body.txt", "body.html")
LAYOUT = "_layout/base.html"
_LAYOUT_FOLDER = Path(str(files("mailing") / "layout"))


class MailText(TypedDict):
    """The words of one mail, as `Mail` and `compose` take them (`**words`)."""

    subject: str
    text: str
    html: str


class MailTemplates:
    """The mail folders below `root`, translated with `catalogues` (over the layout's)."""

    def __init__(self, root: Path, catalogues: Catalogues) -> None:
        self.root = root
        # The service's catalogue last: where both translate an id, the service's words win.
        self._catalogues = Catalogues(locale_directory("mailing"), *catalogues.directories)

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
        jinja2's UndefinedError for a value the templates name but `values` lacks,
        TemplateRuntimeError for a block of the layout the HTML part leaves out, and
        ValueError for a subject of more than one line."""
        environment = self._environments[self.written_in(mail, language)]
        subject_part, text_part, html_part = (
            environment.get_template(f"{mail}/{part}") for part in PARTS
        )
        # The file's own line break (or a block tag's) around the subject is not part of it.
        subject = subject_part.render(values).strip()
        if len(subject.splitlines()) > 1:
            raise ValueError(f"the subject of mail {mail!r} ({language}) is more than one line")
        # The layout's <title>: what a browser shows for a mail opened outside the mail client.
        html = html_part.render(values | {"subject": subject})
        return MailText(subject=subject, text=text_part.render(values), html=html)

    @cached_property
    def _environments(self) -> dict[Language, Environment]:
        return {language: self._environment(language) for language in LANGUAGES}

    def _environment(self, language: Language) -> Environment:
        environment = Environment(
            # The layout first, so no mail folder can stand in for it.
            loader=ChoiceLoader(
                [
                    PrefixLoader({"_layout": FileSystemLoader(_LAYOUT_FOLDER)}),
                    FileSystemLoader(self.root),
                ]
            ),
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
