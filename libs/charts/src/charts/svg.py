"""The pieces every chart is built from: the <svg> element and escaped text."""

from __future__ import annotations

from markupsafe import Markup, escape


def number(value: float) -> str:
    return f"{value:.1f}"


def svg(
    kind: str, width: float, height: float, body: str, *, title: str, description: str = ""
) -> Markup:
    """An accessible image: its title (and description) name it to screen readers."""
    desc = f"<desc>{escape(description)}</desc>" if description else ""
    # Safe: the body is built in this package from numbers and escaped texts only.
    return Markup(  # noqa: S704
        f'<svg class="{kind}" xmlns="http://www.w3.org/2000/svg" width="{number(width)}" '
        f'height="{number(height)}" viewBox="0 0 {number(width)} {number(height)}" '
        f'role="img"><title>{escape(title)}</title>{desc}{body}</svg>'
    )


def text(
    x: float,
    y: float,
    content: str,
    *,
    kind: str = "label",
    size: int = 10,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = "#222",
) -> str:
    return (
        f'<text x="{number(x)}" y="{number(y)}" class="{kind}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )
