"""Everything Kindling says, read once from each package's ``phrases.toml`` (a section per
feature: ``bot/kudos/phrases.toml`` holds ``[kudos]``), and handed out by dotted key."""

from __future__ import annotations

import tomllib
import zlib
from functools import cache
from importlib.resources import files
from typing import Any

PHRASE_FILE = "phrases.toml"


@cache
def _raw_phrases() -> dict[str, Any]:
    """Every package's ``phrases.toml`` (the core's and each feature's), one section each."""
    merged: dict[str, Any] = {}
    for folder in sorted(files("bot").iterdir(), key=lambda found: found.name):
        found = folder / PHRASE_FILE
        if not found.is_file():
            continue
        for section, texts in tomllib.loads(found.read_text(encoding="utf-8")).items():
            if section in merged:
                raise ValueError(f"phrase section [{section}] is in two packages")
            merged[section] = texts
    return merged


def phrase(key: str, **fields: object) -> str:
    """The phrase at dotted ``key`` (``"kudos.refused.daily_limit"``), filled with ``fields``."""
    node: Any = _raw_phrases()
    for part in key.split("."):
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(f"{key} is not a phrase")
    return node.format(**fields) if fields else node


def phrase_choices(key: str) -> tuple[str, ...]:
    """The list of variants at dotted ``key`` (greetings, replies...)."""
    node: Any = _raw_phrases()
    for part in key.split("."):
        node = node[part]
    if not isinstance(node, list) or not node:
        raise KeyError(f"{key} is not a list of phrases")
    return tuple(str(item) for item in node)


def pick(key: str, seed: str, **fields: object) -> str:
    """One variant at ``key``, chosen by ``seed``: varied from day to day and person to
    person, yet the same each time the same message is rendered again."""
    choices = phrase_choices(key)
    chosen = choices[zlib.crc32(seed.encode()) % len(choices)]
    return chosen.format(**fields) if fields else chosen


@cache
def break_prompt_keys() -> tuple[str, ...]:
    """Every break prompt as ``category.index`` (``"water.2"``), in file order."""
    categories: dict[str, list[str]] = _raw_phrases()["breaks"]["prompts"]
    return tuple(
        f"{category}.{index}"
        for category, prompts in categories.items()
        for index in range(len(prompts))
    )


def break_prompt(key: str) -> str:
    category, _, index = key.partition(".")
    return phrase_choices(f"breaks.prompts.{category}")[int(index)]


def phrase_entries(key: str) -> tuple[dict[str, str], ...]:
    """The list of tables at dotted ``key`` (the help's command lines)."""
    node: Any = _raw_phrases()
    for part in key.split("."):
        node = node[part]
    if not isinstance(node, list) or not all(isinstance(item, dict) for item in node):
        raise KeyError(f"{key} is not a list of tables")
    return tuple({str(k): str(v) for k, v in item.items()} for item in node)
