"""The issue's week: `csplanner demo --accounts 60 --today 2026-11-26`, weeks 48 to 50, each on one
page, long lists shortened to "+ N more" with the plural right."""

import re
from datetime import date

from pypdf import PdfReader

from csplanner import demo
from csplanner.export.week_plan import export_week

DEMO_DAY = date(2026, 11, 26)


def test_the_demo_weeks_each_print_on_one_page_with_right_plurals(qapp, db, tmp_path):
    demo.generate(db, accounts=60, seed=1, today=DEMO_DAY)
    for monday in (date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)):
        out = tmp_path / f"week-{monday}.pdf"
        assert export_week(db, monday, out, today=DEMO_DAY).pages == 1, monday
        text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(out)).pages))
        assert "Missed training" in text and "Page 1 of 1" in text
        assert not re.search(r"\+ 1 more \w+s\b", text)  # "+ 1 more accounts" was printed once
        assert not re.search(r"\+ (?!1 )\d+ more (item|account|race|overdue run|open obstacle)\b(?!s)", text)
