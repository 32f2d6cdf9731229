"""The record tables of an account: typed rows from core, text from core.present, sorted by a proxy."""

from csplanner.ui.record_table.columns import SPECS, TableSpec
from csplanner.ui.record_table.model import RecordSortProxy, RecordTableModel
from csplanner.ui.record_table.tab import RecordTab

__all__ = ["SPECS", "RecordSortProxy", "RecordTab", "RecordTableModel", "TableSpec"]
