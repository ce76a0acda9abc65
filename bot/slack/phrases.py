"""Read the phrase file (``phrases.toml``) once and hand out its texts."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


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
def phrases() -> Phrases:
    """The phrases shipped with the package (read on first use, not at import)."""
    raw = tomllib.loads(files("bot.slack").joinpath("phrases.toml").read_text(encoding="utf-8"))
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
