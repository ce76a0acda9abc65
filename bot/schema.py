"""Every table, gathered on one metadata: what the migrations and ``alembic check`` compare."""

from __future__ import annotations

from sqlalchemy import MetaData

from bot.breaks import models as _breaks
from bot.checkins import models as _checkins
from bot.core.slack import tables as _slack
from bot.core.store import models as _core
from bot.core.store.base import Base
from bot.kudos import models as _kudos
from bot.members import models as _members
from bot.recaps import models as _recaps
from bot.wins import models as _wins

MODULES = (_core, _slack, _members, _kudos, _checkins, _breaks, _wins, _recaps)


def metadata() -> MetaData:
    """The metadata with every table of every feature on it."""
    return Base.metadata
