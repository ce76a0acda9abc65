"""Answers a listener or middleware gives Slack in the HTTP response itself."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import BoltResponse


def modal_error(view: dict[str, Any], text: str) -> BoltResponse:
    """Keep a submitted form open (with what was typed), saying ``text`` on its first field."""
    blocks = view.get("blocks") or []
    first_input = next((b.get("block_id") for b in blocks if b.get("type") == "input"), None)
    if first_input is None:
        return BoltResponse(status=200, body="")
    answer = {"response_action": "errors", "errors": {first_input: text}}
    return BoltResponse(
        status=200, body=json.dumps(answer), headers={"content-type": "application/json"}
    )
