"""Validate ``manifest.yml`` against Slack's schema; ``python -m tests.support.manifest`` in CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml
from jsonschema import validators

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "manifest.yml"
SCHEMA = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"


def load_manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise TypeError("manifest.yml must hold a mapping")
    return loaded


def schema_problems(manifest: dict[str, Any], schema_path: Path = SCHEMA) -> list[str]:
    """Every way ``manifest`` breaks Slack's schema; empty when it is valid."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator_class(schema).iter_errors(manifest)
    ]


def main() -> int:
    if not SCHEMA.is_file():
        print(f"manifest: Slack's schema is missing at {SCHEMA}", file=sys.stderr)  # noqa: T201
        return 1
    return report("manifest.yml", schema_problems(load_manifest()), "Slack's app manifest schema")


def report(file: str, problems: list[str], schema: str) -> int:
    """Print ``problems`` (or that ``file`` validates against ``schema``); the exit status."""
    for problem in problems:
        print(f"{file}: {problem}", file=sys.stderr)  # noqa: T201
    if not problems:
        print(f"{file} validates against {schema}")  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
