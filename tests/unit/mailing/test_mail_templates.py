"""The one renderer of mails: a mail folder with subject, text and HTML part, written once
and translated by the package's catalogues; what a template names must be passed, a subject
is one line, only the HTML part escapes (inside translated text too). An HTML part extends
the branded layout, whose own words come from mailing's catalogue in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import TemplateRuntimeError, UndefinedError
from testkit.catalogues import write_catalogues

from mailing.message import Mail
from mailing.templates import LAYOUT, MailTemplates
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


IN_LAYOUT = (
    f'{{% extends "{LAYOUT}" %}}\n'
    "{% block preheader %}{% trans %}The end{% endtrans %}{% endblock %}\n"
    "{% block content %}<p>{% trans %}Hello {{ company }}{% endtrans %}</p>{% endblock %}\n"
    "{% block reason %}Weil {{ company }}{% endblock %}\n"
)
SENDER = {
    "de": "Wegweiser, der Transformations-Check des Cleantech Innovation Park Hallstadt für "
    "Automobilzulieferer in Oberfranken",
    "en": "Wegweiser, the transformation check of the Cleantech Innovation Park Hallstadt for "
    "automotive suppliers in Upper Franconia",
    "nl": "Wegweiser, de transformatiecheck van het Cleantech Innovation Park Hallstadt voor "
    "automotive-toeleveranciers in Opper-Franken",
}
BRAND = (
    '<td style="background-color:#00594f; padding:20px 32px; font-family:Arial, Helvetica, '
    'sans-serif; font-size:17px; line-height:24px; font-weight:bold; color:#ffffff;">'
    "Cleantech Innovation Park Hallstadt · Wegweiser</td>"
)
_PREHEADER = re.compile(r'<div style="display:none;[^"]*">(.*?)</div>')
_FOOTER_LINES = re.compile(r'<p style="margin:0[^"]*">(.*?)</p>', re.DOTALL)
# The tags the HTML parts use; an address in angle brackets (<name@example.org>) is text.
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|meta|title|div|table|tr|th|td|p|a|br|s|strong|h\d|ol|li)\b"
)


@pytest.mark.parametrize(
    ("language", "subject", "end"),
    [
        ("de", "Hallo ACME", "Ende"),
        ("en", "Hello ACME", "The end"),
        ("nl", "Hallo ACME (nl)", "Einde"),
    ],
)
def test_the_html_part_is_the_branded_layout_in_the_readers_language(
    tmp_path: Path, language: str, subject: str, end: str
):
    html = _mails(tmp_path, **{"body.html": IN_LAYOUT}).render(
        "hello", language, {"company": "ACME", "link": None}
    )["html"]

    assert html.startswith(
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">'
    )
    assert f"<title>{subject}</title>" in html
    assert _PREHEADER.findall(html) == [end]
    assert BRAND in html
    assert f"<p>{subject}</p>" in html
    assert [" ".join(line.split()) for line in _FOOTER_LINES.findall(html)] == [
        SENDER[language],
        "Weil ACME",
    ]


def test_a_language_wegweiser_does_not_write_gets_the_layout_in_german(tmp_path: Path):
    html = _mails(tmp_path, **{"body.html": IN_LAYOUT}).render(
        "hello", "fr", {"company": "ACME", "link": None}
    )["html"]

    assert '<html lang="de">' in html
    assert SENDER["de"] in " ".join(html.split())


def test_inside_the_layout_what_was_typed_stays_text_in_every_block(tmp_path: Path):
    html = _mails(tmp_path, **{"body.html": IN_LAYOUT}).render(
        "hello", "de", {"company": NAME, "link": None}
    )["html"]
    typed = "Müller &amp; Söhne &lt;b&gt;GmbH&lt;/b&gt;, &#34;Werk 2&#34;"

    assert "<b>" not in html
    assert f"<title>Hallo {typed}</title>" in html  # the subject, escaped as HTML
    assert f"<p>Hallo {typed}</p>" in html
    assert f"Weil {typed}</p>" in html


def test_a_mail_that_leaves_a_block_of_the_layout_empty_fails_loudly(tmp_path: Path):
    without_reason = IN_LAYOUT.rpartition("{% block reason %}")[0]
    mails = _mails(tmp_path, **{"body.html": without_reason})

    with pytest.raises(TemplateRuntimeError, match="reason"):
        mails.render("hello", "de", {"company": "ACME", "link": None})


def test_the_services_catalogue_wins_over_the_layouts(tmp_path: Path):
    own = {"de": GERMAN | {SENDER["en"]: "Ihr Cluster"}, "nl": DUTCH}
    folder = tmp_path / "mail" / "hello"
    folder.mkdir(parents=True)
    for part, text in {"subject.txt": "x\n", "body.txt": "x\n", "body.html": IN_LAYOUT}.items():
        (folder / part).write_text(text, encoding="utf-8")
    mails = MailTemplates(tmp_path / "mail", Catalogues(write_catalogues(tmp_path / "l", own)))

    html = mails.render("hello", "de", {"company": "ACME"})["html"]

    assert "Ihr Cluster" in html
    assert SENDER["de"] not in " ".join(html.split())


RESUME = {
    "name": "Erika Muster",
    "company": "ACME",
    "link": "https://wegweiser.example.org/r/abc",
    "expires": "1.5.2026",
}
MEETING = {
    "kind": "booked",
    "when": "Di., 3. März 2026, 10:00",
    "previous_when": None,
    "advisor": {"name": "Anna Berater", "email": "anna@example.org"},
    "company": {"company_name": "ACME", "contact_name": "Erika Muster"},
    "booking_url": "https://b.example.org/new",
    "reschedule_url": "https://b.example.org/move",
    "cancel_url": "https://b.example.org/cancel",
    "attached": True,
}
REASON = {
    ("assessment", "resume_link", "de"): "Sie erhalten diese E-Mail, weil diese Adresse für den "
    "Wegweiser Transformations-Check angegeben wurde.",
    ("assessment", "resume_link", "en"): "You receive this mail because this address was given "
    "for the Wegweiser transformation check.",
    ("assessment", "resume_link", "nl"): "U ontvangt deze e-mail omdat dit adres is opgegeven "
    "voor de Wegweiser transformatiecheck.",
    ("notifications", "meeting_company", "de"): "Sie erhalten diese E-Mail, weil mit dieser "
    "Adresse ein Transformationsgespräch gebucht wurde.",
    ("notifications", "meeting_company", "en"): "You receive this mail because a transformation "
    "meeting was booked with this address.",
    ("notifications", "meeting_company", "nl"): "U ontvangt deze e-mail omdat met dit adres een "
    "transformatiegesprek is geboekt.",
}

PREHEADER = {
    ("assessment", "resume_link", "de"): "Ihr Link zum Fortsetzen des Checks, gültig bis 1.5.2026.",
    ("assessment", "resume_link", "en"): "Your link to continue the check, valid until 1.5.2026.",
    (
        "assessment",
        "resume_link",
        "nl",
    ): "Uw link om de check voort te zetten, geldig tot 1.5.2026.",
    **{
        ("notifications", "meeting_company", language): "Di., 3. März 2026, 10:00 · Anna Berater"
        for language in ("de", "en", "nl")
    },
}


@pytest.mark.parametrize("language", ["de", "en", "nl"])
@pytest.mark.parametrize(
    ("package", "mail", "values"),
    [("assessment", "resume_link", RESUME), ("notifications", "meeting_company", MEETING)],
    ids=["resume_link", "meeting_company"],
)
def test_a_services_mail_has_the_layout_in_html_and_a_text_part_without_markup(
    package: str, mail: str, values: dict, language: str
):
    words = MailTemplates.of_package(package).render(mail, language, values)

    assert f'<html lang="{language}">' in words["html"]
    assert BRAND in words["html"]
    assert [" ".join(line.split()) for line in _FOOTER_LINES.findall(words["html"])] == [
        SENDER[language],
        REASON[package, mail, language],
    ]
    assert _PREHEADER.findall(words["html"]) == [PREHEADER[package, mail, language]]
    assert _HTML_TAG.search(words["text"]) is None
    assert words["text"].splitlines()[0].endswith(" Erika Muster,")  # the greeting, as written
