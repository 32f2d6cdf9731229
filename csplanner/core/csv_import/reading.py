"""Reading a CSV file as exported by a CRM or Excel: encoding, delimiter, rows with line numbers."""

import codecs
import csv
import io
from dataclasses import dataclass

from csplanner.core.errors import DomainError

DELIMITERS = (",", ";", "\t", "|")
SNIFF_ROWS = 50
MAX_FIELD = 1_000_000  # a whole file swallowed by one stray quote still fits, and gets reported


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells); blank rows left out
    delimiter: str
    encoding: str


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DomainError(f"The file says it is UTF-8 but byte {exc.start + 3} is not.") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # Excel on Windows writes cp1252
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # one of cp1252's five unused bytes: Latin-1 reads every byte
        return data.decode("latin-1"), "latin-1"


def _separator_hint(text: str) -> tuple[str | None, str]:
    """Excel's optional first line `sep=;` names the delimiter."""
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        return first.strip()[4], rest
    return None, text


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the same number (> 1) of cells most often."""
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        widths = []
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    widths.append(len(row))
                if len(widths) >= SNIFF_ROWS:
                    break
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        score = (sum(w == widths[0] for w in widths) / len(widths), widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_table(data: bytes) -> Table:
    """Split a CSV file into its header and rows; each row keeps the line it starts on."""
    text, encoding = decode(data)
    delimiter, body = _separator_hint(text)
    skipped = 1 if delimiter else 0
    delimiter = delimiter or sniff_delimiter(body)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    last_line = 0
    try:
        for cells in reader:
            line, last_line = last_line + 1 + skipped, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        raise DomainError(f"Line {reader.line_num + skipped}: the file cannot be read as CSV ({exc}).") from None
    if header is None:
        raise DomainError("The file is empty: no header row and no accounts.")
    return Table(header, _without_footer(rows, len(header)), delimiter, encoding)


def _without_footer(rows: list[tuple[int, list[str]]], width: int) -> list[tuple[int, list[str]]]:
    """Drop trailing one-cell lines under a wider table: a report's footer, such as Salesforce's
    "Confidential Information - Do Not Distribute" and copyright lines."""
    end = len(rows)
    while width > 2 and end and len(rows[end - 1][1]) == 1:
        end -= 1
    return rows[:end]
