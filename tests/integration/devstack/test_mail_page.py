from __future__ import annotations

import smtplib
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from devstack.mail_page import MailPage
from devstack.ports import free_port
from devstack.smtp_sink import SmtpSink

pytestmark = pytest.mark.integration

SUBJECT = "Termin <script>alert('subject')</script> & Grüße"


@pytest.fixture
def mail_page(smtp_sink: SmtpSink) -> Iterator[MailPage]:
    with MailPage(smtp_sink.mail_dir, port=free_port()) as page:
        yield page


def deliver(sink: SmtpSink) -> str:
    """Send one mail with a text and an HTML part; return its file name."""
    mail = EmailMessage()
    mail["From"] = "noreply@example.org"
    mail["To"] = "kunde@example.org"
    mail["Subject"] = SUBJECT
    mail.set_content("Ihr Termin ist bestätigt.")
    mail.add_alternative("<p>Termin</p><script>alert('body')</script>", subtype="html")
    with smtplib.SMTP(sink.host, sink.port, timeout=5) as client:
        client.send_message(mail)
    sink.wait_for(1, timeout=5)
    return sink.paths()[-1].name


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def test_the_index_lists_the_mail_with_its_subject_escaped(
    smtp_sink: SmtpSink, mail_page: MailPage
) -> None:
    name = deliver(smtp_sink)

    status, headers, body = get(mail_page.url)

    page = body.decode()
    assert status == 200
    assert "Termin &lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt; &amp; Grüße" in page
    assert "<script" not in page
    assert f'href="/mail/{name}"' in page
    assert "script-src" not in headers["Content-Security-Policy"]  # default-src 'none' applies


def test_a_mail_page_shows_headers_text_and_a_sandboxed_html_part(
    smtp_sink: SmtpSink, mail_page: MailPage
) -> None:
    name = deliver(smtp_sink)

    status, _, body = get(f"{mail_page.url}mail/{name}")
    page = body.decode()
    assert status == 200
    assert "<script" not in page
    assert "Ihr Termin ist bestätigt." in page
    assert f'<iframe sandbox src="/mail/{name}/html"' in page

    status, headers, html = get(f"{mail_page.url}mail/{name}/html")
    assert status == 200
    assert headers["Content-Security-Policy"].startswith("sandbox;")
    assert b"<p>Termin</p>" in html


def test_the_raw_download_is_the_stored_file(smtp_sink: SmtpSink, mail_page: MailPage) -> None:
    name = deliver(smtp_sink)

    status, headers, raw = get(f"{mail_page.url}raw/{name}")

    assert status == 200
    assert headers["Content-Type"] == "message/rfc822"
    assert "attachment" in headers["Content-Disposition"]
    assert raw == (smtp_sink.mail_dir / name).read_bytes()


@pytest.mark.parametrize(
    "path",
    ["mail/nope.eml", "raw/..%2F..%2Fetc%2Fpasswd", "raw/../../etc/passwd", "elsewhere"],
)
def test_anything_but_a_stored_mail_is_not_found(mail_page: MailPage, path: str) -> None:
    status, _, _ = get(mail_page.url + path)
    assert status == 404
