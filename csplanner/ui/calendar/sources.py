"""What the grid shows: one account's whole plan, or every account's runs loaded week block by block."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QLocale, QObject

from csplanner.core import calendar, read
from csplanner.core.calendar import AccountPlan, Bar, DayTotal, RangePlan
from csplanner.core.enums import Stage
from csplanner.core.errors import DomainError
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

    def window(self, first_row: int, last_row: int, wait: bool = True) -> AccountPlan:
        assert self.plan is not None
        return self.plan


@dataclass
class Filters:
    stages: list[Stage] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    text: str = ""
    account_ids: list[int] | None = None


class RangeSource:
    """Every filtered account over [start, end]; only the week blocks on screen are queried.

    A block read takes ~30 ms at 5000 accounts, two frames: so while the user scrolls, blocks not
    read yet are read in a worker (`window(wait=False)`) and `loaded` is called when one arrives;
    the grid shows those weeks as being read meanwhile."""

    def __init__(self, ctx: AppContext, start: date, end: date, first_weekday: int = 0) -> None:
        self.ctx = ctx
        self.first_weekday = first_weekday
        self.filters = Filters()
        self.queries = 0  # for the benchmark and tests: how many block reads happened
        self.loaded: Callable[[], None] = lambda: None  # a block read in a worker has arrived…
        self.owner: QObject | None = None  # …unless this widget is gone by then
        self.failed: Callable[[DomainError], None] = lambda error: None  # a read in a worker was refused
        self._generation = 0  # bumped whenever what is read changes: late results are dropped
        self._reading: set[int] = set()  # blocks being read in a worker
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
        self._generation += 1
        self._reading = set()

    def reading(self) -> bool:
        """Whether a worker is still reading weeks for the grid."""
        return bool(self._reading)

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
        for run in runs:
            self._store(run, self._reader(run)())

    def _reader(self, run: list[int]) -> Callable[[], RangePlan]:
        """The read of neighbouring blocks `run`, as a plain function a worker can call."""
        f, db, today = self.filters, self.ctx.db, self.ctx.today()
        lo, hi = self._block_range(run[0])[0], self._block_range(run[-1])[1]
        self.queries += 1
        return lambda: read.range_plan(
            db, lo, hi, today, stages=f.stages or None, segments=f.segments or None, text=f.text,
            first_weekday=self.first_weekday, account_ids=f.account_ids, per_day=PER_DAY, max_bars=MAX_BARS,
        )

    def _store(self, run: list[int], plan: RangePlan) -> None:
        for b in run:
            self._blocks[b] = self._part(plan, *self._block_range(b))
            self._reading.discard(b)
        self._merged = None

    def _read_later(self, blocks: Iterable[int]) -> None:
        """Read the missing blocks in a worker, neighbouring ones together; `loaded` says when."""
        missing = sorted(b for b in set(blocks) if b not in self._blocks and b not in self._reading)
        if not missing:
            return
        if len(self._blocks) >= MAX_BLOCKS:  # scrolled years: start again from the weeks asked for
            self._blocks.clear()
        self._reading.update(missing)
        generation = self._generation

        reader = self._reader(missing)

        def work() -> RangePlan | DomainError:
            try:
                return reader()
            except DomainError as error:  # a locked or damaged file: said, and asked again on the next step
                return error

        def arrived(plan: RangePlan | DomainError) -> None:
            if generation != self._generation:  # cleared (filters, range, an edit) meanwhile
                return
            if isinstance(plan, DomainError):
                self._reading.difference_update(missing)
                self.failed(plan)
            else:
                self._store(missing, plan)
                self.loaded()

        self.ctx.jobs.run(work, arrived, owner=self.owner, threads=self.ctx.db.threads_ok)

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
                self._read_later([b])
                return

    def window(self, first_row: int, last_row: int, wait: bool = True) -> RangePlan:
        """The weeks of rows `first_row`..`last_row`. `wait=False`: only the blocks read by now (the
        others are read in a worker, and `loaded` is called when they arrive)."""
        key = (first_row // BLOCK, last_row // BLOCK)
        if self._merged is not None and self._merged[0] == key:
            return self._merged[1]
        blocks = range(key[0], key[1] + 1)
        if wait:
            self._load(blocks)
        else:
            self._read_later(blocks)
        parts = [self._blocks[b] for b in blocks if b in self._blocks]
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
        if len(parts) == len(blocks):
            self._merged = (key, merged)
        return merged
