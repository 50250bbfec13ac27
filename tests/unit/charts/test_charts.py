"""The charts as the page and the PDF show them: where things are drawn, what is written."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from charts.bars import SEGMENT_COLOURS, Segment, revenue_bar
from charts.matrix import CLASS_COLOURS, MatrixTexts, matrix
from charts.radar import Series, radar
from charts.svg import contrast, tint

SVG = "{http://www.w3.org/2000/svg}"
TEXTS = MatrixTexts("Matrix", "Klasse A.", "Betroffenheit", "Handlungsfähigkeit")


def _tree(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own output, parsed to check it is XML


def _all(tree: ET.Element, tag: str, kind: str | None = None) -> list[ET.Element]:
    found = tree.iter(f"{SVG}{tag}")
    return [e for e in found if kind is None or (e.get("class") or "").split()[:1] == [kind]]


def test_the_matrix_splits_at_the_rulesets_thresholds_and_fills_the_own_class() -> None:
    tree = _tree(
        matrix(
            exposure=70,
            readiness=30,
            exposure_from=60,
            readiness_from=40,
            own_class="A",
            texts=TEXTS,
        )
    )
    quadrants = _all(tree, "rect", "quadrant")
    assert [q.get("class") for q in quadrants] == ["quadrant own", *["quadrant"] * 3]
    # 220 units for 0-100 from x=40 and y=10: readiness 40 at x=128, exposure 60 at y=98.
    a, b, c, d = ((q.get("x"), q.get("y"), q.get("width"), q.get("height")) for q in quadrants)
    assert a == ("40.0", "10.0", "88.0", "88.0")
    assert b == ("128.0", "10.0", "132.0", "88.0")
    assert c == ("40.0", "98.0", "88.0", "132.0")
    assert d == ("128.0", "98.0", "132.0", "132.0")
    assert [q.get("fill") for q in quadrants] == [CLASS_COLOURS[k] for k in "ABCD"]
    [point] = _all(tree, "circle", "point")
    assert (point.get("cx"), point.get("cy")) == ("106.0", "76.0")
    ticks = [t.text for t in _all(tree, "text", "label")][:6]
    assert ticks == ["0", "40", "100", "0", "60", "100"]


def test_the_matrix_keeps_a_score_outside_0_to_100_on_its_edge() -> None:
    tree = _tree(
        matrix(
            exposure=130,
            readiness=-5,
            exposure_from=50,
            readiness_from=50,
            own_class="A",
            texts=TEXTS,
        )
    )
    [point] = _all(tree, "circle", "point")
    assert (point.get("cx"), point.get("cy")) == ("40.0", "10.0")


def test_the_matrix_names_itself_and_escapes_its_texts() -> None:
    hostile = MatrixTexts("<b>M</b>", "A & B", "E", "R")
    markup = matrix(
        exposure=1, readiness=1, exposure_from=50, readiness_from=50, own_class="C", texts=hostile
    )
    assert markup.startswith('<svg class="matrix" ')
    tree = _tree(markup)
    assert tree.get("role") == "img"
    assert tree.find(f"{SVG}title").text == "<b>M</b>"  # type: ignore[union-attr]
    assert tree.find(f"{SVG}desc").text == "A & B"  # type: ignore[union-attr]
    assert "<b>" not in markup


def test_the_radar_draws_an_axis_per_label_and_the_own_scores_as_dots() -> None:
    labels = ["Strategie und Geschäftsmodell", "Innovation", "Digitalisierung"]
    tree = _tree(radar(labels, [Series("own", "Sie", [100, None, 50])], title="Radar"))
    assert len(_all(tree, "line", "spoke")) == 3
    assert len(_all(tree, "polygon", "ring")) == 4
    [shape] = _all(tree, "polygon", "shape")
    # Centre (300, 160), radius 115, first axis straight up, a missing score at the centre.
    assert shape.get("points") == "300.0,45.0 300.0,160.0 250.2,188.8"
    assert len(_all(tree, "circle", "dot")) == 3
    first_label = _all(tree, "text", "axis-label")[0]
    assert [span.text for span in first_label] == ["Strategie und", "Geschäftsmodell"]
    assert _all(tree, "text", "label") == []  # one series: no legend, and no room for one
    assert (tree.get("width"), tree.get("height")) == ("600.0", "324.0")


def test_the_radar_legend_names_the_company_first_whatever_the_drawing_order() -> None:
    series = [
        Series("target", "Ziel", [80, 80, 80]),
        Series("peer", "Median", [50, 40, 30]),
        Series("own", "Ihr Unternehmen", [60, 20, 10]),
    ]
    tree = _tree(radar(["a", "b", "c"], series, title="Radar"))
    assert [t.text for t in _all(tree, "text", "label")] == ["Ihr Unternehmen", "Median", "Ziel"]
    kinds = [p.get("class") for p in _all(tree, "polygon") if p.get("class") != "ring"]
    assert kinds == ["target", "peer", "shape"]
    assert len(_all(tree, "circle", "dot")) == 3  # dots mark the own scores only
    assert tree.get("height") == "360.0"


def test_the_revenue_bar_colours_its_segments_from_danger_to_growth() -> None:
    shares = [40, 30, 20, 5, 3, 1, 1]
    segments = [Segment(f"class {n}", share, n) for n, share in enumerate(shares)]
    tree = _tree(revenue_bar(segments, title="Umsatz"))
    bars = _all(tree, "rect", "segment")
    assert [b.get("fill") for b in bars] == [*SEGMENT_COLOURS, "#999999"]
    assert [b.get("width") for b in bars][:3] == ["192.0", "144.0", "96.0"]
    assert [b.get("x") for b in bars][:3] == ["0.0", "192.0", "336.0"]
    labels = [t.text for t in _all(tree, "text", "label")]
    # Shares on segments wide enough to hold them, then the legend in two columns.
    assert labels[:3] == ["40 %", "30 %", "20 %"]
    assert labels[3:] == [f"{s.label} ({s.share:.0f} %)" for s in segments]
    assert tree.get("height") == f"{34 + 14 + 4 * 16:.1f}"


def test_a_class_keeps_its_colour_when_the_classes_before_it_have_no_share() -> None:
    tree = _tree(revenue_bar([Segment("neutral", 70, 3), Segment("growth", 30, 4)], title="U"))
    bars = _all(tree, "rect", "segment")
    assert [b.get("fill") for b in bars] == [SEGMENT_COLOURS[3], SEGMENT_COLOURS[4]]


def test_contrast_is_wcags_ratio() -> None:
    assert contrast("#ffffff", "#000000") == 21
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey at 4.5:1
    assert tint("#b3261e", 0.18) == "#f1d8d7"


def test_every_share_on_the_revenue_bar_reads_at_four_and_a_half_to_one() -> None:
    for rank in range(len(SEGMENT_COLOURS) + 1):
        tree = _tree(revenue_bar([Segment("class", 100, rank)], title="Umsatz"))
        [bar] = _all(tree, "rect", "segment")
        share = _all(tree, "text", "label")[0]
        assert share.text == "100 %"
        assert contrast(share.get("fill"), bar.get("fill")) >= 4.5, bar.get("fill")


def test_every_letter_of_the_matrix_reads_at_three_to_one_on_its_box() -> None:
    for own in "ABCD":
        tree = _tree(
            matrix(
                exposure=50,
                readiness=50,
                exposure_from=50,
                readiness_from=50,
                own_class=own,
                texts=TEXTS,
            )
        )
        boxes = _all(tree, "rect", "quadrant")
        letters = _all(tree, "text", "quadrant-label")
        assert [letter.text for letter in letters] == list("ABCD")
        for box, letter in zip(boxes, letters, strict=True):
            # 20 units bold: large text, for which WCAG asks 3:1.
            assert letter.get("font-size") == "20"
            assert letter.get("font-weight") == "bold"
            seen = tint(box.get("fill"), float(box.get("fill-opacity")))
            assert contrast(letter.get("fill"), seen) >= 3, (own, letter.text)
