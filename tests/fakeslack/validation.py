"""Check what the bot sends the way Slack would: slack_sdk.models plus Slack's count limits."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_BLOCKS_PER_MESSAGE = 50
MAX_BLOCKS_PER_VIEW = 100


def decode(value: Any) -> Any:
    """Form-encoded calls carry blocks and views as JSON strings."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def blocks_problems(blocks: Any, *, limit: int = MAX_BLOCKS_PER_MESSAGE) -> list[str]:
    """Everything wrong with a ``blocks`` argument; empty when Slack would accept it."""
    blocks = decode(blocks)
    if not isinstance(blocks, list):
        return [f"blocks must be a list, got {type(blocks).__name__}"]
    problems = []
    if len(blocks) > limit:
        problems.append(f"{len(blocks)} blocks is over Slack's limit of {limit}")
    for index, raw in enumerate(blocks):
        if not isinstance(raw, dict) or "type" not in raw:
            problems.append(f"block {index} has no type")
            continue
        try:
            parsed = Block.parse(raw)
            if parsed is None or type(parsed) is Block:
                problems.append(f"block {index} has an unknown type {raw['type']!r}")
                continue
            parsed.to_dict()
        except (SlackObjectFormationError, TypeError, KeyError, ValueError) as error:
            problems.append(f"block {index} ({raw['type']}): {error}")
    return problems


def view_problems(view: Any) -> list[str]:
    """Everything wrong with a ``view`` argument."""
    view = decode(view)
    if not isinstance(view, dict):
        return [f"view must be an object, got {type(view).__name__}"]
    problems = blocks_problems(view.get("blocks", []), limit=MAX_BLOCKS_PER_VIEW)
    try:
        View(**view).to_dict()
    except (SlackObjectFormationError, TypeError, ValueError) as error:
        problems.append(f"view: {error}")
    return problems
