"""What the grid shows: one account's whole plan, or every account's runs loaded week block by block."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QLocale

from csplanner.core import calendar
from csplanner.core.calendar import AccountPlan, Bar
from csplanner.core.enums import Stage
from csplanner.ui.context import AppContext

BLOCK = 8  # weeks read per query in the all-accounts view


def locale_first_weekday() -> int:
    """0 = Monday … 6 = Sunday, from the user's locale."""
    return QLocale().firstDayOfWeek().value - 1


class AccountSource:
    """One account's plan, loaded whole (a plan is a year or two of weeks)."""

    def __init__(self, plan: AccountPlan | None = None) -> None:
        self.plan = plan

    def row_count(self) -> int:
        return len(self.plan.weeks) if self.plan else 0

    def week_start(self, row: int) -> date:
        assert self.plan is not None
        return self.plan.weeks[row].start

    def row_of(self, day: date) -> int | None:
        if not self.plan or not self.plan.weeks:
            return None
        row = (day - self.plan.weeks[0].start).days // 7
        return row if 0 <= row < len(self.plan.weeks) else None

    def window(self, first_row: int, last_row: int) -> AccountPlan:
        assert self.plan is not None
        return self.plan


@dataclass
class Filters:
    stages: list[Stage] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    text: str = ""
    account_ids: list[int] | None = None


class RangeSource:
    """Every filtered account over [start, end]; only the week blocks on screen are queried."""

    def __init__(self, ctx: AppContext, start: date, end: date, first_weekday: int = 0) -> None:
        self.ctx = ctx
        self.first_weekday = first_weekday
        self.filters = Filters()
        self.queries = 0  # for the benchmark and tests: how many block reads happened
        self.set_range(start, end)

    def set_range(self, start: date, end: date) -> None:
        self.starts = calendar.week_starts(start, max(start, end), self.first_weekday)
        self.clear()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.clear()

    def clear(self) -> None:
        self._blocks: dict[int, AccountPlan] = {}
        self._merged: tuple[tuple[int, int], AccountPlan] | None = None

    def row_count(self) -> int:
        return len(self.starts)

    def week_start(self, row: int) -> date:
        return self.starts[row]

    def row_of(self, day: date) -> int | None:
        row = (calendar.week_start(day, self.first_weekday) - self.starts[0]).days // 7
        return row if 0 <= row < len(self.starts) else None

    def _load(self, blocks: Iterable[int]) -> None:
        missing = [b for b in blocks if b not in self._blocks]
        if not missing:
            return
        f = self.filters
        with self.ctx.db.session() as session:
            for b in missing:
                first = self.starts[b * BLOCK]
                last = self.starts[min(len(self.starts) - 1, (b + 1) * BLOCK - 1)] + timedelta(days=6)
                self._blocks[b] = calendar.range_plan(
                    session, first, last, self.ctx.today(), stages=f.stages or None,
                    segments=f.segments or None, text=f.text, first_weekday=self.first_weekday,
                    account_ids=f.account_ids,
                )
                self.queries += 1

    def window(self, first_row: int, last_row: int) -> AccountPlan:
        key = (first_row // BLOCK, last_row // BLOCK)
        if self._merged is not None and self._merged[0] == key:
            return self._merged[1]
        blocks = range(key[0], key[1] + 1)
        self._load(blocks)
        parts = [self._blocks[b] for b in blocks]
        bars: dict[int, Bar] = {}
        races: dict[date, list[str]] = {}
        for part in parts:
            bars.update((b.obstacle_id, b) for b in part.bars)
            races.update(part.races)
        merged = AccountPlan(
            account_id=None, account_name="All accounts", contract_signed=None, race_day=None,
            weeks=[w for p in parts for w in p.weeks], chips=[c for p in parts for c in p.chips],
            bars=list(bars.values()), today=self.ctx.today(), races=races,
        )
        self._merged = (key, merged)
        return merged
