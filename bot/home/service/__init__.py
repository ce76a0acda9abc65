"""The App Home's service. Its public entry is :func:`refresh_home`, which other features call
when something the Home shows changed; what the Home shows is read in :mod:`.state`, at send
time, from the other features' services (so this package's entry imports none of them)."""

from __future__ import annotations

from bot.home.service.refresh import refresh_home

__all__ = ["refresh_home"]
