"""Rendering a mail from its templates: `<name>.<language>.txt` and `.html` under
templates/messages/. The HTML part is autoescaped, so whatever a company typed stays text;
values are passed as variables, never compiled as templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "messages"


# HTML templates autoescape, text templates do not (a text part is not markup).
_templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    # Block tags ({% for %}) take their line with them: no stray blank lines in text parts.
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, language: str, values: dict[str, Any]) -> tuple[str, str]:
    """(text, html) of the mail `name` in `language`."""
    text = _templates.get_template(f"{name}.{language}.txt").render(values)
    html = _templates.get_template(f"{name}.{language}.html").render(values)
    return text, html
