"""Help → About and the app's icon: what a user checks before filing a bug or backing up."""

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from csplanner import __version__
from csplanner.core import paths
from csplanner.ui.dialogs.about import AboutDialog
from tests.ui.workspace_helpers import open_window, when_modal


def texts(dialog):
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_window_carries_the_icon_and_the_name(qtbot, ctx):
    window = open_window(qtbot, ctx)
    assert not window.windowIcon().isNull()
    assert {16, 32, 64, 256} <= {s.width() for s in window.windowIcon().availableSizes()}
    assert window.windowTitle() == f"csplanner — {ctx.db.path.name}"


def test_about_from_the_help_menu_shows_version_places_and_font_licence(qtbot, ctx):
    window = open_window(qtbot, ctx)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    about = next(a for a in help_menu.actions() if a.text() == "&About csplanner")
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["text"] = texts(dialog)
        seen["licence"] = dialog.findChild(QPlainTextEdit).toPlainText()
        seen["icon"] = not dialog.windowIcon().isNull()
        dialog.reject()

    opened = when_modal(look)
    about.trigger()
    assert len(opened) == 1 and isinstance(opened[0], AboutDialog)
    assert seen["title"] == "About csplanner"
    text = seen["text"]
    assert f"version {__version__}" in text
    for place in (ctx.db.path, paths.data_dir(), paths.backups_dir(ctx.db.path), paths.config_dir()):
        assert str(place) in text
    assert "DejaVu Sans" in text and "Bitstream Vera" in text
    assert "Permission is hereby granted" in seen["licence"]  # the full licence text, not just its name
    assert seen["icon"]


def test_about_keeps_a_path_with_markup_as_text(qtbot, tmp_path):
    odd = tmp_path / "<b>bold</b> & co" / "x.sqlite3"
    dialog = AboutDialog(None, odd)
    qtbot.addWidget(dialog)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in texts(dialog)  # escaped: shows the characters as typed
