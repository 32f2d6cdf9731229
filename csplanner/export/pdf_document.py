"""Shared page layout for PDFs: paper from the locale, header and footer with page numbers and
the generation date, units that are never split across pages, headings kept with what follows,
table headers repeated, and a file written whole or not at all.

Everything is measured in device units of the QPdfWriter (`pt(x)` converts points); text is
laid out by QTextDocument on the writer itself so sizes are right and the text stays selectable.
"""

import html
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from csplanner import __version__
from csplanner.core import files
from csplanner.core.errors import DomainError
from csplanner.core.present import date_long
from csplanner.core.present.dates import current_locale
from csplanner.export import fonts
from csplanner.export.pdf_catalog import with_language

DPI = 288  # 4 device units per point: fine positioning, small files
MARGIN_MM = 14
INK = QColor("#1d2330")
MUTED = QColor("#5f6673")
RULE = QColor("#c9ced6")
SHADE = QColor("#f2f4f7")
ACCENT = QColor("#2f6fd6")

# Paper is Letter where Letter is the norm (the Americas' Letter countries and the Philippines).
LETTER_COUNTRIES = frozenset({
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia,
    QLocale.Country.Venezuela, QLocale.Country.CostaRica, QLocale.Country.Guatemala,
    QLocale.Country.Panama, QLocale.Country.DominicanRepublic, QLocale.Country.PuertoRico,
    QLocale.Country.ElSalvador, QLocale.Country.Nicaragua, QLocale.Country.Honduras,
    QLocale.Country.Belize,
})
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def paper_for(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter for the US, Canada, Mexico, the Philippines and their neighbours; A4 elsewhere."""
    territory = (locale or QLocale()).territory()
    return QPageSize.PageSizeId.Letter if territory in LETTER_COUNTRIES else QPageSize.PageSizeId.A4


def esc(text: str | None) -> str:
    """User text as HTML that shows exactly what was typed, markup included, line breaks kept."""
    return html.escape(text or "").replace("\n", "<br/>")


class PlainDocument(QTextDocument):
    """A text document that never loads anything (images, stylesheets): belt and braces to escaping."""

    def loadResource(self, _type: int, _name: QUrl) -> object:  # noqa: N802 (Qt override)
        return None


@dataclass
class Unit:
    """A piece of a page that is never split (unless taller than a whole page)."""

    height: float
    draw: Callable[[QPainter, QRectF], None]
    keep_with_next: bool = False  # a heading, a table header: never alone at a page bottom
    space_before: float = 0.0  # dropped at the top of a page
    header: "Unit | None" = None  # repeated first when this unit starts a page (table rows)


@dataclass
class Placed:
    unit: Unit
    y: float
    offset: float = 0.0  # for a unit taller than a page: how much of it earlier pages showed


@dataclass
class Column:
    title: str
    weight: float  # share of the table width
    align_right: bool = False


@dataclass
class PdfDocument:
    """Build with `add()`, then `render()`; use through `write_pdf()` for a safe file."""

    writer: QPdfWriter
    title: str
    header_right: str
    generated: date
    units: list[Unit] = field(default_factory=list)

    @property
    def u(self) -> float:
        return DPI / 72

    def pt(self, points: float) -> float:
        return points * self.u

    @property
    def width(self) -> float:
        return float(self.writer.width())

    @property
    def body_top(self) -> float:
        return self.pt(26)

    @property
    def body_bottom(self) -> float:
        return float(self.writer.height()) - self.pt(22)

    @property
    def body_height(self) -> float:
        return self.body_bottom - self.body_top

    # --- text -----------------------------------------------------------------------------
    def doc(self, html_text: str, width: float, size: float = 9, bold: bool = False,
            align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QTextDocument:
        d = PlainDocument()
        d.documentLayout().setPaintDevice(self.writer)  # without it text comes out tiny
        d.setDefaultFont(fonts.font(size, bold))
        d.setDocumentMargin(0)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        d.setDefaultTextOption(option)
        d.setHtml(html_text)
        d.setTextWidth(max(1.0, width))
        return d

    def add(self, *units: Unit) -> None:
        self.units.extend(units)

    def paragraph(self, html_text: str, size: float = 9, space_before: float = 3,
                  color: QColor = INK, indent: float = 0) -> Unit:
        d = self.doc(html_text, self.width - self.pt(indent), size)
        x = self.pt(indent)
        return Unit(d.size().height(), lambda p, r: draw_doc(p, d, r.x() + x, r.y(), color),
                    space_before=self.pt(space_before))

    def paragraphs(self, html_text: str, size: float = 9, space_before: float = 3) -> list[Unit]:
        """Like `paragraph`, but a text too long for one page becomes one unit per line,
        so it flows over pages breaking between lines (no line cut, none printed twice)."""
        whole = self.paragraph(html_text, size, space_before)
        if whole.height <= self.body_height / 2:
            return [whole]
        d = self.doc(html_text, self.width, size)
        lines = text_lines(d)
        units = []
        for n, line in enumerate(lines):
            step = lines[n + 1][2] - line[2] if n + 1 < len(lines) else line[3]

            def draw(p: QPainter, r: QRectF, line: tuple = line) -> None:
                draw_lines(p, d, [line], r.x(), r.y() - line[2])  # `d` lives as long as this closure

            units.append(Unit(step, draw, space_before=whole.space_before if n == 0 else 0.0))
        return units

    def heading(self, text: str, level: int = 1) -> Unit:
        size = {1: 13.0, 2: 10.5}.get(level, 9.5)
        d = self.doc(esc(text), self.width, size, bold=True)
        line = level == 1

        def draw(p: QPainter, r: QRectF) -> None:
            draw_doc(p, d, r.x(), r.y(), INK if line else ACCENT)
            if line:
                p.setPen(QPen(RULE, self.pt(0.8)))
                y = r.y() + d.size().height() + self.pt(2)
                p.drawLine(QPointF(r.x(), y), QPointF(r.x() + self.width, y))

        extra = self.pt(5) if line else self.pt(1)
        return Unit(d.size().height() + extra, draw, keep_with_next=True,
                    space_before=self.pt(14 if line else 8))

    def note(self, text: str) -> Unit:
        """A muted line such as 'No obstacles recorded.'"""
        return self.paragraph(f"<i>{esc(text)}</i>", size=8.5, color=MUTED)

    def section(self, title: str, items: Sequence[object] | None, empty: str) -> bool:
        """A section's heading; when it has nothing to show, a quiet note instead and False."""
        self.add(self.heading(title))
        if not items:
            self.add(self.note(empty))
            return False
        return True

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float = 8,
              shade_rows: Sequence[bool] | None = None) -> list[Unit]:
        """A header unit and one unit per row (cells are HTML); the header repeats on each page."""
        pad = self.pt(3)
        total = sum(c.weight for c in columns)
        widths = [self.width * c.weight / total for c in columns]
        lefts = [sum(widths[:i]) for i in range(len(widths))]

        def cells(texts: Sequence[str], bold: bool) -> list[QTextDocument]:
            return [
                self.doc(t, w - 2 * pad, size, bold,
                         Qt.AlignmentFlag.AlignRight if c.align_right else Qt.AlignmentFlag.AlignLeft)
                for t, w, c in zip(texts, widths, columns, strict=True)
            ]

        def row_unit(docs: list[QTextDocument], fill: QColor | None, header: Unit | None,
                     keep: bool, color: QColor = INK) -> Unit:
            h = max(d.size().height() for d in docs) + 2 * pad

            def draw(p: QPainter, r: QRectF) -> None:
                if fill is not None:
                    p.fillRect(QRectF(r.x(), r.y(), self.width, h), fill)
                for d, left in zip(docs, lefts, strict=True):
                    draw_doc(p, d, r.x() + left + pad, r.y() + pad, color)
                p.setPen(QPen(RULE, self.pt(0.5)))
                p.drawLine(QPointF(r.x(), r.y() + h), QPointF(r.x() + self.width, r.y() + h))

            return Unit(h, draw, keep_with_next=keep, header=header)

        head = row_unit(cells([esc(c.title) for c in columns], True), SHADE, None, True, MUTED)
        head.space_before = self.pt(4)
        units = [head]
        for i, row in enumerate(rows):
            shaded = shade_rows[i] if shade_rows is not None else False
            docs = cells(row, False)
            fill = QColor("#fbf3e4") if shaded else None
            if max(d.size().height() for d in docs) + 2 * pad <= self.body_height / 2:
                units.append(row_unit(docs, fill, head, False))
            else:  # a cell longer than half a page: the row flows over pages, line by line
                units += self.tall_row(docs, lefts, pad, fill, head)
        return units

    def tall_row(self, docs: list[QTextDocument], lefts: list[float], pad: float,
                 fill: QColor | None, head: Unit) -> list[Unit]:
        """One unit per page-sized slice of a row; each cell shows its next whole lines, so no
        line is cut or printed twice (a clipped draw of the whole cell put all its text,
        hidden, on every page)."""
        limit = self.body_height - head.height - 2 * pad
        lines = [text_lines(d) for d in docs]
        taken = [0] * len(docs)
        units = []
        while any(t < len(ls) for t, ls in zip(taken, lines, strict=True)):
            slices = []
            for c, ls in enumerate(lines):
                first = taken[c]
                end = first
                while end < len(ls) and (end == first or ls[end][2] + ls[end][3] - ls[first][2] <= limit):
                    end += 1
                slices.append((docs[c], ls[first:end]))
                taken[c] = end
            h = max((ls[-1][2] + ls[-1][3] - ls[0][2] for _, ls in slices if ls), default=0) + 2 * pad

            def draw(p: QPainter, r: QRectF, slices: list = slices, h: float = h) -> None:
                if fill is not None:
                    p.fillRect(QRectF(r.x(), r.y(), self.width, h), fill)
                for (d, ls), left in zip(slices, lefts, strict=True):
                    if ls:
                        draw_lines(p, d, ls, r.x() + left + pad, r.y() + pad - ls[0][2])
                p.setPen(QPen(RULE, self.pt(0.5)))
                p.drawLine(QPointF(r.x(), r.y() + h), QPointF(r.x() + self.width, r.y() + h))

            units.append(Unit(h, draw, header=head))
        return units

    def columns(self, cells: Sequence[str], size: float = 7.5, heads: Sequence[str] | None = None,
                shade: Sequence[bool] | None = None, weights: Sequence[float] | None = None) -> Unit:
        """Side-by-side HTML cells (the days of a week, three short lists) as one unbreakable unit."""
        pad = self.pt(4)
        weights = list(weights or [1.0] * len(cells))
        widths = [self.width * w / sum(weights) for w in weights]
        lefts = [sum(widths[:i]) for i in range(len(widths))]
        docs = [self.doc(c, w - 2 * pad, size) for c, w in zip(cells, widths, strict=True)]
        head_docs = [self.doc(h, w - 2 * pad, size + 0.5, bold=True) for h, w in zip(heads or [], widths, strict=False)]
        head_h = max((d.size().height() for d in head_docs), default=0) + (2 * pad if head_docs else 0)
        h = head_h + max(d.size().height() for d in docs) + 2 * pad

        def draw(p: QPainter, r: QRectF) -> None:
            for i, (d, left, w) in enumerate(zip(docs, lefts, widths, strict=True)):
                x = r.x() + left
                if shade is not None and shade[i]:
                    p.fillRect(QRectF(x, r.y(), w, h), QColor("#fbf3e4"))
                if head_docs:
                    p.fillRect(QRectF(x, r.y(), w, head_h), SHADE)
                    draw_doc(p, head_docs[i], x + pad, r.y() + pad, MUTED)
                draw_doc(p, d, x + pad, r.y() + head_h + pad)
                p.setPen(QPen(RULE, self.pt(0.5)))
                if i:
                    p.drawLine(QPointF(x, r.y()), QPointF(x, r.y() + h))
            p.drawLine(QPointF(r.x(), r.y() + h), QPointF(r.x() + self.width, r.y() + h))

        return Unit(h, draw, space_before=self.pt(4))

    # --- pages ----------------------------------------------------------------------------
    def paginate(self) -> list[list[Placed]]:
        pages: list[list[Placed]] = [[]]
        y = self.body_top
        units = self.units
        for i, unit in enumerate(units):
            at_top = not pages[-1]
            need = unit.height + (0 if at_top else unit.space_before)
            j = i  # a heading pulls what follows onto its page
            while units[j].keep_with_next and j + 1 < len(units):
                j += 1
                need += units[j].height + units[j].space_before
            if not at_top and y + need > self.body_bottom and need <= self.body_height:
                pages.append([])
                y = self.body_top
                at_top = True
            elif not at_top and y + unit.height + unit.space_before > self.body_bottom:
                pages.append([])
                y = self.body_top
                at_top = True
            if at_top and unit.header is not None:
                pages[-1].append(Placed(unit.header, y))
                y += unit.header.height
            elif not at_top:
                y += unit.space_before
            if unit.height <= self.body_bottom - y:
                pages[-1].append(Placed(unit, y))
                y += unit.height
                continue
            # taller than what is left of an empty page: show it in slices, page after page
            offset = 0.0
            while True:
                pages[-1].append(Placed(unit, y, offset))
                shown = self.body_bottom - y
                offset += shown
                if offset >= unit.height:
                    y += unit.height - (offset - shown)
                    break
                pages.append([])
                y = self.body_top
        return pages

    def render(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Paint every page; returns the page count."""
        pages = self.paginate()
        painter = QPainter()
        if not painter.begin(self.writer):
            raise DomainError("Cannot write the PDF file (the folder may be read-only or full).")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for n, page in enumerate(pages, start=1):
                if n > 1:
                    self.writer.newPage()
                self.frame(painter, n, len(pages))
                for placed in page:
                    self.draw_placed(painter, placed)
                if progress is not None:
                    progress(n, len(pages))
        finally:
            painter.end()
        return len(pages)

    def draw_placed(self, p: QPainter, placed: Placed) -> None:
        rect = QRectF(0, placed.y, self.width, placed.unit.height)
        if placed.offset == 0 and placed.unit.height <= self.body_bottom - placed.y + 0.5:
            placed.unit.draw(p, rect)
            return
        p.save()
        p.setClipRect(QRectF(0, placed.y, self.width, self.body_bottom - placed.y))
        placed.unit.draw(p, rect.translated(0, -placed.offset))
        p.restore()

    def frame(self, p: QPainter, number: int, total: int) -> None:
        """Header (title, audience) and footer (generation date, page N of M)."""
        small = fonts.font(7.5)
        p.setFont(small)
        p.setPen(MUTED)
        top = QRectF(0, 0, self.width, self.pt(12))
        p.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.header_right)
        p.setPen(QPen(RULE, self.pt(0.5)))
        p.drawLine(QPointF(0, self.pt(14)), QPointF(self.width, self.pt(14)))
        bottom = QRectF(0, self.writer.height() - self.pt(12), self.width, self.pt(12))
        p.drawLine(QPointF(0, bottom.y() - self.pt(2)), QPointF(self.width, bottom.y() - self.pt(2)))
        p.setPen(MUTED)
        p.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   f"Generated {date_long(self.generated)} with csplanner")
        p.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {number} of {total}")


Line = tuple[int, int, float, float]  # block number, line index, top in the document, height


def text_lines(d: QTextDocument) -> list[Line]:
    """Every laid-out line of a document, top to bottom."""
    d.size()  # lay the whole text out before reading its lines
    out = []
    block = d.begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            out.append((block.blockNumber(), i, layout.position().y() + line.y(), line.height()))
        block = block.next()
    return out


def draw_lines(p: QPainter, d: QTextDocument, lines: Sequence[Line], x: float, y: float,
               color: QColor = INK) -> None:
    """Paint only these lines of `d`, placed as if the document's top were at (x, y).
    QTextLine.draw paints exactly one line, so nothing else lands in the PDF."""
    p.save()
    p.setPen(color)
    for number, i, _top, _height in lines:
        layout = d.findBlockByNumber(number).layout()
        origin = layout.position()
        layout.lineAt(i).draw(p, QPointF(x + origin.x(), y + origin.y()))
    p.restore()


def draw_doc(p: QPainter, d: QTextDocument, x: float, y: float, color: QColor = INK,
             clip: QRectF | None = None) -> None:
    """Paint a text document with a fixed ink colour (never the desktop theme's); with `clip`
    (document coordinates) only the lines inside it are drawn."""
    ctx = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, color)
    ctx.palette = palette
    if clip is not None:
        ctx.clip = clip
    p.save()
    p.translate(x, y)
    d.documentLayout().draw(p, ctx)
    p.restore()


def document_language() -> str:
    """The PDF's language, a BCP 47 tag from the locale dates are written in: 'en-GB'."""
    locale = current_locale()
    return f"{locale.language}-{locale.territory}" if locale.territory else str(locale.language)


@contextmanager
def write_pdf(out: Path | str, title: str, header_right: str, generated: date, *,
              paper: QPageSize.PageSizeId | None = None, landscape: bool = False,
              protect: Path | None = None) -> Iterator[PdfDocument]:
    """A PdfDocument rendered in memory, then written to `out` atomically (files.write_atomic).

    The caller adds units and calls `render()` inside the block. `protect`: the database, which
    (with its side files and backups) is never overwritten.
    """
    out = Path(out).expanduser().absolute()
    files.refuse_database_target(out, protect)  # before the work, not only after it
    if not out.parent.is_dir():
        raise DomainError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    fonts.ensure_gui()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setCreator(f"csplanner {__version__}")  # the app's name and version in the PDF's properties
    writer.setTitle(title)
    writer.setPageLayout(QPageLayout(
        QPageSize(paper if paper is not None else paper_for()),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter,
    ))
    yield PdfDocument(writer, title, header_right, generated)
    data = bytes(buffer.data().data())
    if not data.rstrip().endswith(b"%%EOF"):
        raise DomainError(f"Cannot write {out}: the PDF was not finished.")
    data = with_language(data, document_language())  # a screen reader picks its voice from it
    files.write_atomic(out, data, protect=protect)
