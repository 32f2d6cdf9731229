"""ARR in each currency's own minor units (CLDR digits, as the app now reads them)

Revision ID: 0003_currency_minor_units
Revises: 0002_seasons
Create Date: 2026-11-26

Until now the app counted 0 digits for ten currencies and 2 for every other one; it now takes
the digits from the Unicode CLDR data (via Babel): HUF has 2, BHD 3, IQD 0… Amounts are
rescaled so every account keeps the ARR its user typed. The factors are frozen here: later
CLDR releases must not change what this step did.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0003_currency_minor_units'
down_revision: Union[str, None] = '0002_seasons'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# new digits minus old digits, for the currencies where they differ (Babel 2.18 / CLDR 47)
SHIFT = {
    'BHD': 1, 'CLF': 2, 'HUF': 2, 'JOD': 1, 'KWD': 1, 'LYD': 1, 'OMR': 1, 'TND': 1, 'UYW': 2,
    **{code: -2 for code in (
        'ADP', 'AFN', 'ALL', 'BIF', 'BYR', 'DJF', 'ESP', 'GNF', 'IQD', 'IRR', 'ITL', 'KMF', 'KPW', 'LAK',
        'LBP', 'LUF', 'MGA', 'MGF', 'MMK', 'MRO', 'RSD', 'RWF', 'SLL', 'SOS', 'STD', 'SYP', 'TMM', 'TRL',
        'UYI', 'VUV', 'XPF', 'YER', 'ZMK', 'ZWD')},
}


# every money column, with how its row finds the account (whose currency it is in)
COLUMNS = (
    ("account", "arr_minor", "id"),
    ("season", "arr_start_minor", "account_id"),
    ("season", "arr_result_minor", "account_id"),
    ("forecast", "arr_minor", "account_id"),
)


def _scaled(column: str, shift: int) -> str:
    if shift > 0:
        return f"{column} * {10 ** shift}"
    return f"CAST(ROUND({column} / {10.0 ** -shift}) AS INTEGER)"  # fewer digits: the nearest whole unit


def _rescale(direction: int) -> None:
    for code, shift in SHIFT.items():
        for table, column, key in COLUMNS:
            op.execute(sa.text(
                f"UPDATE {table} SET {column} = {_scaled(column, shift * direction)} "
                f"WHERE {column} IS NOT NULL AND {key} IN (SELECT id FROM account WHERE currency = :code)"
            ).bindparams(code=code))


def upgrade() -> None:
    _rescale(1)


def downgrade() -> None:
    _rescale(-1)
