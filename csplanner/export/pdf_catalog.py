"""The document's language and 'show the title' in a PDF's catalog, added after Qt wrote it.

QPdfWriter (Qt 6.11) writes the title but no /Lang, and offers neither tagged PDF nor PDF/A-2b
(its versions are 1.4, A-1b, 1.6 and X-4; A-1b is for archiving, not for screen readers, so the
PDFs stay 1.4). A screen reader picks its voice from /Lang, and
/DisplayDocTitle makes viewers show the title instead of the file name. Both go in as an
incremental update: the catalog object is written again with the two keys, followed by a new
cross-reference section that points back to Qt's (/Prev), so nothing Qt wrote is changed.
"""

import re

_TRAILER_ROOT = re.compile(rb"trailer\s*<<(?P<body>.*?)>>\s*startxref\s*(?P<xref>\d+)\s*%%EOF\s*$", re.S)
_REF = re.compile(rb"/Root\s+(\d+)\s+(\d+)\s+R")


def _pdf_string(text: str) -> bytes:
    return b"(" + text.encode("ascii", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def with_language(pdf: bytes, language: str) -> bytes:
    """`pdf` with /Lang (a BCP 47 tag such as 'en-GB') and /DisplayDocTitle in its catalog.

    A PDF this does not understand (another writer, compressed cross-references) comes back as it was.
    """
    trailer = _TRAILER_ROOT.search(pdf[-2048:])
    if trailer is None:
        return pdf
    root = _REF.search(trailer.group("body"))
    if root is None:
        return pdf
    number, generation = int(root.group(1)), int(root.group(2))
    start = pdf.find(b"\n%d %d obj" % (number, generation))
    end = pdf.find(b"endobj", start)
    if start < 0 or end < 0:
        return pdf
    body = pdf[start:end]
    dict_start, dict_end = body.find(b"<<"), body.rfind(b">>")
    if dict_start < 0 or dict_end < 0 or b"/Lang" in body:
        return pdf
    catalog = body[dict_start + 2:dict_end].strip()
    update = bytearray(b"\n")
    offset = len(pdf) + len(update)
    update += b"%d %d obj\n<<\n%s\n/Lang %s\n/ViewerPreferences << /DisplayDocTitle true >>\n>>\nendobj\n" % (
        number, generation, catalog, _pdf_string(language))
    xref_at = len(pdf) + len(update)
    update += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d %05d n \n" % (number, offset, generation)
    old = trailer.group("body")
    size = re.search(rb"/Size\s+(\d+)", old)
    keep = b"".join(m.group(0) + b"\n" for m in re.finditer(rb"/(?:Info|ID)\s+(?:\d+\s+\d+\s+R|\[[^\]]*\])", old))
    update += b"trailer\n<<\n/Size %s\n/Root %d %d R\n%s/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n" % (
        size.group(1) if size else b"%d" % (number + 1), number, generation, keep, trailer.group("xref"), xref_at)
    return pdf + bytes(update)
