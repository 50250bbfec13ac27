"""The pieces every chart is built from: the <svg> element and escaped text."""

from __future__ import annotations

from markupsafe import Markup, escape

INK = "#222222"


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


def _luminance(colour: str) -> float:
    """WCAG's relative luminance of a `#rrggbb` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two `#rrggbb` colours (1 to 21)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tint(colour: str, opacity: float) -> str:
    """`colour` drawn with `opacity` over the white page, as a reader sees it."""
    return "#" + "".join(
        f"{round(int(colour[i : i + 2], 16) * opacity + 255 * (1 - opacity)):02x}"
        for i in (1, 3, 5)
    )


def readable_on(background: str) -> str:
    """White or ink, whichever reads better on `background`: a text drawn on a coloured
    shape takes its colour from the shape, so WCAG's contrast holds whatever the colour."""
    return max(("#ffffff", INK), key=lambda colour: contrast(colour, background))


def text(
    x: float,
    y: float,
    content: str,
    *,
    kind: str = "label",
    size: int = 10,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
) -> str:
    return (
        f'<text x="{number(x)}" y="{number(y)}" class="{kind}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
    )
