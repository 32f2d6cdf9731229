"""What a wheel, a bundle and a Linux desktop get: every package listed, resources readable,
a valid launcher and metainfo, an icon at every size, and the Qt system-library check."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from csplanner import __version__, qt_libs
from csplanner.core import resources

ROOT = Path(__file__).resolve().parents[1]
APP_ID = resources.APP_ID
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def folders(top: Path, package: str) -> set[str]:
    found = set()
    for folder in [top, *top.rglob("*")]:
        if folder.is_dir() and folder.name != "__pycache__" and any(p.is_file() for p in folder.iterdir()):
            found.add(".".join([package, *folder.relative_to(top).parts]))
    return found


def test_every_folder_of_the_package_and_of_resources_ships_in_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    missing = (folders(ROOT / "csplanner", "csplanner") | folders(ROOT / "resources", "csplanner_resources")) - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"


def test_resources_hold_templates_fonts_and_the_icon():
    assert [e.name for e in resources.listing("templates", ".json")] == [
        "enterprise-12-week-onboarding.json", "mid-market.json", "tech-touch.json"]
    assert resources.read_bytes("fonts", "DejaVuSans.ttf")[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert "Bitstream Vera" in resources.read_text("fonts", "LICENSE-DejaVu.txt")
    assert "<svg" in resources.read_text("icons", "csplanner.svg")


def test_icon_pngs_have_the_size_their_name_says_and_are_drawn(qapp):
    from PySide6.QtGui import QImage

    for size in SIZES:
        image = QImage.fromData(resources.read_bytes("icons", f"csplanner-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # the middle is painted
        assert image.pixelColor(0, 0).alpha() < 128  # rounded corners stay see-through


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate missing (Debian package desktop-file-utils)")
def test_desktop_file_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(ROOT / "resources" / f"{APP_ID}.desktop")],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli missing (Debian package appstream)")
def test_metainfo_passes_appstreamcli_validate():
    path = ROOT / "resources" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f'<release version="{__version__}"' in path.read_text()  # the metainfo names this release


def test_install_desktop_registers_launcher_icons_and_metainfo_then_removes_them(tmp_path):
    exe = tmp_path / "my apps" / "csplanner"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    script = [sys.executable, str(ROOT / "packaging" / "install_desktop.py")]
    done = subprocess.run([*script, "--exec", str(exe)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    share = tmp_path / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    lines = desktop.read_text().splitlines()
    assert f'Exec="{exe}"' in lines and f"TryExec={exe}" in lines  # a path with a space is quoted
    assert f"Icon={APP_ID}" in lines
    for size in SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert (check.returncode, check.stdout) == (0, "")
    removed = subprocess.run([*script, "--uninstall"], env=env, capture_output=True, text=True)
    assert removed.returncode == 0 and not desktop.exists()
    assert not list(share.rglob(f"{APP_ID}*"))


def test_install_desktop_refuses_a_path_that_is_not_a_program(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "install_desktop.py"), "--exec",
                             str(tmp_path / "nothing")], env=env, capture_output=True, text=True)
    assert result.returncode == 2 and "is not an executable file" in result.stderr
    assert not (tmp_path / "share").exists()


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libEGL.so.1", "libegl1"), ("libdbus-1.so.3", "libdbus-1-3"), ("libfontconfig.so.1", "libfontconfig1"),
    ("libglib-2.0.so.0", "libglib2.0-0"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
])
def test_missing_library_is_named_by_its_debian_package(soname, package):
    assert qt_libs.debian_package(soname) == package


def test_qt_library_check_prints_one_line_with_every_missing_package(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(qt_libs, "needs_check", lambda: True)
    monkeypatch.setattr(qt_libs, "platform_plugins", lambda: [tmp_path / "libqxcb.so"])
    monkeypatch.setattr(qt_libs, "missing_libraries",
                        lambda plugin: ["libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libxcb-icccm.so.4"])
    assert qt_libs.main() == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1")


def test_qt_library_check_passes_when_one_platform_plugin_loads(monkeypatch, capsys, tmp_path):
    """In a Wayland session Qt uses wayland, or falls back to xcb: either one is enough."""
    wayland, xcb = tmp_path / "libqwayland.so", tmp_path / "libqxcb.so"
    monkeypatch.setattr(qt_libs, "needs_check", lambda: True)
    monkeypatch.setattr(qt_libs, "platform_plugins", lambda: [wayland, xcb])
    monkeypatch.setattr(qt_libs, "missing_libraries", lambda plugin: [] if plugin == xcb else ["libwayland-cursor.so.0"])
    assert qt_libs.main() == 0
    monkeypatch.setattr(qt_libs, "missing_libraries", lambda plugin: ["libxcb-icccm.so.4"])
    assert qt_libs.main() == 1
    assert capsys.readouterr().err.strip().endswith("install libxcb-icccm4")


def test_qt_library_check_reads_ldd_not_found_lines(monkeypatch):
    ldd = ("\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x1)\n"
           "\tlibxcb-icccm.so.4 => not found\n\tlibxcb-keysyms.so.1 => not found\n\tlibxcb-icccm.so.4 => not found\n")
    monkeypatch.setattr(qt_libs.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, ldd, ""))
    assert qt_libs.missing_libraries(Path("libqxcb.so")) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_qt_library_check_is_skipped_offscreen_and_off_linux():
    assert qt_libs.needs_check("linux", {"DISPLAY": ":0"})
    assert not qt_libs.needs_check("linux", {"QT_QPA_PLATFORM": "offscreen"})
    assert not qt_libs.needs_check("darwin", {})
    assert not qt_libs.needs_check("win32", {})


def test_readme_lists_the_qt_system_packages():
    readme = (ROOT / "README.md").read_text()
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libegl1"):
        assert package in readme


def test_exported_pdf_names_the_app_and_its_version(tmp_path, capsys):
    import sqlite3

    from pypdf import PdfReader

    from csplanner.cli import main

    db = tmp_path / "book.sqlite3"
    assert main(["demo", "--db", str(db), "--accounts", "1", "--today", "2026-11-25"]) == 0
    with sqlite3.connect(db) as conn:
        (name,) = conn.execute("SELECT name FROM account").fetchone()
    out = tmp_path / "plan.pdf"
    assert main(["export-pdf", "--db", str(db), "--account", name, "--out", str(out), "--audience", "customer"]) == 0
    info = PdfReader(str(out)).metadata
    assert info["/Creator"] == f"csplanner {__version__}"
    assert name in info["/Title"]
    capsys.readouterr()
