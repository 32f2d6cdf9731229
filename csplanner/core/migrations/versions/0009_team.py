"""the team: account owners, a version per edited row, the change counter

Existing accounts get the owner the caller passes in (`migrate.upgrade(engine, owner=NAME)`),
else "" (nobody: "Unassigned"). A migration may run on a shared server, started by whichever
colleague upgrades first: making them the owner of every account would be a guess, and a wrong
one for everybody else. The accounts list's "Mine" shows unassigned accounts too, so a person
upgrading their own book loses sight of nothing. Every existing row starts at version 1,
changed by nobody known; the counter starts at 0.

Revision ID: 0009_team
Revises: 0008_calendar_index
Create Date: 2026-11-26
"""
from typing import Sequence, Union

from alembic import context, op
import sqlalchemy as sa
import sqlmodel


revision: str = '0009_team'
down_revision: Union[str, None] = '0008_calendar_index'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

VERSIONED = ('account', 'stakeholder', 'discovery_note', 'milestone', 'obstacle', 'check_in', 'season',
             'forecast', 'next_step', 'setting')


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
            batch_op.add_column(sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(length=100),
                                          server_default='', nullable=False))
            batch_op.add_column(sa.Column('changed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=100),
                                      server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_account_owner'), ['owner'], unique=False)
    owner = str(context.config.attributes.get('owner') or '')[:100]
    if owner:
        op.get_bind().execute(sa.text("UPDATE account SET owner = :owner"), {"owner": owner})
    op.create_table('change_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.get_bind().execute(sa.text("INSERT INTO change_counter (id, n) VALUES (1, 0)"))


def downgrade() -> None:
    op.drop_table('change_counter')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_owner'))
        batch_op.drop_column('owner')
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('changed_at')
            batch_op.drop_column('changed_by')
            batch_op.drop_column('version')
