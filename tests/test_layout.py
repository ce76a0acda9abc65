"""The tests mirror ``bot/``: each feature package has its own test folder, and tests share
helpers through ``tests/support``, never by importing another test module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bot

BOT = Path(bot.__file__).resolve().parent
TESTS = Path(__file__).resolve().parent
CORE_PARTS = ("events", "listeners", "outbox", "scheduling", "slack", "store")


def feature_packages() -> list[str]:
    """Every package under ``bot/`` with listeners of its own is a feature."""
    return sorted(path.parent.parent.name for path in BOT.glob("*/listeners/__init__.py"))


def test_there_are_features_to_mirror() -> None:
    assert {"kudos", "checkins", "breaks", "privacy"} <= set(feature_packages())


@pytest.mark.parametrize("feature", feature_packages())
def test_each_feature_has_a_test_folder(feature: str) -> None:
    folder = TESTS / feature
    assert sorted(folder.glob("test_*.py")), f"bot/{feature} has no tests/{feature}/test_*.py"


@pytest.mark.parametrize("part", CORE_PARTS)
def test_each_core_part_has_a_test_folder(part: str) -> None:
    assert (BOT / "core" / part).is_dir(), f"bot/core/{part} is gone: update CORE_PARTS"
    assert sorted((TESTS / "core" / part).glob("test_*.py")), f"tests/core/{part} has no tests"


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_no_test_imports_another_test_module() -> None:
    offenders = [
        f"{path.relative_to(TESTS)} imports {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for module in imported_modules(path)
        if module.startswith("tests.") and module.rsplit(".", 1)[-1].startswith("test_")
    ]
    assert offenders == []
