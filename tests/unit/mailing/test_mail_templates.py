"""The one renderer of mails: a mail folder with subject, text and HTML part, written once
and translated by the package's catalogues; what a template names must be passed, a subject
is one line, only the HTML part escapes (inside translated text too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError
from testkit.catalogues import write_catalogues

from mailing.message import Mail
from mailing.templates import MailTemplates
from wording.catalogues import Catalogues

NAME = 'Müller & Söhne <b>GmbH</b>, "Werk 2"'
GERMAN = {"Hello %(company)s": "Hallo %(company)s", "The end": "Ende"}
DUTCH = {"Hello %(company)s": "Hallo %(company)s (nl)", "The end": "Einde"}


def _mails(tmp_path: Path, **parts: str) -> MailTemplates:
    folder = tmp_path / "mail" / "hello"
    folder.mkdir(parents=True)
    defaults = {
        "subject.txt": "{% trans %}Hello {{ company }}{% endtrans %}\n",
        "body.txt": (
            "{{ company }}\n{% if link %}\n{{ link }}\n{% endif %}\n"
            "{% trans %}The end{% endtrans %}\n\n"
        ),
        "body.html": "<p>{% trans %}Hello {{ company }}{% endtrans %}</p>\n",
    }
    for part, text in (defaults | parts).items():
        (folder / part).write_text(text, encoding="utf-8")
    locale = write_catalogues(tmp_path / "locale", {"de": GERMAN, "nl": DUTCH})
    return MailTemplates(tmp_path / "mail", Catalogues(locale))


@pytest.mark.parametrize(
    ("language", "subject", "end"),
    [
        ("de", "Hallo ACME", "Ende"),
        ("en", "Hello ACME", "The end"),
        ("nl", "Hallo ACME (nl)", "Einde"),
    ],
)
def test_a_mail_renders_its_three_parts_in_the_language_asked_for(
    tmp_path: Path, language: str, subject: str, end: str
):
    words = _mails(tmp_path).render("hello", language, {"company": "ACME", "link": None})

    assert words["subject"] == subject
    assert words["text"] == f"ACME\n{end}\n"  # block tags leave no blank lines
    assert words["html"] == f"<p>{subject}</p>\n"
    assert Mail(dedupe_key="k", to="a@example.org", **words).subject == subject


def test_the_html_part_escapes_what_was_typed_and_subject_and_text_do_not(tmp_path: Path):
    words = _mails(tmp_path).render("hello", "de", {"company": NAME, "link": None})

    assert words["html"] == (
        "<p>Hallo Müller &amp; Söhne &lt;b&gt;GmbH&lt;/b&gt;, &#34;Werk 2&#34;</p>\n"
    )
    assert words["subject"] == f"Hallo {NAME}"
    assert words["text"].startswith(f"{NAME}\n")


def test_a_value_the_templates_name_but_the_caller_did_not_pass_fails_loudly(tmp_path: Path):
    with pytest.raises(UndefinedError, match="link"):
        _mails(tmp_path).render("hello", "de", {"company": "ACME"})


@pytest.mark.parametrize(
    "subject",
    ["Hallo\n{{ company }}\n", "Hallo {{ company }}\n\nmehr\n", "{{ company }}\u2028Bcc: x\n"],
)
def test_a_subject_of_more_than_one_line_is_refused(tmp_path: Path, subject: str):
    mails = _mails(tmp_path, **{"subject.txt": subject})

    with pytest.raises(ValueError, match="more than one line"):
        mails.render("hello", "de", {"company": "ACME", "link": None})


def test_a_subject_written_over_block_tags_is_the_one_line_they_leave(tmp_path: Path):
    mails = _mails(
        tmp_path, **{"subject.txt": "{% if link %}\nMit Link\n{% else %}\nOhne\n{% endif %}\n"}
    )

    words = mails.render("hello", "de", {"company": "ACME", "link": "x"})

    assert words["subject"] == "Mit Link"


def test_a_language_wegweiser_does_not_write_falls_back_to_german(tmp_path: Path):
    mails = _mails(tmp_path)

    assert [mails.written_in("hello", language) for language in ("de", "en", "nl")] == [
        "de",
        "en",
        "nl",
    ]
    assert [mails.written_in("hello", other) for other in ("fr", "", "..", None)] == ["de"] * 4
    words = mails.render("hello", "fr", {"company": "ACME", "link": None})
    assert words["subject"] == "Hallo ACME"
