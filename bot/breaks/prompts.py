"""Which gentle prompt a reminder carries: varied, and never one of the channel's last 20."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

NO_REPEAT_WITHIN = 20


def choose_prompt(keys: Sequence[str], recent: Sequence[str], *, seed: str) -> str:
    """One of ``keys`` not among the ``NO_REPEAT_WITHIN`` most recent (newest last), picked
    by ``seed`` so that two processes claiming the same slot would pick the same one."""
    if len(keys) <= NO_REPEAT_WITHIN:
        raise ValueError(f"need more than {NO_REPEAT_WITHIN} prompts to avoid repeats")
    shut_out = set(recent[-NO_REPEAT_WITHIN:])
    candidates = [key for key in keys if key not in shut_out]
    return candidates[zlib.crc32(seed.encode()) % len(candidates)]
