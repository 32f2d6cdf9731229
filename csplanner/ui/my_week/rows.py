"""The printable pieces of My week: badges, account links, section headings and one row per item.

All user text is shown as plain text. Rows only report what the user did (callbacks); the view
decides what that means (tick a run, open an account, log a check-in).
"""

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from csplanner.core.enums import Severity
from csplanner.core.present import value_label
from csplanner.export.qcolors import RUN, SEVERITY, as_text, band_color, readable_on
from csplanner.ui.a11y import TickBox, draw_focus_ring


class WrapLabel(QLabel):
    """Plain text that wraps, as tall as its text at the width it really has.

    A plain wrapped QLabel guesses its height for a narrow width, which left blank gaps under
    one-line rows; this one asks again for its height each time its width changes.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._height = -1

    def _wanted(self) -> int:
        width = self.width() if self.width() > 1 else 360
        return max(self.fontMetrics().height(), self.heightForWidth(width))

    def sizeHint(self) -> QSize:
        return QSize(min(self.fontMetrics().horizontalAdvance(self.text()) + 4, 360), self._wanted())

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self._wanted())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> bool:
        """Ask for the height the text needs at the width the label has; True if it changed."""
        wanted = self._wanted()
        if wanted == self._height:
            return False
        self._height = wanted
        self.updateGeometry()
        return True


def ink(lab: QLabel, color: QColor) -> QLabel:
    """Colour a label's text. On the page (Base background) labels draw with Text, elsewhere
    with WindowText: set both."""
    pal = lab.palette()
    color = as_text(color, pal)  # the hue's variant that reads on this palette
    pal.setColor(QPalette.ColorRole.WindowText, color)
    pal.setColor(QPalette.ColorRole.Text, color)
    lab.setPalette(pal)
    return lab


def plain(text: str, *, wrap: bool = False, muted: bool = False, bold: bool = False) -> QLabel:
    lab = WrapLabel(text) if wrap else QLabel(text)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    if muted:
        lab.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    if bold:
        f = lab.font()
        f.setBold(True)
        lab.setFont(f)
    return lab


class Badge(QWidget):
    """A small coloured tag (run type, severity, health), painted: a style sheet per tag made a
    redraw of the page several times slower. Filled tags take dark or white text, whichever reads
    better; outlined ones take the colour for text and frame, so they survive printing in grey too."""

    def __init__(self, text: str, color: QColor, *, outline: bool = False, width: int = 0) -> None:
        super().__init__()
        self._text, self.color, self.outline, self.min_width = text, QColor(color), outline, width
        f = QFont(self.font())
        f.setPointSizeF(max(6.0, f.pointSizeF() * 0.85))
        self.setFont(f)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(max(self.min_width, fm.horizontalAdvance(self._text) + 10), fm.height() + 2)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QPen(self.color, 1))
        p.setBrush(Qt.BrushStyle.NoBrush if self.outline else self.color)
        p.drawRoundedRect(rect, 3, 3)
        p.setPen(as_text(self.color, self.palette()) if self.outline else readable_on(self.color))
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._text)
        p.end()


def badge(text: str, color: QColor, *, outline: bool = False, width: int = 0) -> Badge:
    return Badge(text, color, outline=outline, width=width)


def health_badge(score: int, tip: str) -> Badge:
    b = badge(str(score), band_color(score), outline=True, width=30)
    b.setObjectName("health")
    b.setToolTip(tip)
    return b


class AccountLink(QToolButton):
    """The account's name, bold; clicking it opens the account."""

    def __init__(self, account_id: int, name: str, on_open: Callable[[int], None]) -> None:
        super().__init__()
        self.setText(name.replace("&", "&&"))  # a button's text is never rich text; & is not a shortcut
        self.account_id = account_id
        self.setAutoRaise(True)
        f = QFont(self.font())
        f.setBold(True)
        self.setFont(f)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"Open {name}")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.clicked.connect(lambda: on_open(account_id))

    def name(self) -> str:
        return self.text().replace("&&", "&")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        draw_focus_ring(self)  # an auto-raised button shows no focus by itself


def small_button(text: str, tip: str, on_click: Callable[[], None]) -> QPushButton:
    b = QPushButton(text)
    b.setToolTip(tip)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    f = QFont(b.font())
    f.setPointSizeF(max(6.0, f.pointSizeF() * 0.9))
    b.setFont(f)
    b.clicked.connect(lambda _checked=False: on_click())  # not the checked flag into on_click
    return b


class Row(QWidget):
    """One line of a list: fixed-size pieces then one text that takes the rest of the width."""

    def __init__(self, *pieces: QWidget, key: tuple[str, int] = ("", 0)) -> None:
        super().__init__()
        self.key = key  # ("run", milestone id), ("obstacle", id)…: lets tests and focus find a row
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 1, 0, 1)
        lay.setSpacing(6)
        for piece in pieces:
            if isinstance(piece, QLabel) and piece.wordWrap():
                lay.addWidget(piece, 1)  # no alignment: it keeps its height-for-width (no gaps)
            else:
                lay.addWidget(piece, 0, Qt.AlignmentFlag.AlignVCenter)
        fills = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
        if not any(p.sizePolicy().horizontalPolicy() in fills for p in pieces):
            lay.addStretch(1)


def tick_box(done: bool, title: str, on_tick: Callable[[bool], None]) -> QCheckBox:
    box = TickBox()
    box.setChecked(done)
    box.setToolTip("Untick: back to planned" if done else "Tick off as done today")
    box.setAccessibleName(f"Done: {title}")
    box.toggled.connect(on_tick)
    return box


def struck(lab: QLabel) -> QLabel:
    f = lab.font()
    f.setStrikeOut(True)
    lab.setFont(f)
    lab.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return lab


def run_badge(run_type: str) -> QLabel:
    return badge(value_label(run_type), RUN[run_type], width=52)  # type: ignore[index]


def severity_badge(severity: Severity) -> QLabel:
    return badge(value_label(severity), SEVERITY[severity], width=58)


class Section(QWidget):
    """A heading with a count and a rule under it, then its rows (or a quiet 'nothing' line)."""

    def __init__(self, title: str, count: int | None = None, *, size: float = 1.2, accent: QColor | None = None,
                 muted: bool = False) -> None:
        super().__init__()
        # what the heading shows: a section rebuilt with the same heading keeps its widget (set_rows)
        self.head = (title, count, size, None if accent is None else accent.rgba(), muted)
        self._retired: list[QWidget] = []  # rows taken off, waiting for deleteLater
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 6, 0, 4)
        self.rows.setSpacing(1)
        head = QHBoxLayout()
        head.setSpacing(8)
        self.title = plain(title, bold=True, muted=muted)
        f = QFont(self.title.font())
        f.setPointSizeF(f.pointSizeF() * size)
        self.title.setFont(f)
        if accent is not None:
            ink(self.title, accent)
        head.addWidget(self.title)
        if count is not None:
            self.count = plain(str(count), muted=True)
            head.addWidget(self.count)
        head.addStretch(1)
        self.rows.addLayout(head)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setForegroundRole(QPalette.ColorRole.Mid)
        self.rows.addWidget(rule)

    def add(self, widget: QWidget) -> None:
        self.rows.addWidget(widget)

    def set_rows(self, widgets: list[QWidget]) -> None:
        """Show these rows under the heading instead of the ones shown: rows kept stay where they
        are in the widget tree (no reparenting, no new layout of their text), the others go."""
        keep = {id(w) for w in widgets}
        self._retired = [w for w in self._retired if shiboken6.isValid(w)]  # those deleted by now go
        while self.rows.count() > 2:  # the heading and the rule stay
            old = self.rows.takeAt(2).widget()
            if old is not None and id(old) not in keep:
                old.hide()
                old.setParent(None)  # off the page at once (a search of it no longer finds it),
                old.deleteLater()  # deleted later: a checkbox may still be inside its own toggled signal
                self._retired.append(old)  # (and until then Python must not delete it)
        focusable: list[QWidget] = []
        for w in widgets:
            self.rows.addWidget(w)
            w.raise_()  # children in the order shown (a search of the section finds them so)
            focusable += [f for f in (w, *w.findChildren(QWidget)) if f.focusPolicy() & Qt.FocusPolicy.TabFocus]
        for before, after in zip(focusable, focusable[1:]):
            QWidget.setTabOrder(before, after)  # Tab goes down the rows as shown

    def nothing(self, text: str) -> QLabel:
        line = plain(text, muted=True)
        self.rows.addWidget(line)
        return line


def prepare(widget: QWidget | None, width: int) -> None:
    """Polish a widget not shown yet and lay it out at `width` (0: not known, left to the show),
    so that showing it later costs little more than painting it."""
    if widget is None:
        return
    widget.ensurePolished()
    for child in widget.findChildren(QWidget):
        child.ensurePolished()
    layout = widget.layout()
    if width <= 0 or layout is None:
        return
    widget.resize(width, max(1, widget.heightForWidth(width)))
    layout.activate()
    # the wrapped texts now know their width: their heights, then the layouts again (hidden, a
    # label's own updateGeometry does not reach its parents' layouts)
    if any([label.fit() for label in widget.findChildren(WrapLabel)]):
        for child in (widget, *widget.findChildren(QWidget)):
            if child.layout() is not None:
                child.layout().invalidate()
        widget.resize(width, max(1, widget.heightForWidth(width)))
        layout.activate()
