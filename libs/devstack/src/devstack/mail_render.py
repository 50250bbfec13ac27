"""HTML for the mail read page. Everything taken from a mail is escaped: mails are untrusted."""

from __future__ import annotations

import email.parser
from email.message import EmailMessage
from email.policy import default as default_policy
from html import escape
from pathlib import Path
from typing import cast

from devstack.mailbox import arrival_time, read_message

INDEX_LIMIT = 500

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; }
td { vertical-align: top; }
tr:hover td { background: #f5f7fa; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: .8rem; }
iframe { width: 100%; height: 32rem; border: 1px solid #ccc; }
.muted { color: #777; }
"""


def page(title: str, body: str, *, refresh_seconds: int | None = None) -> str:
    refresh = f'<meta http-equiv="refresh" content="{refresh_seconds}">' if refresh_seconds else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"{refresh}<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def render_index(paths: list[Path]) -> str:
    newest_first = list(reversed(paths))[:INDEX_LIMIT]
    rows = "".join(_index_row(path) for path in newest_first)
    shown = f"{len(newest_first)} of {len(paths)}" if len(paths) > INDEX_LIMIT else len(paths)
    body = (
        f"<h1>Local mail</h1><p class=muted>{shown} mail(s), newest first.</p>"
        "<table><thead><tr><th>Date</th><th>From</th><th>To</th><th>Subject</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    return page("Local mail", body, refresh_seconds=5)


def render_mail(path: Path) -> str:
    message = read_message(path)
    subject = _header(message, "subject") or "(no subject)"
    headers = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(str(value))}</td></tr>"
        for name, value in message.items()
    )
    body = (
        f'<p><a href="/">&larr; all mail</a> &middot; <a href="/raw/{path.name}">download .eml</a>'
        f"</p><h1>{escape(subject)}</h1><table>{headers}</table>"
        f"{_text_section(message)}{_html_section(message, path.name)}"
        f"{_attachments_section(message)}"
    )
    return page(subject, body)


def html_part(path: Path) -> str | None:
    part = read_message(path).get_body(preferencelist=("html",))
    return None if part is None else _content(cast(EmailMessage, part))


def _index_row(path: Path) -> str:
    headers = _read_headers(path)
    date = _header(headers, "date") or f"{arrival_time(path):%Y-%m-%d %H:%M:%S} UTC"
    cells = (date, _header(headers, "from"), _header(headers, "to"))
    subject = _header(headers, "subject") or "(no subject)"
    return (
        "<tr>"
        + "".join(f"<td>{escape(cell)}</td>" for cell in cells)
        + f'<td><a href="/mail/{path.name}">{escape(subject)}</a></td></tr>'
    )


def _text_section(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return "<h2>Text part</h2><p class=muted>none</p>"
    return f"<h2>Text part</h2><pre>{escape(_content(cast(EmailMessage, part)))}</pre>"


def _html_section(message: EmailMessage, name: str) -> str:
    part = message.get_body(preferencelist=("html",))
    if part is None:
        return "<h2>HTML part</h2><p class=muted>none</p>"
    # Rendered from its own URL, which is served with a CSP sandbox as well: no mail script
    # runs even if someone opens that URL directly.
    return (
        f'<h2>HTML part</h2><iframe sandbox src="/mail/{name}/html" title="HTML part"></iframe>'
        f"<details><summary>HTML source</summary><pre>"
        f"{escape(_content(cast(EmailMessage, part)))}</pre></details>"
    )


def _attachments_section(message: EmailMessage) -> str:
    items = "".join(
        f"<li>{escape(part.get_filename() or '(unnamed)')} "
        f"<span class=muted>{escape(part.get_content_type())}</span></li>"
        for part in message.iter_attachments()
    )
    return f"<h2>Attachments</h2><ul>{items}</ul>" if items else ""


def _read_headers(path: Path) -> EmailMessage:
    parser = email.parser.BytesParser(policy=default_policy)
    with path.open("rb") as file:
        return parser.parse(file, headersonly=True)


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message[name]
    except (ValueError, IndexError):  # malformed header the policy could not parse
        return "(unreadable)"
    return "" if value is None else str(value)


def _content(part: EmailMessage) -> str:
    try:
        return str(part.get_content())
    except (LookupError, ValueError) as error:  # unknown charset, broken transfer encoding
        return f"(cannot decode this part: {error})"
