"""CSV import of accounts: read the file, preview every row's fate, apply in one transaction.

    table = read_table(path.read_bytes())
    preview = build_preview(table, existing_accounts(session), mapping=..., date_order=...)
    applied = apply_preview(session, preview, skip_invalid=True)
"""

from csplanner.core.csv_import.apply import Applied, apply_preview, refuse_errors, revert
from csplanner.core.csv_import.dates import ORDERS
from csplanner.core.csv_import.headers import FIELDS, IGNORE, apply_overrides, guess_mapping, parse_map_option
from csplanner.core.csv_import.preview import (
    Existing,
    Fate,
    Preview,
    RowFate,
    build_preview,
    existing_accounts,
    preview_file,
)
from csplanner.core.csv_import.reading import Table, read_table

__all__ = [
    "FIELDS", "IGNORE", "ORDERS", "Applied", "Existing", "Fate", "Preview", "RowFate", "Table", "apply_overrides",
    "apply_preview", "build_preview", "existing_accounts", "guess_mapping", "parse_map_option", "preview_file", "read_table",
    "refuse_errors", "revert",
]
