"""The one renderer of mails: a mail folder per language with subject, text and HTML part;
what a template names must be passed, a subject is one line, only the HTML part escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError

from mailing.message import Mail
from mailing.templates import MailTemplates

NAME = 'Müller & Söhne <b>GmbH</b>, "Werk 2"'


def _mail(root: Path, name: str = "hello", language: str = "de", **parts: str) -> None:
    folder = root / name / language
    folder.mkdir(parents=True)
    defaults = {
        "subject.txt": "Hallo {{ company }}\n",
        "body.txt": "Guten Tag,\n\n{{ company }}\n{% if link %}\n{{ link }}\n{% endif %}\nEnde\n",
        "body.html": "<p>{{ company }}</p>\n",
    }
    for part, text in (defaults | parts).items():
        (folder / part).write_text(text, encoding="utf-8")


def test_a_mail_renders_its_three_parts_in_the_language_asked_for(tmp_path: Path):
    _mail(tmp_path)
    _mail(tmp_path, language="en", **{"subject.txt": "Hello {{ company }}\n"})
    mails = MailTemplates(tmp_path)

    words = mails.render("hello", "en", {"company": "ACME", "link": None})

    assert words["subject"] == "Hello ACME"
    assert words["text"] == "Guten Tag,\n\nACME\nEnde\n"  # block tags leave no blank lines
    assert words["html"] == "<p>ACME</p>\n"
    assert Mail(dedupe_key="k", to="a@example.org", **words).subject == "Hello ACME"


def test_the_html_part_escapes_what_was_typed_and_subject_and_text_do_not(tmp_path: Path):
    _mail(tmp_path)

    words = MailTemplates(tmp_path).render("hello", "de", {"company": NAME, "link": None})

    assert words["html"] == "<p>Müller &amp; Söhne &lt;b&gt;GmbH&lt;/b&gt;, &#34;Werk 2&#34;</p>\n"
    assert words["subject"] == f"Hallo {NAME}"
    assert f"\n{NAME}\n" in words["text"]


def test_a_value_the_templates_name_but_the_caller_did_not_pass_fails_loudly(tmp_path: Path):
    _mail(tmp_path)

    with pytest.raises(UndefinedError, match="link"):
        MailTemplates(tmp_path).render("hello", "de", {"company": "ACME"})


@pytest.mark.parametrize(
    "subject",
    ["Hallo\n{{ company }}\n", "Hallo {{ company }}\n\nmehr\n", "{{ company }}\u2028Bcc: x\n"],
)
def test_a_subject_of_more_than_one_line_is_refused(tmp_path: Path, subject: str):
    _mail(tmp_path, **{"subject.txt": subject})

    with pytest.raises(ValueError, match="more than one line"):
        MailTemplates(tmp_path).render("hello", "de", {"company": "ACME", "link": None})


def test_a_subject_written_over_block_tags_is_the_one_line_they_leave(tmp_path: Path):
    _mail(tmp_path, **{"subject.txt": "{% if link %}\nMit Link\n{% else %}\nOhne\n{% endif %}\n"})

    words = MailTemplates(tmp_path).render("hello", "de", {"company": "ACME", "link": "x"})

    assert words["subject"] == "Mit Link"


def test_a_language_the_mail_is_not_written_in_falls_back_to_german(tmp_path: Path):
    _mail(tmp_path)
    _mail(tmp_path, language="en")
    mails = MailTemplates(tmp_path)

    assert mails.languages("hello") == {"de", "en"}
    assert mails.written_in("hello", "en") == "en"
    assert [mails.written_in("hello", other) for other in ("nl", "", "..", None)] == ["de"] * 4
