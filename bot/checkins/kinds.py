"""Outbox message kinds of the check-in, and their idempotency keys."""

from __future__ import annotations

from datetime import date

CHECKIN = "checkin"  # the morning DM
CHECKIN_ANSWERED = "checkin_answered"  # chat.update of that DM with the answer
CHECKIN_WELCOME = "checkin_welcome"  # the one-time DM to people a channel enrolled
CHECKIN_NOTICE = "checkin_notice"  # a private line through a response_url
CHECKIN_OPTED_OUT = "checkin_opted_out"  # the welcome, replaced after "Not for me"
CHECKIN_CARE = "checkin_care"  # the private message after a low-energy streak
CHANNEL_NOT_ENROLLED = "checkin_channel_not_enrolled"  # DM to whoever ran /checkin team


def checkin_key(user_id: str, local_date: date) -> str:
    """One check-in per member and local day: the claim's unique key."""
    return f"checkin:{user_id}:{local_date.isoformat()}"


def welcome_key(user_id: str) -> str:
    """One welcome per member, ever."""
    return f"checkin-welcome:{user_id}"
