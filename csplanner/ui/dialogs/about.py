"""Help → About: what this is, which version, where its files live, and the bundled fonts' licence."""

import html
import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from csplanner import __version__
from csplanner.core import paths
from csplanner.export import fonts
from csplanner.ui.app_icon import pixmap


def folder_link(path: Path, folder: Path | None = None) -> QLabel:
    """The path in full, selectable, linked so a click opens its folder in the file manager."""
    url = QUrl.fromLocalFile(str(folder or path)).toString()
    label = QLabel(f'<a href="{html.escape(url)}">{html.escape(str(path))}</a>')
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
    return label


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, db_path: Path | None, label: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("About csplanner")
        icon = QLabel()
        icon.setPixmap(pixmap(128).scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b style='font-size:16pt'>csplanner</b>&nbsp;&nbsp;version {html.escape(__version__)}")
        blurb = QLabel("An offline planner for customer success managers: each account's journey as "
                       "marathon training, with race day as the renewal.")
        blurb.setWordWrap(True)
        self.places = QFormLayout()
        self.places.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        if db_path is not None:
            self.places.addRow("Database:", folder_link(db_path, db_path.parent))
        else:  # a team server's book: named, never with a password
            shown = QLabel(label)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.places.addRow("Database:", shown)
        self.places.addRow("Data folder:", folder_link(paths.data_dir()))
        if db_path is not None:
            self.places.addRow("Backups:", folder_link(paths.backups_dir(db_path)))
        self.places.addRow("Settings:", folder_link(paths.config_dir()))
        built = QLabel(f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__}")
        built.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QVBoxLayout()
        head.addWidget(title)
        head.addWidget(blurb)
        head.addLayout(self.places)
        head.addWidget(built)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(head, 1)
        fonts_label = QLabel(f"<b>Fonts</b><br>{html.escape(fonts.LICENCE_SUMMARY)}")
        fonts_label.setWordWrap(True)
        self.licence = QPlainTextEdit(fonts.licence_text())
        self.licence.setReadOnly(True)
        self.licence.setAccessibleName("Font licence")
        self.licence.setMinimumHeight(160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(fonts_label)
        layout.addWidget(self.licence, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    @classmethod
    def ask(cls, parent: QWidget | None, db_path: Path | None, label: str = "") -> None:
        box = cls(parent, db_path, label)
        try:
            box.exec()
        finally:
            box.deleteLater()
