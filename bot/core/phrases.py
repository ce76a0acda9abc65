"""Read the phrase file (``phrases.toml``) once and hand out its texts."""

from __future__ import annotations

import tomllib
import zlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True, slots=True)
class CommandHelp:
    """One line of the help overview."""

    usage: str
    what: str


@dataclass(frozen=True, slots=True)
class HelpPhrases:
    header: str
    intro: str
    footer: str
    commands: tuple[CommandHelp, ...]


@dataclass(frozen=True, slots=True)
class ErrorPhrases:
    generic: str
    unknown_subcommand: str


@dataclass(frozen=True, slots=True)
class Phrases:
    """All of Kindling's texts."""

    help: HelpPhrases
    errors: ErrorPhrases


@cache
def _raw_phrases() -> dict[str, Any]:
    return tomllib.loads(files("bot.core").joinpath("phrases.toml").read_text(encoding="utf-8"))


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


@cache
def phrases() -> Phrases:
    """The structured phrases (read on first use, not at import)."""
    raw = _raw_phrases()
    help_raw = raw["help"]
    return Phrases(
        help=HelpPhrases(
            header=help_raw["header"],
            intro=help_raw["intro"],
            footer=help_raw["footer"],
            commands=tuple(CommandHelp(**entry) for entry in help_raw["commands"]),
        ),
        errors=ErrorPhrases(**raw["errors"]),
    )
