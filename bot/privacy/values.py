"""Privacy's plain values (no store here, so the Block Kit builders may use them)."""

from __future__ import annotations

FORMER_TEAMMATE = "former-teammate"  # stands in for someone forgotten, where others' rows stay
