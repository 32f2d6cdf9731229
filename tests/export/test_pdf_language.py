"""The account plan and week PDFs tell a screen reader their title and language; the colours they
write text in come from the colour table's readable variants."""

from datetime import date

from PySide6.QtGui import QColor
from pypdf import PdfReader
from sqlmodel import select

from csplanner import demo
from csplanner.core import present
from csplanner.core.enums import RunType
from csplanner.core.models import Account
from csplanner.export.account_plan import export_account_plan
from csplanner.export.pdf_catalog import with_language
from csplanner.export.plan_sections import span
from csplanner.export.qcolors import RUN
from csplanner.export.week_plan import export_week
from tests.conftest import TODAY


def test_plan_and_week_carry_title_language_and_show_the_title(qapp, db, tmp_path):
    demo.generate(db, accounts=4, today=TODAY)
    with db.session() as s:
        account = s.exec(select(Account).order_by(Account.name)).first()
        aid, name = account.id, account.name
    week, plan = tmp_path / "week.pdf", tmp_path / "plan.pdf"
    export_week(db, date(2026, 11, 23), week, today=TODAY)
    export_account_plan(db, aid, plan, today=TODAY)
    for path, title in ((week, "My week 2026-W48"), (plan, name)):
        reader = PdfReader(path, strict=True)  # the added cross-reference section reads cleanly
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a pypdf BooleanObject)
        assert title in reader.metadata.title
        assert reader.pages[0].extract_text()  # the pages are still there
    present.use_locale("de_DE")
    try:
        export_week(db, date(2026, 11, 23), week, today=TODAY)
    finally:
        present.use_locale(None)
    assert PdfReader(week).trailer["/Root"]["/Lang"] == "de-DE"


def test_a_pdf_it_does_not_understand_is_left_alone():
    assert with_language(b"%PDF-1.7\nnot really\n%%EOF\n", "en-GB") == b"%PDF-1.7\nnot really\n%%EOF\n"


def test_coloured_words_on_paper_use_the_readable_variants():
    race_gold = RUN[RunType.RACE]
    assert race_gold.name() == "#d49a00"
    assert "color:#7f5c00" in span("Race", race_gold)  # 2.49:1 on paper before, now 6.1:1
    assert "color:#5f6673" in span("quiet", QColor("#5f6673"))  # not a table hue: as given
