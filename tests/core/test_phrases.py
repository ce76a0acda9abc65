"""Each package says its own things: a feature's phrases live in its own ``phrases.toml``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import bot
from bot.core.phrases import phrase, phrase_entries

SECTIONS = {
    "core": {"errors", "guests"},
    "help": {"help"},
    "kudos": {"kudos"},
    "checkins": {"checkin"},
    "breaks": {"breaks"},
    "wins": {"wins"},
    "home": {"home"},
    "recaps": {"recap", "kindness_recap"},
    "privacy": {"privacy"},
    "settings": {"settings"},
}


def test_each_package_holds_only_its_own_sections() -> None:
    root = Path(bot.__file__).parent
    found = {
        path.parent.name: set(tomllib.loads(path.read_text(encoding="utf-8")))
        for path in root.glob("*/phrases.toml")
    }
    assert found == SECTIONS


def test_phrases_from_every_package_are_read_by_one_api() -> None:
    assert phrase("kudos.given", recipients="<@U1>").startswith("Your kudos to <@U1>")
    assert phrase("errors.generic")
    assert phrase_entries("help.commands")[0]["usage"] == "/kindling help"
