"""The home outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.core.outbox.messages import MessageKind
from bot.home.messages import APP_HOME
from bot.home.service import state

KINDS: tuple[MessageKind[Any], ...] = (dataclasses.replace(APP_HOME, load=state.load_home),)
