"""User input never makes the renderer fetch anything: not a URL, not a local file."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_helpers import pdf_text
from testkit.events import scored_event

from reporting.adapters.file_store import file_key
from reporting.adapters.render_process import RenderFailed, RenderProcess
from reporting.services.generate_report import ReportGeneration, report_id_for


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening socket on loopback: a fetch by the renderer would knock on it."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.5)
        yield server


def knocked(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except TimeoutError:
        return False
    connection.close()
    return True


def attachments(pdf: Path) -> str:
    return subprocess.run(
        ["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout


def test_markup_in_a_company_name_is_printed_as_text_and_fetches_nothing(
    generation: ReportGeneration, storage, listener: socket.socket, tmp_path: Path
):
    port = listener.getsockname()[1]
    name = (
        f'<img src="http://127.0.0.1:{port}/x"> <link rel="attachment" '
        'href="file:///etc/passwd"> <style>@import url(file:///etc/passwd)</style>'
    )
    event = scored_event()
    event.data["company"] = event.data["company"] | {"name": name}

    generation.handle(event)

    assessment_id = event.data["assessment_id"]
    pdf = storage.path(file_key(assessment_id, report_id_for(assessment_id)))
    assert not knocked(listener)
    text = pdf_text(pdf.read_bytes(), tmp_path)
    assert f'<img src="http://127.0.0.1:{port}/x">' in text
    assert 'href="file:///etc/passwd">' in text
    assert "root:" not in text
    assert attachments(pdf).startswith("0 embedded files")


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="http://127.0.0.1:{port}/x">',
        '<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">',
        '<a rel="attachment" href="file:///etc/passwd">passwd</a>',
        '<div style="background: url(file:///etc/passwd)">x</div>',
    ],
)
def test_the_renderer_refuses_any_resource_outside_the_package(
    render_process: RenderProcess, listener: socket.socket, markup: str
):
    """Should markup ever get past the templates, the URL fetcher still stops it."""
    port = listener.getsockname()[1]

    with pytest.raises(RenderFailed, match="BlockedResource"):
        render_process.render(f"<p>before</p>{markup.format(port=port)}<p>after</p>")

    assert not knocked(listener)


def test_data_uris_and_the_packaged_fonts_are_allowed(render_process: RenderProcess):
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )

    pdf = render_process.render(f'<p>pixel</p><img src="{pixel}">')

    assert pdf.pages == 1
