"""The one way in to the top-level resources/ folder: icon, plan templates, fonts, desktop files.

Installed (wheel or bundle) it is the package `csplanner_resources`, read with importlib.resources.
A source checkout reads its own resources/ beside the package, so a checkout used through
PYTHONPATH, or next to an editable install made from another checkout, never reads someone else's.
"""

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "csplanner_resources"
APP_ID = "io.github.csplanner.csplanner"  # desktop file, icon and AppStream component id


def root() -> Traversable:
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources" / "__init__.py").is_file():
        return checkout / "resources"
    return resources.files(PACKAGE)


def read_bytes(*parts: str) -> bytes:
    return root().joinpath(*parts).read_bytes()


def read_text(*parts: str) -> str:
    return root().joinpath(*parts).read_text(encoding="utf-8")


def listing(folder: str, suffix: str) -> list[Traversable]:
    """The files in a resources sub-folder with this suffix, by name."""
    return sorted((e for e in root().joinpath(folder).iterdir() if e.name.endswith(suffix)), key=lambda e: e.name)
