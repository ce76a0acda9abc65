"""Outbox message kinds of break reminders."""

from __future__ import annotations

BREAK_REMINDER = "break"  # a reminder in a channel, or a personal one by DM
BREAK_UPDATED = "break_updated"  # chat.update: how many took a break, or snoozed
BREAKS_CHANGED = "breaks_changed"  # the quiet line in the channel naming who changed what
BREAKS_PAUSED = "breaks_paused"  # DM to whoever set them up: the channel cannot be reached
