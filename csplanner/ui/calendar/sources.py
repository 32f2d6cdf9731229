"""What the grid shows: one account's whole plan, or every account's runs loaded week block by block."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QLocale

from csplanner.core import calendar, read
from csplanner.core.calendar import AccountPlan, Bar, DayTotal, RangePlan
from csplanner.core.enums import Stage
from csplanner.ui.context import AppContext

BLOCK = 2  # weeks read per query in the all-accounts view: ~30 ms on 5000 accounts
PER_DAY = 10  # chips loaded per day; a cell shows a handful and counts the rest
MAX_BARS = 40  # the most severe obstacles per block
MAX_BLOCKS = 120  # blocks kept in memory (about two years)


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
        self._blocks: dict[int, RangePlan] = {}
        self._merged: tuple[tuple[int, int], RangePlan] | None = None

    def row_count(self) -> int:
        return len(self.starts)

    def week_start(self, row: int) -> date:
        return self.starts[row]

    def row_of(self, day: date) -> int | None:
        row = (calendar.week_start(day, self.first_weekday) - self.starts[0]).days // 7
        return row if 0 <= row < len(self.starts) else None

    def _block_range(self, b: int) -> tuple[date, date]:
        first = self.starts[b * BLOCK]
        last = self.starts[min(len(self.starts) - 1, (b + 1) * BLOCK - 1)] + timedelta(days=6)
        return first, last

    def _load(self, blocks: Iterable[int]) -> None:
        """Read the missing blocks; neighbouring ones in one query (opening the view reads once)."""
        missing = sorted(b for b in set(blocks) if b not in self._blocks)
        runs: list[list[int]] = []
        for b in missing:
            if runs and runs[-1][-1] == b - 1:
                runs[-1].append(b)
            else:
                runs.append([b])
        f = self.filters
        for run in runs:
            lo, hi = self._block_range(run[0])[0], self._block_range(run[-1])[1]
            plan = read.range_plan(
                self.ctx.db, lo, hi, self.ctx.today(), stages=f.stages or None,
                segments=f.segments or None, text=f.text, first_weekday=self.first_weekday,
                account_ids=f.account_ids, per_day=PER_DAY, max_bars=MAX_BARS,
            )
            self.queries += 1
            for b in run:
                self._blocks[b] = self._part(plan, *self._block_range(b))

    @staticmethod
    def _part(plan: RangePlan, lo: date, hi: date) -> RangePlan:
        return RangePlan(
            weeks=[w for w in plan.weeks if lo <= w.start <= hi],
            chips=[c for c in plan.chips if lo <= c.day <= hi], bars=plan.bars_in(lo, hi), today=plan.today,
            races={d: n for d, n in plan.races.items() if lo <= d <= hi},
            totals={d: t for d, t in plan.totals.items() if lo <= d <= hi},
        )

    def prefetch(self, first_row: int, last_row: int) -> None:
        """Read the block just below (or else just above) the visible weeks, if not read yet."""
        last_block = (len(self.starts) - 1) // BLOCK
        for b in (last_row // BLOCK + 1, first_row // BLOCK - 1):
            if 0 <= b <= last_block and b not in self._blocks:
                if len(self._blocks) >= MAX_BLOCKS:
                    self._blocks.clear()
                self._load([b])
                return

    def window(self, first_row: int, last_row: int) -> RangePlan:
        key = (first_row // BLOCK, last_row // BLOCK)
        if self._merged is not None and self._merged[0] == key:
            return self._merged[1]
        blocks = range(key[0], key[1] + 1)
        self._load(blocks)
        parts = [self._blocks[b] for b in blocks]
        bars: dict[int, Bar] = {}
        races: dict[date, list[str]] = {}
        totals: dict[date, DayTotal] = {}
        for part in parts:
            bars.update((b.obstacle_id, b) for b in part.bars)
            races.update(part.races)
            totals.update(part.totals)
        merged = RangePlan(
            weeks=[w for p in parts for w in p.weeks], chips=[c for p in parts for c in p.chips],
            bars=list(bars.values()), today=self.ctx.today(), races=races, totals=totals,
        )
        self._merged = (key, merged)
        return merged
