"""Every download button of the app, from one table of file kinds.

A download's data is made only when its button is pressed, on a thread of its own and without
the session (`on_click="ignore"`): builders take no arguments and read nothing from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from igemo_data.texts import t
from igemo_data.ui import session
from igemo_data.ui.compat import DeltaGenerator

# The one table of file kinds: suffix → MIME type.
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Download:
    """One button: its text key, the file's suffix and what makes the file when pressed."""

    label: str
    suffix: str
    build: Callable[[], bytes]


def file_stem(text: str) -> str:
    """A file name that every operating system accepts, from any scenario name."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.strip())
    while "--" in safe:
        safe = safe.replace("--", "-")
    return safe.strip("-")[:80] or "strategiekaart"


def download_button(
    place: DeltaGenerator,
    download: Download,
    lang: str,
    *,
    file_name: str,
    key: str,
    icon: str = ":material/download:",
    **style: object,
) -> None:
    place.download_button(
        t(download.label, lang),
        data=download.build,
        file_name=file_name,
        mime=MIME[download.suffix],
        key=key,
        on_click="ignore",
        icon=icon,
        **style,
    )


def download_row(
    places: Sequence[DeltaGenerator],
    downloads: Sequence[Download],
    lang: str,
    *,
    stem: str,
    key: str,
) -> None:
    """One button per download, each in its place, named `stem.suffix`, keyed `key_suffix`."""
    for place, download in zip(places, downloads, strict=True):
        download_button(
            place,
            download,
            lang,
            file_name=f"{stem}.{download.suffix}",
            key=session.numbered(key, download.suffix),
        )
