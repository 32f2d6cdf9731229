"""The account plan PDF: every section with the account's real data, both audiences, safe text."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale

from csplanner.core import health
from csplanner.core.db import Database
from csplanner.core.enums import MilestoneStatus, NoteKind, RunType, StakeholderStatus
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders
from csplanner.export import account_plan
from csplanner.export.account_plan import export_account_plan
from csplanner.export.audience import Audience
from tests.conftest import TODAY

HOSTILE = '<b>bold?</b> <img src="file:///etc/hostname"> & "quotes" <script>x()</script>'


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace collapsed (lines wrap differently than they were typed)."""
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def squash(text: str) -> str:
    """Compare without spaces: wrapped lines and PDF word spacing differ from the source."""
    return re.sub(r"\s+", "", text)


def make_account(db: Database, marker: str = "") -> int:
    """An account with every kind of record; internal fields carry `INTERNAL-<field>` markers."""
    m = marker
    with db.session() as s:
        a = accounts.create(
            s, name="Northwind Traders", segment=f"{m}segment", regions=f"{m}regions",
            arr_minor=987_654_321, currency="EUR", contract_signed=TODAY - timedelta(days=200),
            kickoff=TODAY - timedelta(days=190), renewal=TODAY + timedelta(days=165), stage="adopt",
            goal="Cut month-end close from ten days to four",
            success_criteria="Close in four days for two quarters running",
        )
        aid = a.id
        stakeholders.create(s, account_id=aid, name="Maria Anders", title="CFO", role="exec_sponsor",
                            email=f"{m}email@example.com", location=f"{m}location")
        stakeholders.create(s, account_id=aid, name=f"{m}LeftPerson", title=f"{m}lefttitle", role="champion",
                            status=StakeholderStatus.LEFT, left_on=TODAY - timedelta(days=30))
        for kind in NoteKind:
            notes.create(s, account_id=aid, noted_on=TODAY - timedelta(days=180), kind=kind,
                         text=f"{m}note-{kind}")
        done = milestones.create(
            s, account_id=aid, title="Ledger import live", planned_on=TODAY - timedelta(days=120),
            status=MilestoneStatus.DONE, done_on=TODAY - timedelta(days=118), run_type=RunType.SPRINT,
            phase="onboarding", outcome="Finance stopped re-keying invoices", notes=f"{m}milestone-notes",
        )
        milestones.create(s, account_id=aid, title="Close automation pilot", planned_on=TODAY + timedelta(days=20),
                          run_type=RunType.LONG, outcome="Pilot closes a month in six days")
        milestones.create(s, account_id=aid, title="Renewal review", planned_on=TODAY + timedelta(days=150),
                          run_type=RunType.RACE, phase="renewal")
        obstacles.create(s, account_id=aid, title=f"{m}obstacle-title", kind="escalation", severity="high",
                         opened_on=TODAY - timedelta(days=40), mitigation=f"{m}mitigation", milestone_ids=[done.id])
        checkins.create(s, account_id=aid, held_on=TODAY - timedelta(days=7), kind="qbr",
                        summary=f"{m}checkin-summary", next_steps="Send the close checklist to Maria",
                        sentiment=-1)
        checkins.create(s, account_id=aid, held_on=TODAY - timedelta(days=21), kind="call",
                        summary=f"{m}older-summary", next_steps="", sentiment=1)
    return aid


def export(db: Database, aid: int, tmp_path: Path, audience: Audience = Audience.INTERNAL, **kw) -> tuple[Path, str]:
    out = tmp_path / f"plan-{audience}.pdf"
    result = export_account_plan(db, aid, out, today=TODAY, audience=audience, **kw)
    assert result.path == out and out.is_file()
    assert result.pages == len(PdfReader(str(out)).pages)
    return out, pdf_text(out)


@pytest.fixture(autouse=True)
def german_locale():
    """A4 unless a test says otherwise, whatever the machine's locale."""
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(QLocale.system())


def test_internal_plan_has_every_section_and_the_accounts_data(qapp, db, tmp_path):
    aid = make_account(db)
    _, text = export(db, aid, tmp_path)
    for heading in ("Goal and success criteria", "Stakeholders", "Discovery summary", "Training calendar",
                    "Milestones", "Obstacles and mitigation", "Recent check-ins", "Next steps", "Health"):
        assert heading in text, heading
    for fact in ("Northwind Traders", "Cut month-end close from ten days to four",
                 "Close in four days for two quarters running", "Maria Anders", "Exec sponsor",
                 "Ledger import live", "Finance stopped re-keying invoices", "Close automation pilot",
                 "Send the close checklist to Maria", "EUR 9,876,543.21", "Adopt", "escalation".capitalize(),
                 "Race day in 23 weeks (165 days)", "Generated 25 Nov 2026", "Left 26 Oct 2026"):
        assert squash(fact) in squash(text), fact
    assert "Page 1 of" in text
    # the calendar grid: week labels, the race day and its countdown
    assert "RACE DAY" in text and "weeks to race day" in text and "Week 1" in text


def test_customer_version_leaks_no_internal_text(qapp, db, tmp_path):
    aid = make_account(db, marker="INTERNAL-")
    _, internal = export(db, aid, tmp_path, Audience.INTERNAL)
    assert internal.count("INTERNAL-") >= 12  # the markers do reach the internal version
    _, text = export(db, aid, tmp_path, Audience.CUSTOMER)
    assert "INTERNAL" not in squash(text).upper()
    for word in ("Health", "ARR", "9,876,543", "Obstacle", "Sentiment", "negative", "positive",
                 "Discovery", "Stage", "Left "):
        assert word not in text, word

def test_hostile_text_prints_literally_and_loads_nothing(qapp, db, tmp_path):
    aid = make_account(db)
    with db.session() as s:
        accounts.update(s, aid, goal=HOSTILE, name="Evil <i>Corp</i> & Co")
        milestones.create(s, account_id=aid, title="<u>run</u> & <br> tags", planned_on=TODAY + timedelta(days=3))
    out, text = export(db, aid, tmp_path)
    for literal in (HOSTILE, "Evil <i>Corp</i> & Co", "<u>run</u> & <br> tags"):
        assert squash(literal) in squash(text), literal
    reader = PdfReader(str(out))
    for page in reader.pages:
        xobjects = page["/Resources"].get_object().get("/XObject")
        images = [x for x in (xobjects.get_object().values() if xobjects else [])
                  if x.get_object().get("/Subtype") == "/Image"]
        assert images == []


def test_fonts_are_the_bundled_ones_and_embedded(qapp, db, tmp_path):
    out, _ = export(db, make_account(db), tmp_path)
    reader = PdfReader(str(out))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                desc = desc.get_object()
                fonts[desc["/BaseFont"]] = "/FontFile2" in desc["/FontDescriptor"].get_object()
    assert fonts and all("DejaVu" in name for name in fonts)
    assert all(fonts.values())  # every font is embedded


@pytest.mark.parametrize(
    "country, size",
    [(QLocale.Country.Germany, (595, 842)), (QLocale.Country.UnitedStates, (612, 792)),
     (QLocale.Country.Canada, (612, 792)), (QLocale.Country.UnitedKingdom, (595, 842))],
)
def test_paper_size_follows_the_locale(qapp, db, tmp_path, country, size):
    QLocale.setDefault(QLocale(QLocale.Language.English, country))
    out, _ = export(db, make_account(db), tmp_path)
    for page in PdfReader(str(out)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_an_almost_empty_account_still_gives_a_finished_plan(qapp, db, tmp_path):
    with db.session() as s:
        aid = accounts.create(s, name="Brand New Ltd").id
    out, text = export(db, aid, tmp_path, Audience.CUSTOMER)
    assert len(PdfReader(str(out)).pages) == 1
    assert "No goal written down yet" in text and "No milestones planned yet" in text
    assert "No stakeholders recorded yet" in text and "No race day (renewal) set" in text


def test_three_hundred_milestones_page_cleanly(qapp, db, tmp_path):
    aid = make_account(db)
    with db.session() as s:
        for i in range(300):
            day = TODAY - timedelta(days=190) + timedelta(days=i * 2)
            milestones.create(s, account_id=aid, title=f"Run number {i:03d}", planned_on=day,
                              run_type=list(RunType)[i % 3], outcome=f"Outcome {i:03d}" if i % 2 else "",
                              status=MilestoneStatus.DONE if day < TODAY and i % 5 else MilestoneStatus.PLANNED,
                              today=TODAY)
    out, text = export(db, aid, tmp_path)
    pages = PdfReader(str(out)).pages
    assert 10 <= len(pages) <= 40
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in re.sub(r"\s+", " ", page.extract_text())
    for i in (0, 150, 299):  # every run is in the milestone table
        assert f"Run number {i:03d}" in text


def test_pages_never_split_a_row_or_strand_a_heading(qapp, db, tmp_path):
    """The layout itself: rows stay whole, headings and table headers sit above what they head."""
    aid = make_account(db)
    with db.session() as s:
        for i in range(120):
            milestones.create(s, account_id=aid, title=f"Run {i} " + "long words " * (i % 9),
                              planned_on=TODAY + timedelta(days=i))
    seen = {}

    def spy(pdf, data, audience):
        account_plan_units(pdf, data, audience)
        seen["pdf"] = pdf

    account_plan_units = account_plan.account_plan_units
    import unittest.mock as mock

    with mock.patch.object(account_plan, "account_plan_units", spy):
        export(db, aid, tmp_path)
    pdf = seen["pdf"]
    pages = pdf.paginate()
    assert len(pages) > 3
    for page in pages:
        for placed in page:
            assert placed.offset == 0  # nothing here is taller than a page: nothing is sliced
            assert pdf.body_top - 0.01 <= placed.y
            assert placed.y + placed.unit.height <= pdf.body_bottom + 0.01
        assert not page[-1].unit.keep_with_next  # a heading is never last on its page
    table_heads = {id(u.header) for u in pdf.units if u.header is not None}
    for page in pages[1:]:
        first = page[0].unit
        if first.header is not None:  # a page that starts inside a table starts with its header
            pytest.fail("a table row starts a page without its header")
        if id(first) in table_heads:
            assert page[1].unit.header is first


def test_a_failed_export_leaves_no_file(qapp, db, tmp_path, monkeypatch):
    aid = make_account(db)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "plan.pdf"

    def broken(*_args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(account_plan, "account_plan_units", broken)
    with pytest.raises(RuntimeError):
        export_account_plan(db, aid, out, today=TODAY)
    assert list(folder.iterdir()) == []


def test_an_existing_file_is_only_replaced_by_a_whole_new_one(qapp, db, tmp_path, monkeypatch):
    aid = make_account(db)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "plan.pdf"
    out.write_bytes(b"the old plan")
    monkeypatch.setattr(account_plan, "account_plan_units", lambda *a: (_ for _ in ()).throw(OSError("full")))
    with pytest.raises(OSError):
        export_account_plan(db, aid, out, today=TODAY)
    assert out.read_bytes() == b"the old plan" and [p.name for p in folder.iterdir()] == ["plan.pdf"]


@pytest.mark.parametrize("where", ["missing/plan.pdf", "afile/plan.pdf", "."])
def test_an_unwritable_path_gives_a_clear_error(qapp, db, tmp_path, where):
    (tmp_path / "afile").write_text("x")
    aid = make_account(db)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DomainError, match="Cannot write"):
        export_account_plan(db, aid, tmp_path / where, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_generation_date_is_today_not_the_clock(qapp, db, tmp_path):
    aid = make_account(db)
    out = tmp_path / "p.pdf"
    export_account_plan(db, aid, out, today=date(2027, 1, 4))
    assert "Generated 4 Jan 2027" in pdf_text(out)


def test_weeks_start_on_the_locales_first_day(qapp, db, tmp_path):
    aid = make_account(db)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))  # Sunday first
    _, text = export(db, aid, tmp_path)
    assert "Week Sun Mon Tue Wed Thu Fri Sat Summary" in text
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    _, text = export(db, aid, tmp_path)
    assert "Week Mon Tue Wed Thu Fri Sat Sun Summary" in text


def test_health_with_its_parts_is_internal_only(qapp, db, tmp_path):
    """Health is core.health's: the score, every part explained, the weakest named."""
    aid = make_account(db)
    with db.session() as s:
        h = health.account_health(s, aid, TODAY)
    _, text = export(db, aid, tmp_path)
    facts = ["Health (form)", f"{h.score} / 100", f"drags it down most: {h.weakest.name}"]
    facts += [p.name for p in h.parts] + [p.explanation for p in h.parts]
    for fact in facts:
        assert squash(fact) in squash(text), fact
    _, text = export(db, aid, tmp_path, Audience.CUSTOMER)
    for word in ["Health", "/ 100", *(p.explanation for p in h.parts)]:
        assert word not in text, word


def test_text_longer_than_a_page_flows_over_pages_and_loses_nothing(qapp, db, tmp_path):
    aid = make_account(db)
    goal = "\n".join(f"Goal line {i:03d} of a very long goal" for i in range(160))
    with db.session() as s:
        accounts.update(s, aid, goal=goal)
    out, text = export(db, aid, tmp_path)
    for i in range(160):
        assert f"Goal line {i:03d} of a very long goal" in text
    reader = PdfReader(str(out))
    per_page = [re.sub(r"\s+", " ", page.extract_text()).count("Goal line") for page in reader.pages]
    assert sum(per_page) == 160 and sum(1 for n in per_page if n) >= 2
