"""the coach: check-in attendees, per-stakeholder cadence, settings the core reads

Existing data: check-ins keep no attendees (nobody was recorded), stakeholders follow their
role's cadence, and the settings table starts empty (the defaults in core/settings.py apply).

Revision ID: 0007_coach
Revises: 0006_book_id
Create Date: 2026-11-26
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0007_coach'
down_revision: Union[str, None] = '0006_book_id'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('check_in_attendee',
    sa.Column('check_in_id', sa.Integer(), nullable=False),
    sa.Column('stakeholder_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['check_in_id'], ['check_in.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stakeholder_id'], ['stakeholder.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('check_in_id', 'stakeholder_id')
    )
    with op.batch_alter_table('check_in_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_in_attendee_stakeholder_id'), ['stakeholder_id'], unique=False)
    op.create_table('setting',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('stakeholder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cadence_days', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('stakeholder', schema=None) as batch_op:
        batch_op.drop_column('cadence_days')
    op.drop_table('setting')
    with op.batch_alter_table('check_in_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_check_in_attendee_stakeholder_id'))
    op.drop_table('check_in_attendee')
